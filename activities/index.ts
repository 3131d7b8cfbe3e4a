/**
 * The cutover's activities, built from the provider implementations this worker has. Tests and
 * rehearsals pass the simulated cloud's providers; a production worker passes real ones.
 */
import { analysisActivities } from './analysis';
import { dnsActivities } from './dns';
import { hookActivities } from './hooks';
import { notifyActivities } from './notify';
import { preflightActivities } from './preflight';
import type { Providers } from './providers';
import { queueActivities } from './queues';
import { replicationActivities } from './replication';

/** `consoleUrl`: the console's checked base URL (console-link.ts), linked from the notifications that ask a person to act. */
export function createActivities(providers: Providers, options: { consoleUrl?: string } = {}) {
  return {
    ...preflightActivities(providers),
    ...dnsActivities(providers),
    ...replicationActivities(providers),
    ...queueActivities(providers),
    ...analysisActivities(providers),
    ...hookActivities(providers),
    ...notifyActivities(providers, options),
  };
}

export type CutoverActivities = ReturnType<typeof createActivities>;
export type { MetricSample, PreflightProblems, PreflightResult } from './types';
