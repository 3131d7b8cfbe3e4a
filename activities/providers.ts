/**
 * The small interfaces every cloud provider implements. Activities pick the implementation named by
 * the runbook section's `provider` field, so a new provider slots in without touching the workflow.
 */
import type { Hook, Metric, Runbook } from '../workflows/runbook/schema';
import type { Weights } from '../workflows/decisions/traffic';
import type { Side } from '../workflows/runbook/metric-sides';

export type Color = 'blue' | 'green';
export type { Side };

/** Percent of traffic on each side; always sums to 100. */
export type { Weights };

export type DnsConfig = Runbook['dns'];
export type ReplicationConfig = Runbook['replication'];
export type DrainConfig = NonNullable<Runbook['drain']>;
export type QueueConfig = DrainConfig['queues'][number];
export type NotificationChannel = Runbook['notifications'][number];

export interface DnsProvider {
  readWeights(dns: DnsConfig): Promise<Weights>;
  /** Writes both weights in one change; returns an id to wait on until the change is in sync. */
  setWeights(dns: DnsConfig, weights: Weights): Promise<{ changeId: string }>;
  isInSync(dns: DnsConfig, changeId: string): Promise<boolean>;
  readTtl(dns: DnsConfig): Promise<number>;
  setTtl(dns: DnsConfig, ttlMs: number): Promise<{ changeId: string }>;
}

/** Forward: blue → green, before and during the cutover. Reverse: green → blue, once green takes writes. */
export type ReplicationDirection = 'forward' | 'reverse';

export interface ReplicationProvider {
  /**
   * Throws when the forward replication is missing or not running, saying which; when the runbook
   * names a reverse replication, also when that one does not exist (it need not run yet).
   */
  check(replication: ReplicationConfig): Promise<void>;
  /** Seconds of lag in that direction (forward when not given), or null when the provider has no data. */
  lagSeconds(replication: ReplicationConfig, direction?: ReplicationDirection): Promise<number | null>;
  /**
   * Starts the reverse replication (green → blue). Idempotent: a reverse replication that is already
   * starting or running is left as it is. Throws a non-retryable error when the runbook names none.
   */
  startReverse(replication: ReplicationConfig): Promise<void>;
  /** Whether the reverse replication runs now, with the provider's own word for its state. */
  reverseStatus(replication: ReplicationConfig): Promise<{ running: boolean; status: string }>;
  /**
   * The side taking writes, for a provider that can tell (preflight refuses a cutover whose writes
   * already moved). DMS and Prometheus cannot: they replicate and measure, and leave it out.
   */
  writer?(replication: ReplicationConfig): Promise<Color | null>;
}

export interface QueueProvider {
  check(drain: DrainConfig, queue: QueueConfig): Promise<void>;
  /** Messages still in the queue: visible, in flight and delayed. */
  depth(drain: DrainConfig, queue: QueueConfig): Promise<number>;
}

export interface MetricProvider {
  /** One number for the metric on that side, or null when it returned no data. Throws on a provider error. */
  query(metric: Metric, side: Side): Promise<number | null>;
}

/** What a hook is asked to do: freeze or unfreeze writes on a side, make a side the writer, or test green. */
export type HookAction = 'freeze' | 'unfreeze' | 'switch-writes' | 'test';

export interface HookContext {
  /** Stable across retries, so a hook receiver can drop duplicates. */
  idempotencyKey: string;
  cutover: string;
  /** Which side the hook acts on (freeze blue, unfreeze green after completion, switch writes to green). */
  target: Color;
  /** The cutover always says; optional so a receiver written before actions existed still type-checks. */
  action?: HookAction;
}

export interface HookProvider {
  run(hook: Hook, context: HookContext): Promise<void>;
  /** Preflight: the hook could run (its secrets are set), checked without calling it. */
  check?(hook: Hook): Promise<void>;
}

export type NotificationKind =
  | 'gate-open'
  | 'rollback'
  | 'rollback-escalation'
  | 'completion-escalation'
  | 'completed'
  | 'aborted'
  | 'paused'
  | 'sample-gap'
  /** A wave's own events: `cutover` is then the wave's id. */
  | 'wave-started'
  | 'wave-gate-open'
  | 'application-ended'
  | 'blast-radius'
  | 'wave-ended';

export interface Notification {
  kind: NotificationKind;
  cutover: string;
  message: string;
  idempotencyKey: string;
  /** For gate-open: the gate and who may approve it, so a channel can show how to approve. */
  gate?: { name: string; approvers: string[] };
  /** The cutover's page in the console, when the worker knows the console's address (console-link.ts). */
  link?: string;
}

export interface Notifier {
  notify(channel: NotificationChannel, notification: Notification): Promise<void>;
  /** Preflight: the channel could be sent to (its webhook URL is set), checked without sending. */
  check?(channel: NotificationChannel): Promise<void>;
}

/** Implementations by provider name ("simulated", later "route53", "azure", ...). */
export interface Providers {
  dns: Record<string, DnsProvider>;
  replication: Record<string, ReplicationProvider>;
  queues: Record<string, QueueProvider>;
  metrics: Record<string, MetricProvider>;
  hooks: Record<string, HookProvider>;
  notifiers: Record<string, Notifier>;
}
