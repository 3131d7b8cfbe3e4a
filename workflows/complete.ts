/**
 * Completion, after sign-off: unfreeze writes on green, restore the TTL, report. Traffic is 100%
 * green and signed off, so nothing here rolls back: each step is retried like the unwind's and
 * escalated after `rollback.escalateAfter`; one still failing after `rollback.giveUpAfter` is left
 * to a human as a typed `unfinished` step of a completed run. Writes come first: an application
 * waits on them, while the TTL only slows the next DNS change.
 */
import { formatDuration } from './runbook/duration';
import { hookActivity } from './activities';
import { actionKey } from './keys';
import { GaveUp, persistently } from './persist';
import type { PhaseTools } from './phases';
import type { RetriedOperation } from './status';

export async function complete({ run, activities, analysis, notify }: PhaseTools): Promise<void> {
  const writes = run.writes.switched ? 'writes already on green since the write switch' : 'unfreezing writes on green';
  run.enter('complete', `completing: ${writes} and restoring the TTL; nothing rolls back after sign-off`);
  analysis.stop();
  // Each step has its own clock: a TTL that cannot be restored must not take the unfreeze's time.
  const left: string[] = [];
  const step = async (operation: RetriedOperation, what: string, attempt: () => Promise<void>): Promise<boolean> => {
    try {
      await persistently(run, notify, { ...run.runbook.rollback, escalation: 'completion-escalation', operation })(what, attempt);
      return true;
    } catch (err) {
      if (!(err instanceof GaveUp)) throw err;
      run.unfinished.push({ operation, attempts: err.attempts, lastError: err.lastError, since: err.since });
      left.push(what);
      run.record('escalation', `${what} left to a human: ${err.message}`, { data: { operation, attempts: err.attempts, lastError: err.lastError } });
      return false;
    }
  };

  const unfreeze = run.runbook.hooks.unfreeze;
  // After a write switch green already takes writes, and blue stays frozen as the reverse replica.
  if (run.frozen && unfreeze && !run.writes.switched) {
    const context = { idempotencyKey: actionKey(run, 'unfreeze-green'), cutover: run.cutover, target: 'green' as const, action: 'unfreeze' as const };
    if (await step('unfreezeGreen', 'unfreeze writes on green', () => hookActivity(unfreeze)({ hook: unfreeze, context }))) {
      run.frozen = false;
      const window = run.closeFreezeWindow();
      run.record('hook', `writes unfrozen on green by ${unfreeze.name}`, { data: { action: 'unfreeze', side: 'green', freezeWindow: window } });
    }
  }
  const originalTtl = run.originalTtlMs;
  if (originalTtl !== null) {
    const restore = async () => void (await activities.tries.setDnsTtl({ dns: run.runbook.dns, ttlMs: originalTtl }));
    if (await step('restoreTtl', 'restore the DNS TTL', restore)) {
      run.originalTtlMs = null;
      run.record('dns', `TTL restored to ${formatDuration(originalTtl)}`);
    }
  }

  if (left.length === 0) {
    run.finish('completed', null);
    await notify('completed', `${run.cutover} completed: 100% green`);
    return;
  }
  run.finish('completed', `100% green and signed off; still failing, left to a human: ${left.join('; ')}`);
  await notify('completion-escalation', `${run.cutover} completed at 100% green, but these steps still fail and need a human: ${left.join('; ')}`);
}
