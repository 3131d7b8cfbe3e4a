/**
 * The cutover workflow: the runbook's phases up to sign-off inside a cancellable scope, with a
 * watcher that cancels that scope the moment anything asks the run to stop (a breach, a rejection,
 * an abort, a failed phase). The unwind then runs where nothing can cancel it. Once signed off,
 * nothing can stop the run any more: completion runs where nothing can cancel it either.
 */
import { CancellationScope, condition, isCancellation, workflowInfo } from '@temporalio/workflow';
import { activitiesFor } from './activities';
import { complete } from './complete';
import { AnalysisLoop } from './analysis';
import { GroundTruth } from './ground-truth';
import { installHandlers } from './handlers';
import { Leases } from './leases/cutover-leases';
import type { CutoverInput } from './messages';
import { notifier } from './notify';
import * as phases from './phases';
import { failureMessage } from './failure';
import { reportProgress } from './progress';
import { CarryOverDue, CutoverRun } from './run';
import { carryOver, restore } from './carry-over';
import { starterProblems } from './runbook/gate-rules';
import { semanticProblems } from './runbook/semantic';
import type { CutoverStatus } from './status';
import { unwind } from './unwind';

export async function cutover(input: CutoverInput): Promise<CutoverStatus> {
  const run = new CutoverRun(input, workflowInfo().workflowId);
  if (input.carried) restore(run, input.carried);
  installHandlers(run);
  const leases = new Leases(run);
  // A cutover started without the client (another tool, a raw API call) gets the same checks.
  const problems = input.carried ? [] : [...semanticProblems(input.runbook), ...starterProblems(input.runbook, input.startedBy)];
  if (problems.length > 0) {
    run.finish('aborted', `the runbook is not valid, nothing was changed: ${problems.map((problem) => `${problem.path}: ${problem.message}`).join('; ')}`);
    return run.snapshot();
  }

  const activities = activitiesFor(input.runbook);
  const notify = notifier(run, activities);
  const analysis = new AnalysisLoop(run, activities, notify);
  const groundTruth = new GroundTruth(run, activities, notify);
  const tools: phases.PhaseTools = { run, activities, notify, analysis, groundTruth };
  const progress = reportProgress(run);
  if (run.done('enter:acceptance')) analysis.includeAcceptanceChecks();
  if (run.dnsWeightsWritten && (run.weights?.green ?? 0) > 0) analysis.start();
  if (run.dnsWeightsWritten) groundTruth.start();

  const main = new CancellationScope();
  // The watcher itself must outlive a cancellation of the workflow, which cancels `main` directly.
  void CancellationScope.nonCancellable(() => condition(() => run.stop !== null)).then(() => main.cancel());
  try {
    await main.run(async () => {
      // Before anything changes: one owner per resource (leases/cutover-leases.ts).
      await leases.take();
      await run.once('preflight', () => phases.preflight(tools));
      await run.once('start-gate', () => phases.startGate(tools));
      await run.once('freeze', () => phases.freeze(tools));
      await run.once('replication', () => phases.replication(tools));
      await run.once('drain', () => phases.drain(tools));
      await phases.canary(tools);
      await phases.acceptance(tools);
      await run.once('signoff', () => phases.signoff(tools));
    });
  } catch (err) {
    if (err instanceof CarryOverDue && !run.stop) await carryOver(run, input);
    if (!run.stop) {
      const reason = isCancellation(err) ? 'the workflow was cancelled' : `${run.phase} failed: ${failureMessage(err)}`;
      run.record('error', reason);
      run.requestStop({ reason, by: 'cutover', cause: null });
    }
  }
  if (run.signedOff) await CancellationScope.nonCancellable(() => complete(tools));
  else if (run.outcome === 'running') await CancellationScope.nonCancellable(() => unwind(run, activities, notify));
  await leases.releaseAtEnd();
  await progress?.settled();
  return run.snapshot();
}
