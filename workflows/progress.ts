/**
 * Tells Migration Hub where the cutover is (runbook `progress.migrationHub`), from one watcher
 * instead of a call in every phase: whenever the state the run maps to changes, the newest one is
 * sent, so a slow Migration Hub is never sent a backlog. A Migration Hub that fails is tried a few
 * times and then left with a note on the timeline: progress reporting never fails, slows or stops
 * a cutover. The watcher runs outside the phases' scope, so a stop does not cancel it, and the
 * cutover waits for it to tell the outcome before it returns.
 */
import { CancellationScope, condition, proxyActivities } from '@temporalio/workflow';
import type { CutoverActivities } from '../activities';
import { migrationTaskState, sameState, type MigrationTaskState } from './decisions/progress';
import { failureMessage } from './failure';
import type { CutoverRun } from './run';

const { reportMigrationProgress } = proxyActivities<CutoverActivities>({
  startToCloseTimeout: '30s',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '10s', maximumAttempts: 3 },
});

export interface ProgressReporter {
  /** Resolves once the run's latest state has been told (or given up on). */
  settled(): Promise<void>;
}

export function reportProgress(run: CutoverRun): ProgressReporter | undefined {
  const progress = run.runbook.progress?.migrationHub;
  if (!progress) return undefined;
  const current = () => migrationTaskState({ phase: run.phase, step: run.step, outcome: run.outcome, reason: run.reason });
  let told: MigrationTaskState | null = null;
  let sending = false;

  void CancellationScope.nonCancellable(async () => {
    for (;;) {
      await condition(() => told === null || !sameState(current(), told));
      const state = current();
      sending = true;
      try {
        await reportMigrationProgress({ progress, state, at: Date.now() });
      } catch (err) {
        const error = failureMessage(err);
        run.record('note', `Migration Hub was not told that migration task ${progress.task} is ${state.status}: ${error}`, {
          data: { migrationHub: { task: progress.task, status: state.status, error } },
        });
      }
      told = state;
      sending = false;
      if (state.status === 'COMPLETED' || state.status === 'FAILED') return;
    }
  });

  return { settled: () => condition(() => !sending && told !== null && sameState(told, current())) };
}
