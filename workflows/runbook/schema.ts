/**
 * The runbook file: what an operator writes, validated with zod. The parsed output (durations in
 * milliseconds, thresholds normalised) is the cutover workflow's input. The workflow imports types
 * only from here; validation runs in the client before anything starts.
 */
import { z } from 'zod';
import { approver, duration, freeText, name, threshold } from './fields';
import { LIMITS } from './limits';
import { progressSection } from './progress';
import { writesSection } from './writes';
import { dnsSection, drainSection, hookSection, metricSection, notificationSection, replicationSection } from './provider-sections';

export { duration, threshold } from './fields';

export const metric = metricSection;
export const hook = hookSection;

export const gate = z.strictObject({
  name,
  approvers: z.array(approver).max(LIMITS.list.approvers),
  timeout: duration.optional(),
  /** reject: treated as a rejection (rollback, or abort before any change); wait: notify and keep waiting. */
  onTimeout: z.enum(['reject', 'wait']).default('reject'),
  /** The person who started the cutover may not approve it. */
  twoPersonRule: z.boolean().default(false),
  /** Different verified signers who must approve before the gate passes. */
  approvals: z.number().int().min(1).max(LIMITS.list.approvers).default(1),
});

export const canaryStep = z.strictObject({
  weight: z.number().int().min(0).max(100),
  bake: duration,
  gate: name.optional(),
});

export const runbookSchema = z.strictObject({
  name,
  description: freeText(LIMITS.descriptionLength).optional(),
  /**
   * signed: every decision at a gate carries an SSH signature the cutover verifies against the
   * worker's allowed signers. unverified: names as typed, for rehearsals on simulated providers only.
   */
  approvals: z.enum(['signed', 'unverified']).default('signed'),
  rpo: duration,
  dns: dnsSection,
  replication: replicationSection,
  drain: drainSection.optional(),
  /** How writes move to green: a frozen window (the default) or a write switch. */
  writes: writesSection,
  canary: z.strictObject({ steps: z.array(canaryStep).min(1).max(LIMITS.list.steps) }),
  analysis: z.strictObject({
    interval: duration,
    /** Provider errors in a row before a metric is inconclusive (and the cutover pauses). */
    consecutiveErrorLimit: z.number().int().min(1).max(LIMITS.consecutiveErrorLimit).default(3),
    metrics: z.array(metric).max(LIMITS.list.metrics).default([]),
    /**
     * false: the runbook runs with no metric that rolls back, on purpose; only a person rejecting or
     * aborting sends traffic back. Without it, a runbook with no metrics is refused as an oversight.
     */
    automaticRollback: z.boolean().default(true),
  }),
  acceptance: z
    .strictObject({
      soak: duration,
      checks: z.array(metric).max(LIMITS.list.checks).default([]),
      tests: z.array(hook).max(LIMITS.list.tests).default([]),
    })
    .optional(),
  gates: z.array(gate).max(LIMITS.list.gates).default([]),
  startGate: name.optional(),
  signoffGate: name.optional(),
  hooks: z.strictObject({ freeze: hook.optional(), unfreeze: hook.optional(), switchWrites: hook.optional() }).default({}),
  notifications: z.array(notificationSection).max(LIMITS.list.notifications).default([]),
  /** Where the cutover's progress is reported as it moves (AWS Migration Hub). */
  progress: progressSection.optional(),
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
