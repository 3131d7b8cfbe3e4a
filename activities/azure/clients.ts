/**
 * The Azure SDK clients, one set per (subscription, ARM endpoint), built on first use and kept:
 * each holds a token cache and keep-alive connections worth reusing across activities. The dns
 * section (Azure DNS, Traffic Manager) and the drain section (Service Bus) share them.
 *
 * The credential is DefaultAzureCredential unless one is given: on a worker that is environment
 * variables, workload identity, a managed identity or the Azure CLI login, whichever is present.
 * A section's `endpoint` points the clients at another ARM (a sovereign cloud, or a local server
 * in rehearsal); the token is then asked for that endpoint's `/.default` scope.
 */
import { DnsManagementClient, type DnsManagementClientOptionalParams } from '@azure/arm-dns';
import { ServiceBusManagementClient } from '@azure/arm-servicebus';
import { TrafficManagerManagementClient } from '@azure/arm-trafficmanager';
import { DefaultAzureCredential, type TokenCredential } from '@azure/identity';

/**
 * What may be passed through to every client: a CA to trust (`tlsOptions`, for a local ARM with
 * its own certificate) and retry tuning. The SDK retries 429/503 after Retry-After and 5xx with
 * backoff on its own (3 times by default) before an error reaches us.
 */
export type AzureClientOptions = Pick<DnsManagementClientOptionalParams, 'tlsOptions' | 'retryOptions'>;

export interface AzureClients {
  dns: DnsManagementClient;
  trafficManager: TrafficManagerManagementClient;
  serviceBus: ServiceBusManagementClient;
}

/** What a runbook section says about where its resources are. */
export interface AzureTarget {
  subscriptionId: string;
  endpoint?: string | undefined;
}

export interface ClientSettings {
  credential?: TokenCredential;
  clientOptions?: AzureClientOptions;
}

const USER_AGENT = 'cutover-orchestrator';

export function azureClients(settings: ClientSettings): (section: AzureTarget) => AzureClients {
  let credential = settings.credential;
  const cache = new Map<string, AzureClients>();
  return (section) => {
    const endpoint = section.endpoint?.replace(/\/+$/, '');
    const key = `${section.subscriptionId}\n${endpoint ?? ''}`;
    let clients = cache.get(key);
    if (!clients) {
      credential ??= new DefaultAzureCredential();
      const options = {
        ...settings.clientOptions,
        userAgentOptions: { userAgentPrefix: USER_AGENT },
        ...(endpoint && { endpoint }),
      };
      clients = {
        dns: new DnsManagementClient(credential, section.subscriptionId, options),
        trafficManager: new TrafficManagerManagementClient(credential, section.subscriptionId, options),
        serviceBus: new ServiceBusManagementClient(credential, section.subscriptionId, options),
      };
      cache.set(key, clients);
    }
    return clients;
  };
}
