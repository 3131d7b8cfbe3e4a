/**
 * The wave file: many applications cut over in one plan, each by its own runbook, with dependencies
 * between them, a bound on parallelism and a blast radius. Validated with zod like the runbook; the
 * wave workflow imports types only from here.
 */
import { z } from 'zod';
import { freeText, identifier, name } from '../runbook/fields';
import { LIMITS } from '../runbook/limits';
import { notificationSection } from '../runbook/provider-sections';
import { gate } from '../runbook/schema';

export const waveApplication = z.strictObject({
  name,
  /** The application's runbook file, relative to the wave file. */
  runbook: identifier(LIMITS.urlLength),
  /** The application's cutover id; without it, one is made from the wave's and the application's names. */
  id: name.optional(),
  /** Applications that must complete before this one starts. */
  after: z.array(name).max(LIMITS.list.applications).default([]),
});

export const blastRadius = z.strictObject({
  /** After this many rollbacks no new application starts. */
  stopAfter: z.number().int().min(1).max(LIMITS.list.applications),
  /** What happens then to the applications already running: they finish, or they are rolled back. */
  running: z.enum(['finish', 'roll-back']).default('finish'),
});

export const waveSchema = z.strictObject({
  name,
  description: freeText(LIMITS.descriptionLength).optional(),
  applications: z.array(waveApplication).min(1).max(LIMITS.list.applications),
  /** How many applications cut over at once. */
  maxParallel: z.number().int().min(1).max(LIMITS.list.applications),
  blastRadius: blastRadius.default({ stopAfter: 1, running: 'finish' }),
  /**
   * signed (default): a decision at the wave's gates counts only with an SSH signature the wave
   * verifies against the worker's allowed signers. unverified: names as typed, for rehearsals on
   * simulated providers only (every application's runbook).
   */
  approvals: z.enum(['signed', 'unverified']).default('signed'),
  gates: z.array(gate).max(LIMITS.list.gates).default([]),
  startGate: name.optional(),
  signoffGate: name.optional(),
  notifications: z.array(notificationSection).max(LIMITS.list.notifications).default([]),
});

export type WaveInput = z.input<typeof waveSchema>;
export type Wave = z.output<typeof waveSchema>;
export type WaveApplication = z.output<typeof waveApplication>;
export type BlastRadius = z.output<typeof blastRadius>;
