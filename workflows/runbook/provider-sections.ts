/**
 * The runbook sections that talk to a cloud, one member per provider: each section names its
 * `provider`, and the fields beside it are that provider's. What every member of a section shares
 * (the record and its TTL, the replication timeout, a metric's threshold) is written once here.
 *
 * Secrets never go in a runbook (it is the workflow's input, so it lands in history): a header or a
 * webhook URL that is a secret is named by the environment variable the worker reads it from.
 */
import { z } from 'zod';
import { duration, freeText, identifier, name, quoteInput, threshold } from './fields';
import { LIMITS } from './limits';
import { closestName } from './problems';
import { envVar, plainHeaders, secretHeaders, url } from './secrets';

/** The name of a thing in a cloud: a record, a task, a queue, a zone, an id. */
const text = identifier();
/** A query on a metrics provider: may span lines (PromQL). */
const query = freeText(LIMITS.queryLength).min(1);

/** AWS: credentials come from the SDK's default chain; region and endpoint may be set per section. */
const aws = {
  region: text.optional(),
  endpoint: url.optional(),
};

/** A discriminated union whose error for an unknown provider lists the ones that exist. */
function byProvider<const Members extends readonly [z.core.$ZodTypeDiscriminable, ...z.core.$ZodTypeDiscriminable[]]>(
  section: string,
  names: readonly string[],
  members: Members,
) {
  return z.discriminatedUnion('provider', members, {
    error: (issue) => {
      const written = (issue.input as { provider?: unknown } | undefined)?.provider;
      const choices = names.map((n) => `"${n}"`).join(', ');
      if (written === undefined) return `${section} needs a provider: write one of ${choices}`;
      const closest = typeof written === 'string' ? closestName(written, names) : undefined;
      const guess = closest === undefined ? '' : ` (did you mean "${closest}"?)`;
      const shown = typeof written === 'string' ? quoteInput(written) : JSON.stringify(written);
      return `${section} provider ${shown} is not one this engine has${guess}: write one of ${choices}`;
    },
  });
}

// DNS: the record whose weights move traffic.

const dnsCommon = {
  /** The record's name as resolvers see it (orders.example.com). */
  record: text,
  /** The TTL the cutover runs with: bakes may not be shorter. */
  ttl: duration,
  /** Lower the TTL to this in preflight (and wait out the old one); restored at the end. */
  lowerTtlTo: duration.optional(),
  syncTimeout: duration.default(300_000),
};

export const simulatedDns = z.strictObject({
  provider: z.literal('simulated'),
  ...dnsCommon,
  blue: text,
  green: text,
});

export const route53Dns = z.strictObject({
  provider: z.literal('route53'),
  ...dnsCommon,
  hostedZoneId: text,
  /** SetIdentifier of blue's weighted record. */
  blue: text,
  /** SetIdentifier of green's weighted record. */
  green: text,
  /** When both record types exist under the name, which one is weighted. */
  type: z.enum(['A', 'AAAA', 'CNAME']).optional(),
  ...aws,
});

export const azureDns = z.strictObject({
  provider: z.literal('azure'),
  ...dnsCommon,
  subscriptionId: text,
  resourceGroup: text,
  /** The Azure DNS zone holding `record` (example.com). */
  zone: text,
  recordType: z.enum(['CNAME', 'A']).default('CNAME'),
  /** The Traffic Manager profile whose endpoint weights split the traffic. */
  trafficManagerProfile: text,
  /** Traffic Manager endpoint names of blue and green. */
  blue: text,
  green: text,
  endpointType: z.enum(['ExternalEndpoints', 'AzureEndpoints', 'NestedEndpoints']).default('ExternalEndpoints'),
  /**
   * At 100% green, point the record straight at green instead of at the profile (and back at the
   * profile on rollback): a CNAME target, or A addresses.
   */
  finalRecord: z.union([z.strictObject({ cname: text }), z.strictObject({ a: z.array(text).min(1).max(LIMITS.list.addresses) })]).optional(),
  /** The Azure Resource Manager endpoint; a local server in rehearsal. */
  endpoint: url.optional(),
});

export const dnsSection = byProvider('dns', ['simulated', 'route53', 'azure'], [simulatedDns, route53Dns, azureDns]);

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
  /** The DMS replication task identifier (or its ARN). */
  task: text,
  ...aws,
});

export const replicationSection = byProvider('replication', ['simulated', 'dms'], [simulatedReplication, dmsReplication]);

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

export const drainSection = byProvider('drain', ['simulated', 'sqs'], [simulatedDrain, sqsDrain]);

// Metrics: analysis triggers and acceptance checks, one number per read.

const metricCommon = {
  name,
  threshold,
  /** How long the threshold must stay crossed before it counts as a breach ("for: 2m"). */
  for: duration.default(0),
  /** What an empty answer means: an idle service (pass), a broken query (fail), or ask a human (inconclusive). */
  noData: z.enum(['pass', 'fail', 'inconclusive']).default('inconclusive'),
  onBreach: z.enum(['rollback', 'pause']).default('rollback'),
};

export const simulatedMetric = z.strictObject({
  provider: z.literal('simulated'),
  ...metricCommon,
  /** The query evaluated against green. */
  query,
  /** The same measurement on blue, for the baseline captured in preflight. */
  baselineQuery: query.optional(),
});

export const prometheusMetric = z.strictObject({
  provider: z.literal('prometheus'),
  ...metricCommon,
  /** Prometheus's base URL (http://prometheus:9090). */
  endpoint: url,
  /** PromQL whose instant value is the measurement on green. */
  query,
  /** The same PromQL on blue. */
  baselineQuery: query.optional(),
  headers: plainHeaders,
  secretHeaders,
});

const dimensions = z.record(text, text).check((ctx) => {
  const count = Object.keys(ctx.value).length;
  if (count > LIMITS.list.dimensions) ctx.issues.push({ code: 'custom', input: ctx.value, message: `${count} dimensions; list at most ${LIMITS.list.dimensions}` });
});

export const cloudwatchMetric = z.strictObject({
  provider: z.literal('cloudwatch'),
  ...metricCommon,
  namespace: text,
  metricName: text,
  stat: text.default('Average'),
  /** The statistic's period; the latest full period is the measurement. */
  period: duration.default(60_000),
  /** Dimensions selecting green's metric. */
  dimensions: dimensions.default({}),
  /** Dimensions selecting the same metric on blue. */
  baselineDimensions: dimensions.optional(),
  ...aws,
});

export const httpProbeMetric = z.strictObject({
  provider: z.literal('http-probe'),
  ...metricCommon,
  /** Green's URL to request. */
  url,
  /** Blue's URL, for the baseline. */
  baselineUrl: url.optional(),
  /** success-rate: the share of requests answered with an expected status (0–1); latency-p95: milliseconds. */
  measure: z.enum(['success-rate', 'latency-p95']),
  requests: z.number().int().min(1).max(1000).default(10),
  /** Per request; a request that takes longer counts as failed. */
  timeout: duration.default(5_000),
  /** Statuses that count as success (default: any 2xx). */
  expectStatus: z.array(z.number().int().min(100).max(599)).min(1).max(LIMITS.list.expectStatus).optional(),
});

export const metricSection = byProvider(
  'metric',
  ['simulated', 'prometheus', 'cloudwatch', 'http-probe'],
  [simulatedMetric, prometheusMetric, cloudwatchMetric, httpProbeMetric],
);

// Hooks: freeze, unfreeze and acceptance tests.

const hookCommon = {
  name,
  timeout: duration.default(30_000),
};

export const simulatedHook = z.strictObject({ provider: z.literal('simulated'), ...hookCommon });

export const webhookHook = z.strictObject({
  provider: z.literal('webhook'),
  ...hookCommon,
  url,
  method: z.enum(['POST', 'PUT', 'PATCH', 'GET', 'DELETE']).default('POST'),
  /** Statuses that count as success (default: any 2xx). */
  expectStatus: z.array(z.number().int().min(100).max(599)).min(1).max(LIMITS.list.expectStatus).optional(),
  headers: plainHeaders,
  secretHeaders,
});

export const hookSection = byProvider('hook', ['simulated', 'webhook'], [simulatedHook, webhookHook]);

// Notifications: where gates, rollbacks and completions are announced.

export const simulatedNotification = z.strictObject({ provider: z.literal('simulated'), channel: text });

export const slackNotification = z.strictObject({
  provider: z.literal('slack'),
  /** How the channel is named in messages and errors (#cutover). */
  channel: text,
  /** The environment variable holding the Slack incoming-webhook URL (a secret). */
  webhookUrlFrom: envVar,
});

export const webhookNotification = z.strictObject({
  provider: z.literal('webhook'),
  channel: text,
  url,
  headers: plainHeaders,
  secretHeaders,
});

export const notificationSection = byProvider(
  'notification',
  ['simulated', 'slack', 'webhook'],
  [simulatedNotification, slackNotification, webhookNotification],
);

export type DnsSection = z.output<typeof dnsSection>;
export type Route53Dns = z.output<typeof route53Dns>;
export type AzureDns = z.output<typeof azureDns>;
export type ReplicationSection = z.output<typeof replicationSection>;
export type DmsReplication = z.output<typeof dmsReplication>;
export type DrainSection = z.output<typeof drainSection>;
export type SqsDrain = z.output<typeof sqsDrain>;
export type MetricSection = z.output<typeof metricSection>;
export type PrometheusMetric = z.output<typeof prometheusMetric>;
export type CloudwatchMetric = z.output<typeof cloudwatchMetric>;
export type HttpProbeMetric = z.output<typeof httpProbeMetric>;
export type HookSection = z.output<typeof hookSection>;
export type WebhookHook = z.output<typeof webhookHook>;
export type NotificationSection = z.output<typeof notificationSection>;
export type SlackNotification = z.output<typeof slackNotification>;
export type WebhookNotification = z.output<typeof webhookNotification>;
