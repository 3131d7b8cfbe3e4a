/**
 * The runbook sections that move data: replication (the lag the RPO gates wait on, forward and
 * reverse) and drain (the queues emptied before traffic or writes move), one member per provider.
 */
import { z } from 'zod';
import { duration } from './fields';
import { LIMITS } from './limits';
import { aws, byProvider, query, text } from './provider-fields';
import { plainHeaders, secretHeaders, url } from './secrets';

// Replication: the lag the RPO gate waits on.

const replicationCommon = {
  timeout: duration,
  pollInterval: duration.default(10_000),
  /**
   * What a read with no lag data means: keep waiting (the safe default), or count it as within the
   * RPO, for a provider that publishes nothing while an idle task has nothing to copy.
   */
  noData: z.enum(['wait', 'pass']).default('wait'),
};

export const simulatedReplication = z.strictObject({
  provider: z.literal('simulated'),
  ...replicationCommon,
  task: text,
  /** The reverse stream green → blue that a rollback after the write switch waits on. */
  reverseTask: text.optional(),
});

export const dmsReplication = z.strictObject({
  provider: z.literal('dms'),
  ...replicationCommon,
  /** The DMS replication task identifier (or its ARN), blue → green. */
  task: text,
  /**
   * The green → blue task (identifier or ARN), stopped until the write switch starts it. Without
   * one, DMS replicates nothing back and a rollback after the switch cannot bring green's writes home.
   */
  reverseTask: text.optional(),
  ...aws,
});

/** Any database whose replication lag a Prometheus exporter publishes; its reverse replication is started by the write-switch hook. */
export const prometheusReplication = z.strictObject({
  provider: z.literal('prometheus'),
  ...replicationCommon,
  /** What the replication is called in plans, status and reports (orders-db): Prometheus has no task of its own. */
  task: text,
  /** Prometheus's base URL (http://prometheus:9090). */
  endpoint: url,
  /** PromQL whose instant value is the forward (blue → green) lag in seconds. */
  query,
  /** PromQL whose instant value is the reverse (green → blue) lag in seconds; it has data once reverse replication runs. */
  reverseQuery: query.optional(),
  headers: plainHeaders,
  secretHeaders,
});

export const replicationSection = byProvider('replication', ['simulated', 'dms', 'prometheus'], [simulatedReplication, dmsReplication, prometheusReplication]);

// Drain: queues that must be empty before traffic moves.

const queue = z.strictObject({
  /** The queue's name (or, for SQS, its URL). */
  name: text,
  maxMessages: z.number().int().min(0).max(LIMITS.queueMaxMessages).default(0),
});

const drainCommon = {
  timeout: duration,
  pollInterval: duration.default(5_000),
  queues: z.array(queue).max(LIMITS.list.queues),
};

export const simulatedDrain = z.strictObject({ provider: z.literal('simulated'), ...drainCommon });
export const sqsDrain = z.strictObject({ provider: z.literal('sqs'), ...drainCommon, ...aws });

/** Counts of a Service Bus queue's countDetails that may make its depth. */
export const SERVICEBUS_COUNTS = ['active', 'scheduled', 'deadLetter'] as const;

const servicebusQueue = queue.extend({
  /** Which counts make the depth: active and scheduled by default; add deadLetter when dead letters must be handled too. */
  count: z
    .array(z.enum(SERVICEBUS_COUNTS))
    .min(1)
    .max(SERVICEBUS_COUNTS.length)
    .refine((counts) => new Set(counts).size === counts.length, 'lists a count twice: write each of active, scheduled, deadLetter at most once')
    .default(['active', 'scheduled']),
});

/** Azure Service Bus queues, read through Azure Resource Manager (credentials as for the azure dns section). */
export const servicebusDrain = z.strictObject({
  provider: z.literal('servicebus'),
  ...drainCommon,
  queues: z.array(servicebusQueue).max(LIMITS.list.queues),
  subscriptionId: text,
  resourceGroup: text,
  /** The Service Bus namespace holding the queues (orders-green, not its full host name). */
  namespace: text,
  /** The Azure Resource Manager endpoint; a local server in rehearsal. */
  endpoint: url.optional(),
});

export const drainSection = byProvider('drain', ['simulated', 'sqs', 'servicebus'], [simulatedDrain, sqsDrain, servicebusDrain]);

export type ReplicationSection = z.output<typeof replicationSection>;
export type DmsReplication = z.output<typeof dmsReplication>;
export type PrometheusReplication = z.output<typeof prometheusReplication>;
export type DrainSection = z.output<typeof drainSection>;
export type SqsDrain = z.output<typeof sqsDrain>;
export type ServicebusDrain = z.output<typeof servicebusDrain>;
