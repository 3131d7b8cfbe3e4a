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
import { signerActivities } from './signers';

export interface ActivityOptions {
  /** The worker's allowed-signers file: the keys that may decide at gates. */
  allowedSignersFile?: string;
  /** The worker's console-vouchers file: which consoles may decide for which signed-in people. */
  consoleVouchersFile?: string;
  /** The console's checked base URL (console-link.ts), linked from the notifications that ask a person to act. */
  consoleUrl?: string;
}

export function createActivities(providers: Providers, options: ActivityOptions = {}) {
  return {
    ...preflightActivities(providers),
    ...dnsActivities(providers),
    ...replicationActivities(providers),
    ...queueActivities(providers),
    ...analysisActivities(providers),
    ...hookActivities(providers),
    ...notifyActivities(providers, options),
    ...signerActivities(options.allowedSignersFile, options.consoleVouchersFile),
  };
}

export type CutoverActivities = ReturnType<typeof createActivities>;
export type { GateSigners } from '../workflows/signing/gate-signers';
export type { MetricSample, PreflightProblems, PreflightResult } from './types';
