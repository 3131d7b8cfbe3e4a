/**
 * Azure providers for a worker: `dns.provider: azure` (Traffic Manager weights, Azure DNS record
 * set TTL and final switch) and `drain.provider: servicebus` (queue depth through ARM), sharing
 * their clients. Production passes nothing and gets DefaultAzureCredential; tests and
 * rehearsals pass their own credential, and client options to trust a local ARM's certificate.
 */
import type { TokenCredential } from '@azure/identity';
import type { DnsProvider, QueueProvider } from '../providers';
import { azureClients, type AzureClientOptions } from './clients';
import { azureDns } from './dns';
import { servicebusQueues } from './servicebus';

export type { AzureClientOptions };

export interface AzureProviderOptions {
  /** DefaultAzureCredential when absent. */
  credential?: TokenCredential;
  clientOptions?: AzureClientOptions;
}

export interface AzureProviders {
  dns: { azure: DnsProvider };
  queues: { servicebus: QueueProvider };
}

export function azureProviders(options: AzureProviderOptions = {}): AzureProviders {
  const clients = azureClients(options);
  return { dns: { azure: azureDns(clients) }, queues: { servicebus: servicebusQueues(clients) } };
}
