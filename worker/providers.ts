/**
 * The providers a worker process serves: every real provider (AWS, Azure, HTTP and Prometheus),
 * plus the simulated clouds when a state file is given (rehearsals, the demo, the CLI tests). A
 * runbook section names the provider it uses; a name missing here fails preflight with the field
 * to change.
 */
import { existsSync } from 'node:fs';
import type { Providers } from '../activities/providers';
import { awsProviders } from '../activities/aws';
import { azureProviders } from '../activities/azure';
import { httpProviders } from '../activities/http';
import { FileStore, SimulatedCloud } from '../activities/simulated';

export interface WorkerProviderOptions {
  /** Route 53 requests per second for the whole process (default: Route 53's 5 per account). */
  route53CallsPerSecond?: number;
  /** The simulated clouds' state file (created when missing); no simulated provider without it. */
  simulatedStateFile?: string;
}

export function createWorkerProviders(options: WorkerProviderOptions = {}): Providers {
  const providers: Providers = { dns: {}, replication: {}, queues: {}, metrics: {}, hooks: {}, notifiers: {} };
  merge(providers, awsProviders({ route53CallsPerSecond: options.route53CallsPerSecond }));
  merge(providers, azureProviders());
  merge(providers, httpProviders());
  if (options.simulatedStateFile) merge(providers, simulatedProviders(options.simulatedStateFile));
  return providers;
}

function simulatedProviders(stateFile: string): Providers {
  const store = new FileStore(stateFile);
  const cloud = existsSync(stateFile) ? SimulatedCloud.attach({ store }) : SimulatedCloud.create({ store });
  return cloud.providers();
}

function merge(into: Providers, from: Partial<Providers>): void {
  for (const kind of Object.keys(into) as (keyof Providers)[]) Object.assign(into[kind], from[kind] ?? {});
}
