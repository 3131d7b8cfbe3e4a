/**
 * A cutover can wait for hours at a gate while its analysis samples every interval, and Temporal
 * caps a run's history. At a safe point (a bake, a soak, a gate or a pause) a long run continues as
 * a new run of the same workflow id, carrying everything it knows: the milestones it passed, the
 * open gate, the metrics' sustain windows, what must be put back on rollback.
 */
import { allHandlersFinished, condition, continueAsNew, workflowInfo } from '@temporalio/workflow';
import type { CutoverInput } from './messages';
import type { CutoverRun } from './run';

type Carried = Pick<
  CutoverRun,
  | 'startedAt'
  | 'phase'
  | 'step'
  | 'weights'
  | 'ground'
  | 'holding'
  | 'paused'
  | 'openGate'
  | 'metrics'
  | 'baselines'
  | 'lag'
  | 'queues'
  | 'timeline'
  | 'timelineSeq'
  | 'dnsWeightsWritten'
  | 'frozen'
  | 'writes'
  | 'originalTtlMs'
  | 'milestones'
  | 'bakeLeft'
  | 'notificationsSent'
  | 'signing'
>;

export type CarriedState = Carried & { runs: number };

export function restore(run: CutoverRun, carried: CarriedState): void {
  const { runs, ...state } = carried;
  Object.assign(run, state);
  // Carried by a worker that kept no ground truth: what it wrote is what it expected.
  if (!state.ground && run.dnsWeightsWritten) run.ground = { ...run.ground, written: run.weights, basis: 'written' };
  run.record('note', `continued as run ${runs + 1} of this cutover, to keep its history short`);
}

export async function carryOver(run: CutoverRun, input: CutoverInput): Promise<never> {
  run.record('note', `carrying over to a new run after ${workflowInfo().historyLength} history events`);
  await condition(allHandlersFinished);
  const carried: CarriedState = {
    startedAt: run.startedAt,
    phase: run.phase,
    step: run.step,
    weights: run.weights,
    ground: run.ground,
    holding: run.holding,
    paused: run.paused,
    openGate: run.openGate,
    metrics: run.metrics,
    baselines: run.baselines,
    lag: run.lag,
    queues: run.queues,
    timeline: run.timeline,
    timelineSeq: run.timelineSeq,
    dnsWeightsWritten: run.dnsWeightsWritten,
    frozen: run.frozen,
    writes: run.writes,
    originalTtlMs: run.originalTtlMs,
    milestones: run.milestones,
    bakeLeft: run.bakeLeft,
    notificationsSent: run.notificationsSent,
    signing: run.signing,
    runs: (input.carried?.runs ?? 0) + 1,
  };
  return continueAsNew<(input: CutoverInput) => Promise<unknown>>({ ...input, carried });
}
