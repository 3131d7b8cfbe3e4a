/**
 * The runbook file: what an operator writes, validated with zod. The parsed output (durations in
 * milliseconds, thresholds normalised) is the cutover workflow's input. The workflow imports types
 * only from here; validation runs in the client before anything starts.
 */
import { z } from 'zod';
import { DURATION_HINT, parseDuration } from './duration';

export const duration = z
  .string({ error: `expected ${DURATION_HINT}` })
  .transform((text, ctx) => {
    const ms = parseDuration(text);
    if (ms === undefined) {
      ctx.addIssue({ code: 'custom', message: `"${text}" is not ${DURATION_HINT}` });
      return z.NEVER;
    }
    return ms;
  });

const name = z
  .string()
  // Spelled out rather than /i: JSON Schema patterns carry no flags, so the generated schema would
  // reject upper-case names that zod accepts.
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'use letters, digits, ".", "_" or "-", starting with a letter or digit');

const BASELINE_FACTOR = /^baseline\s*[*x×]\s*(\d+(?:\.\d+)?)$/i;
const thresholdValue = z.union([
  z.number(),
  z.string().transform((text, ctx) => {
    const match = BASELINE_FACTOR.exec(text.trim());
    if (!match) {
      ctx.addIssue({ code: 'custom', message: `"${text}" is not a threshold: write a number (0.05) or "baseline * 1.5"` });
      return z.NEVER;
    }
    return { baselineFactor: Number(match[1]) };
  }),
]);

/** A trigger fires when the value goes above (or below) the limit. */
export const threshold = z
  .strictObject({ above: thresholdValue.optional(), below: thresholdValue.optional() })
  .check((ctx) => {
    const { above, below } = ctx.value;
    if ((above === undefined) === (below === undefined)) {
      ctx.issues.push({
        code: 'custom',
        input: ctx.value,
        message: 'set exactly one of "above" or "below", e.g. { above: 0.05 } or { above: "baseline * 1.5" }',
      });
    }
  })
  .transform(({ above, below }) => {
    const direction: 'above' | 'below' = above !== undefined ? 'above' : 'below';
    const limit = (above ?? below)!;
    return typeof limit === 'number'
      ? { direction, value: limit, relativeToBaseline: false as boolean }
      : { direction, value: limit.baselineFactor, relativeToBaseline: true as boolean };
  });

const simulated = z.literal('simulated');

export const metric = z.strictObject({
  name,
  provider: simulated,
  /** The query evaluated against green. */
  query: z.string().min(1),
  /** The same measurement on blue, for the baseline captured in preflight. */
  baselineQuery: z.string().min(1).optional(),
  threshold,
  /** How long the threshold must stay crossed before it counts as a breach ("for: 2m"). */
  for: duration.default(0),
  /** What an empty answer means: an idle service (pass), a broken query (fail), or ask a human (inconclusive). */
  noData: z.enum(['pass', 'fail', 'inconclusive']).default('inconclusive'),
  onBreach: z.enum(['rollback', 'pause']).default('rollback'),
});

export const hook = z.strictObject({
  provider: simulated,
  name,
  timeout: duration.default(30_000),
});

export const gate = z.strictObject({
  name,
  approvers: z.array(z.string().min(1)),
  timeout: duration.optional(),
  /** reject: treated as a rejection (rollback, or abort before any change); wait: notify and keep waiting. */
  onTimeout: z.enum(['reject', 'wait']).default('reject'),
  /** The person who started the cutover may not approve it. */
  twoPersonRule: z.boolean().default(false),
});

export const canaryStep = z.strictObject({
  weight: z.number().int().min(0).max(100),
  bake: duration,
  gate: name.optional(),
});

export const runbookSchema = z.strictObject({
  name,
  description: z.string().optional(),
  rpo: duration,
  dns: z.strictObject({
    provider: simulated,
    record: z.string().min(1),
    blue: z.string().min(1),
    green: z.string().min(1),
    /** The record TTL the cutover runs with: bakes may not be shorter. */
    ttl: duration,
    /** Lower the TTL to this in preflight (and wait out the old one); restored at the end. */
    lowerTtlTo: duration.optional(),
    syncTimeout: duration.default(300_000),
  }),
  replication: z.strictObject({
    provider: simulated,
    task: z.string().min(1),
    timeout: duration,
    pollInterval: duration.default(10_000),
  }),
  drain: z
    .strictObject({
      provider: simulated,
      timeout: duration,
      pollInterval: duration.default(5_000),
      queues: z.array(z.strictObject({ name: z.string().min(1), maxMessages: z.number().int().min(0).default(0) })),
    })
    .optional(),
  canary: z.strictObject({ steps: z.array(canaryStep).min(1) }),
  analysis: z.strictObject({
    interval: duration,
    /** Provider errors in a row before a metric is inconclusive (and the cutover pauses). */
    consecutiveErrorLimit: z.number().int().min(1).default(3),
    metrics: z.array(metric).default([]),
  }),
  acceptance: z
    .strictObject({
      soak: duration,
      checks: z.array(metric).default([]),
      tests: z.array(hook).default([]),
    })
    .optional(),
  gates: z.array(gate).default([]),
  startGate: name.optional(),
  signoffGate: name.optional(),
  hooks: z.strictObject({ freeze: hook.optional(), unfreeze: hook.optional() }).default({}),
  notifications: z.array(z.strictObject({ provider: simulated, channel: z.string().min(1) })).default([]),
  rollback: z
    .strictObject({
      /** Keep retrying the rollback this long, escalating on the way, before declaring it failed. */
      giveUpAfter: duration.default(3_600_000),
      escalateAfter: duration.default(60_000),
    })
    .default({ giveUpAfter: 3_600_000, escalateAfter: 60_000 }),
});

export type RunbookInput = z.input<typeof runbookSchema>;
export type Runbook = z.output<typeof runbookSchema>;
export type Metric = z.output<typeof metric>;
export type Threshold = z.output<typeof threshold>;
export type Gate = z.output<typeof gate>;
export type Hook = z.output<typeof hook>;
export type CanaryStep = z.output<typeof canaryStep>;
