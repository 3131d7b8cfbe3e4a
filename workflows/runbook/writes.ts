/**
 * How writes move from blue's database to green's: a frozen window (read-only from the freeze to
 * completion, as before), or a write switch at a point the runbook names, with what a rollback after
 * it does to the data. Only the schema and its rules live here; the switch is workflows/write-switch.ts.
 */
import { z } from 'zod';
import { duration } from './fields';
import { formatDuration } from './duration';
import { drainSection } from './provider-sections';
import type { RunbookProblem } from './problems';
import type { Runbook } from './schema';

export const writeSwitchSection = z.strictObject({
  mode: z.literal('switch'),
  /** before-canary (data first), after step N, or after-canary (app first: green's app writes to blue until then). */
  at: z.union([z.enum(['before-canary', 'after-canary']), z.strictObject({ afterStep: z.number().int().min(1) })]).default('after-canary'),
  /** Most forward lag accepted at the switch, with blue frozen. */
  rpo: duration.default(0),
  /** Most reverse lag accepted before blue takes writes again after a rollback. */
  rollbackRpo: duration.default(0),
  /** How long the switch waits for the forward lag, and a rollback for the reverse lag and green's queues. */
  timeout: duration,
  /**
   * reverse-replication: the switch starts replication green → blue and a rollback carries green's
   * writes back. traffic-only-rollback: there is none, and a rollback after the switch loses them.
   */
  afterWriteSwitch: z.enum(['reverse-replication', 'traffic-only-rollback']),
  /** Green's queues, drained after a rollback past the switch before blue takes writes again. */
  greenQueues: drainSection.optional(),
});

export const writesSection = z
  .discriminatedUnion('mode', [z.strictObject({ mode: z.literal('frozen') }), writeSwitchSection])
  .default({ mode: 'frozen' });

export type WriteSwitch = z.output<typeof writeSwitchSection>;

/** The write switch of a runbook that has one. */
export function writeSwitchOf(runbook: Runbook): WriteSwitch | null {
  return runbook.writes.mode === 'switch' ? runbook.writes : null;
}

/** The canary step after which writes switch: 0 before the canary, the step count after it. */
export function switchAfterStep(runbook: Runbook, config: WriteSwitch): number {
  if (config.at === 'before-canary') return 0;
  if (config.at === 'after-canary') return runbook.canary.steps.length;
  return config.at.afterStep;
}

/** The warning plan, start and report give for a write switch without reverse replication. */
export function writeLossWarning(runbook: Runbook): string | null {
  const config = writeSwitchOf(runbook);
  if (config?.afterWriteSwitch !== 'traffic-only-rollback') return null;
  return 'writes.afterWriteSwitch is traffic-only-rollback: a rollback after the write switch moves traffic only and loses every write green took since the switch';
}

export function writeProblems(runbook: Runbook): RunbookProblem[] {
  const config = writeSwitchOf(runbook);
  if (!config) return [];
  const problems: RunbookProblem[] = [];
  const steps = runbook.canary.steps.length;
  if (typeof config.at === 'object' && config.at.afterStep > steps) {
    problems.push({
      path: 'writes.at.afterStep',
      message: `step ${config.at.afterStep} does not exist: the canary has ${steps} step(s); write a step from 1 to ${steps}, or "after-canary"`,
    });
  }
  for (const [hook, does] of [
    ['freeze', 'freezes writes on blue before the switch and on green before a rollback moves them back'],
    ['unfreeze', 'lets green take writes after the switch, and blue after a rollback'],
    ['switchWrites', 'makes green the writer (promote, repoint) and blue again on a rollback'],
  ] as const) {
    if (!runbook.hooks[hook]) problems.push({ path: `hooks.${hook}`, message: `is missing: a write switch needs it, since it ${does}; add the hook or write "writes: { mode: frozen }"` });
  }
  const reverse = reverseReplicationField(runbook.replication);
  if (config.afterWriteSwitch === 'reverse-replication' && !reverse.named) {
    problems.push({
      path: `replication.${reverse.field}`,
      message: `is missing: writes.afterWriteSwitch is reverse-replication, so the switch starts a reverse replication green → blue and a rollback waits on its lag; name it, or write "afterWriteSwitch: traffic-only-rollback" to accept losing green's writes on a rollback`,
    });
  }
  if (config.rollbackRpo > 0 && config.afterWriteSwitch === 'traffic-only-rollback') {
    problems.push({ path: 'writes.rollbackRpo', message: `${formatDuration(config.rollbackRpo)} means nothing without reverse replication: remove it, or use "afterWriteSwitch: reverse-replication"` });
  }
  return problems;
}

/** The field that names the reverse replication (green → blue) for each replication provider. */
function reverseReplicationField(replication: Runbook['replication']): { field: string; named: boolean } {
  if (replication.provider === 'prometheus') return { field: 'reverseQuery', named: replication.reverseQuery !== undefined };
  return { field: 'reverseTask', named: replication.reverseTask !== undefined };
}
