/**
 * The providers that speak HTTP: Prometheus and http-probe metrics, replication lag through
 * Prometheus, webhook hooks, Slack and webhook notifications. Secrets are read from the worker's environment when a request is made.
 */
import type { HookProvider, MetricProvider, Notifier, ReplicationProvider } from '../providers';
import { httpProbeMetrics } from './probe';
import { prometheusMetrics } from './prometheus';
import { prometheusReplication } from './prometheus-replication';
import type { Fetch, HttpDeps } from './request';
import { slackNotifier } from './slack';
import { webhookHooks } from './webhook-hook';
import { webhookNotifier } from './webhook-notifier';

export interface HttpProviderOptions {
  /** Where secret headers and the Slack webhook URL are read from (default: process.env at each call). */
  env?: NodeJS.ProcessEnv;
  fetch?: Fetch;
}

export interface HttpProviders {
  metrics: { prometheus: MetricProvider; 'http-probe': MetricProvider };
  replication: { prometheus: ReplicationProvider };
  hooks: { webhook: HookProvider };
  notifiers: { slack: Notifier; webhook: Notifier };
}

export function httpProviders(options: HttpProviderOptions = {}): HttpProviders {
  const deps: HttpDeps = {
    env: () => options.env ?? process.env,
    fetch: options.fetch ?? ((input, init) => fetch(input, init)),
  };
  return {
    metrics: { prometheus: prometheusMetrics(deps), 'http-probe': httpProbeMetrics(deps) },
    replication: { prometheus: prometheusReplication(deps) },
    hooks: { webhook: webhookHooks(deps) },
    notifiers: { slack: slackNotifier(deps), webhook: webhookNotifier(deps) },
  };
}
