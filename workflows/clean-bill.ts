/**
 * A step moves up only on a clean bill and a fresh read of DNS. Before each change of weights, at
 * the end of the canary and at the end of the soak, the run holds where it is while any metric
 * stands in the way (decisions/clean-bill.ts): the hold is recorded and shown in status, and ends
 * when the metrics clear (the run moves on) or a window completes into a breach (the analysis asks
 * for the rollback, which ends the hold). Before a change it then reads the record (ground-truth.ts):
 * a drift pauses the run instead of writing.
 */
import { condition, patched } from '@temporalio/workflow';
import { notCleanBill, type NotClean } from './decisions/clean-bill';
import { formatElapsed } from './runbook/duration';
import type { PhaseTools } from './phases';
import { nowIso } from './run';

/** The metrics in the way now, or null on a clean bill. */
export function cleanBillProblem({ run, analysis }: Pick<PhaseTools, 'run' | 'analysis'>): NotClean | null {
  return notCleanBill(analysis.judgedMetrics(), run.metrics);
}

/** Which metrics stand in the way and why: a hold is recorded again only when this changes. */
function blockersKey(problem: NotClean | null): string {
  return problem ? problem.blockers.map((blocker) => `${blocker.metric}:${blocker.cause}`).join(',') : '';
}

/** Waits, unpaused, until the bill is clean before `before` (`step 3/3`, `acceptance`, `sign-off`). */
export async function awaitCleanBill(tools: PhaseTools, before: string): Promise<void> {
  const { run } = tools;
  if (!patched('clean-bill')) return;
  for (;;) {
    await run.hold();
    const problem = cleanBillProblem(tools);
    if (!problem) {
      if (run.holding) {
        run.record('hold', `clean bill after holding ${formatElapsed(Date.now() - Date.parse(run.holding.since))}: moving on to ${before}`, { data: { before, weights: run.weights } });
        run.holding = null;
      }
      return;
    }
    const blockers = blockersKey(problem);
    if (!run.holding || blockersKey({ reason: '', blockers: run.holding.blockers }) !== blockers) {
      const weights = run.weights ? `blue ${run.weights.blue}% / green ${run.weights.green}%` : 'the current weights';
      run.record('hold', `holding at ${weights} before ${before}: ${problem.reason}`, { data: { before, weights: run.weights, blockers: problem.blockers } });
    }
    run.holding = { before, weights: run.weights, since: run.holding?.since ?? nowIso(), reason: problem.reason, blockers: problem.blockers };
    const reason = problem.reason;
    await condition(() => cleanBillProblem(tools)?.reason !== reason || run.paused !== null || run.stop !== null || run.carryOverDue());
  }
}

/**
 * Before a change of weights: a clean bill, then a read of the record that shows what the run
 * expects. A drift pauses the run (no write); the loop waits for the person's resume, and reads again.
 */
export async function readyToChange(tools: PhaseTools, label: string): Promise<void> {
  const { run, groundTruth } = tools;
  for (;;) {
    await awaitCleanBill(tools, label);
    if (!(await groundTruth.readBeforeChange(label))) continue;
    // The read took a moment: a pause or a failing sample may have come in meanwhile.
    if (run.paused === null && run.stop === null && (!patched('clean-bill') || cleanBillProblem(tools) === null)) return;
  }
}
