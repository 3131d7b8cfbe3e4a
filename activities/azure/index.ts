/**
 * Azure providers for a worker: `dns.provider: azure` (Traffic Manager weights, Azure DNS record
 * set TTL and final switch). Production passes nothing and gets DefaultAzureCredential; tests and
 * rehearsals pass their own credential, and client options to trust a local ARM's certificate.
 */
import type { TokenCredential } from '@azure/identity';
import type { DnsProvider } from '../providers';
import { azureClients, type AzureClientOptions } from './clients';
import { azureDns } from './dns';

export type { AzureClientOptions };

export interface AzureProviderOptions {
  /** DefaultAzureCredential when absent. */
  credential?: TokenCredential;
  clientOptions?: AzureClientOptions;
}

export function azureProviders(options: AzureProviderOptions = {}): { dns: { azure: DnsProvider } } {
  return { dns: { azure: azureDns(azureClients(options)) } };
}
