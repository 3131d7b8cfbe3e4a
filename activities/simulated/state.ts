/**
 * The whole simulated cloud as one plain JSON value, so a FileStore can share it between a worker in a
 * child process and the test that kills that worker. Rates are stored with the absolute time they were
 * set (epoch ms) and evaluated on read: nothing ticks in the background, so a restarted process
 * sees exactly where the cloud has got to. The call log is kept apart from this state (see Store): it
 * only grows, and rewriting it on every call would make each call slower than the last.
 */
import type { Color, Weights } from '../providers';

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
  | 'replication.startReverse'
  | 'replication.reverseStatus'
  | 'replication.writer'
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
  /** What the hook was asked to do: freeze, unfreeze, switch-writes, test. */
  action: string;
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
  /** The console page it links to, when the worker has a console address. */
  link?: string;
}

/** One acknowledged write; `origin` is the side that acknowledged it. */
export interface LedgerWrite {
  id: number;
  at: number;
  origin: Color;
}

export interface DatabaseState {
  /** Frozen: the side refuses writes (a freeze hook ran on it). */
  frozen: boolean;
  /** Every write this side holds, acknowledged here or copied by replication. */
  writes: LedgerWrite[];
}

export interface StreamState {
  /** 'running' copies; the reverse stream stays 'stopped' until startReverse, 'absent' when there is none. */
  status: 'running' | 'stopped' | 'absent';
  /** A write is copied this long after it was acknowledged: the lag under a steady load. */
  delayMs: number;
}

export interface DataSpec {
  writer?: Color;
  forwardDelayMs?: number;
  reverseDelayMs?: number;
  reverse?: 'stopped' | 'absent';
  /** A steady write load from the start: one write attempted every this many ms. */
  writeEveryMs?: number;
}

export interface DataState {
  /** The side the application writes to. */
  writer: Color;
  blue: DatabaseState;
  green: DatabaseState;
  forward: StreamState;
  reverse: StreamState;
  load: { everyMs: number; nextAt: number; attempted: number; acknowledged: number; refused: number } | null;
  nextWrite: number;
  /** Each time blue was unfrozen: how many of green's writes it lacked at that moment (invariant 7 wants 0). */
  blueReopened: { at: number; missing: number }[];
  /** Each time writes moved to a side: how many writes of the other side it lacked then (invariant 1 wants 0). */
  switches: { at: number; to: Color; missing: number }[];
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
  /** The databases behind the replication task; absent in a cloud without them. */
  data?: DataState;
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
