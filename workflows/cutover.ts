/**
 * The cutover workflow: the runbook's phases in order inside a cancellable scope, with a watcher
 * that cancels that scope the moment anything asks the run to stop (a breach, a rejection, an
 * abort, a failed phase). The unwind then runs where nothing can cancel it.
 */
import { CancellationScope, condition, isCancellation, workflowInfo } from '@temporalio/workflow';
import { activitiesFor } from './activities';
import { AnalysisLoop } from './analysis';
import { installHandlers } from './handlers';
import type { CutoverInput } from './messages';
import { notifier } from './notify';
import * as phases from './phases';
import { failureMessage, CutoverRun } from './run';
import type { CutoverStatus } from './status';
import { unwind } from './unwind';

export async function cutover(input: CutoverInput): Promise<CutoverStatus> {
  const run = new CutoverRun(input, workflowInfo().workflowId);
  installHandlers(run);
  const activities = activitiesFor(input.runbook);
  const notify = notifier(run, activities);
  const tools: phases.PhaseTools = { run, activities, notify, analysis: new AnalysisLoop(run, activities, notify) };

  const main = new CancellationScope();
  // The watcher itself must outlive a cancellation of the workflow, which cancels `main` directly.
  void CancellationScope.nonCancellable(() => condition(() => run.stop !== null)).then(() => main.cancel());
  try {
    await main.run(async () => {
      await phases.preflight(tools);
      await phases.startGate(tools);
      await phases.freeze(tools);
      await phases.replication(tools);
      await phases.drain(tools);
      await phases.canary(tools);
      await phases.acceptance(tools);
      await phases.signoff(tools);
      await phases.complete(tools);
    });
  } catch (err) {
    if (!run.stop) {
      const reason = isCancellation(err) ? 'the workflow was cancelled' : `${run.phase} failed: ${failureMessage(err)}`;
      run.record('error', reason);
      run.requestStop({ kind: isCancellation(err) ? 'aborted' : 'failed', reason, by: 'cutover', cause: null });
    }
  }
  if (run.outcome === 'running') await CancellationScope.nonCancellable(() => unwind(run, activities, notify));
  return run.snapshot();
}
