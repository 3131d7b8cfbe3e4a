/**
 * The whole simulated cloud as one plain JSON value, so a FileStore can share it between a worker in a
 * child process and the test that kills that worker. Rates are stored with the absolute time they were
 * set (epoch ms) and evaluated on read: nothing ticks in the background, so a restarted process
 * sees exactly where the cloud has got to. The call log is kept apart from this state (see Store): it
 * only grows, and rewriting it on every call would make each call slower than the last.
 */
import type { Weights } from '../providers';

export const STATE_VERSION = 1;

/** Every provider call the cloud answers; also the names `failNext`/`failAlways` accept. */
export type Operation =
  | 'dns.readWeights'
  | 'dns.setWeights'
  | 'dns.isInSync'
  | 'dns.readTtl'
  | 'dns.setTtl'
  | 'replication.check'
  | 'replication.lag'
  | 'queues.check'
  | 'queues.depth'
  | 'metrics.query'
  | 'hooks.run'
  | 'notify';

/**
 * An operation, or one aimed at a single target: `metrics.query:<query>`, `hooks.run:<hook name>`,
 * `notify:<channel>`, `queues.depth:<queue>`, `queues.check:<queue>`.
 */
export type FailureTarget = Operation | `${Operation}:${string}`;

export interface DnsRecordState {
  weights: Weights;
  ttlMs: number;
  /** How long after a change its id reads as in sync. */
  syncDelayMs: number;
}

export interface DnsChange {
  record: string;
  syncedAt: number;
}

/** lag = max(floorSeconds, startSeconds − fallsPerSecond × seconds since setAt). */
export interface LagSpec {
  startSeconds: number;
  fallsPerSecond?: number;
  floorSeconds?: number;
}

export interface ReplicationTaskState {
  status: string;
  /** null: the provider has no lag data (a task that has not reported yet). */
  lag: (Required<LagSpec> & { setAt: number }) | null;
}

export interface QueueSpec {
  depth: number;
  drainPerSecond?: number;
}

export interface QueueState {
  depth: number;
  drainPerSecond: number;
  setAt: number;
}

export interface MetricFaultSpec {
  value: number | null;
  /** Epoch ms from which reads return the fault value; default now. */
  from?: number;
  /** Only this many reads see the fault (one noisy sample); default until cleared. */
  samples?: number;
}

export interface MetricFault {
  value: number | null;
  from: number;
  remaining: number | null;
}

export interface FailureRule {
  /** null: fails until cleared. */
  remaining: number | null;
  message: string;
}

export interface CallRecord {
  op: Operation;
  at: number;
  args: Record<string, unknown>;
  ok: boolean;
  result?: unknown;
  error?: string;
}

export interface HookRun {
  at: number;
  hook: string;
  target: string;
  cutover: string;
  idempotencyKey: string;
}

export interface NotificationRecord {
  at: number;
  channel: string;
  kind: string;
  cutover: string;
  message: string;
  idempotencyKey: string;
}

export interface CloudState {
  version: number;
  dns: Record<string, DnsRecordState>;
  changes: Record<string, DnsChange>;
  nextChange: number;
  replication: Record<string, ReplicationTaskState>;
  queues: Record<string, QueueState>;
  metrics: Record<string, number | null>;
  metricFaults: Record<string, MetricFault>;
  failures: Record<string, FailureRule>;
  hookRuns: HookRun[];
  notifications: NotificationRecord[];
}

export function emptyState(): CloudState {
  return {
    version: STATE_VERSION,
    dns: {},
    changes: {},
    nextChange: 1,
    replication: {},
    queues: {},
    metrics: {},
    metricFaults: {},
    failures: {},
    hookRuns: [],
    notifications: [],
  };
}
