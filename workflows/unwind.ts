/**
 * The way out of a stopped cutover, run in a non-cancellable scope. If writes moved to green, the
 * data comes back first (write-switch.ts): green frozen, the reverse lag within the rollback RPO,
 * writes switched back to blue. Then, if traffic may have moved, DNS goes back to 100% blue and is
 * verified by reading it back; green's queues are drained; only then are writes unfrozen on blue,
 * and the TTL restored. Each step retries until it succeeds, escalating loudly after
 * `rollback.escalateAfter`; only after `rollback.giveUpAfter` does the run end as rollback-failed.
 * Data that cannot be made whole on blue ends it rollback-failed at once, with blue still frozen.
 */
import { formatDuration } from './runbook/duration';
import { ALL_BLUE, sameWeights } from './decisions/traffic';
import { hookActivity, type Activities } from './activities';
import type { Notify } from './notify';
import { actionKey } from './keys';
import { GaveUp, persistently } from './persist';
import { countRollback } from './metrics';
import { nowIso, type CutoverRun } from './run';
import { bringWritesBack, DataNotBack, drainGreenQueues, handOver, reopenBlueProblem } from './write-switch';

export async function unwind(run: CutoverRun, activities: Activities, notify: Notify): Promise<void> {
  const stop = run.stop!;
  const switched = run.writes.switched;
  const rollingBack = run.dnsWeightsWritten || switched;
  run.openGate = null;
  run.paused = null;
  run.holding = null;
  run.enter(rollingBack ? 'rollback' : 'abort', rollingBack ? `rolling back${switched ? ', data first' : ''}: ${stop.reason}` : `aborting before any traffic change: ${stop.reason}`);
  const retrying = persistently(run, notify, { ...run.runbook.rollback, escalation: 'rollback-escalation' });

  try {
    if (rollingBack) {
      run.rollback = { reason: stop.reason, cause: stop.cause, startedAt: nowIso(), verifiedAt: null, attempts: 0 };
      countRollback(stop);
    }
    if (switched) await bringWritesBack(run, activities, retrying);
    if (rollingBack) {
      await retrying('set DNS to 100% blue', async () => {
        run.rollback!.attempts += 1;
        const { changeId } = await activities.rollback.setDnsWeights({ dns: run.runbook.dns, weights: ALL_BLUE });
        run.weights = ALL_BLUE;
        run.ground = { ...run.ground, written: ALL_BLUE, basis: 'written' };
        await activities.rollback.waitForDnsSync({ dns: run.runbook.dns, changeId });
        const readBack = await activities.rollback.readDnsWeights({ dns: run.runbook.dns });
        if (!sameWeights(readBack, ALL_BLUE)) {
          throw new Error(`DNS reads back blue ${readBack.blue}% / green ${readBack.green}% instead of 100% blue`);
        }
        run.rollback!.verifiedAt = nowIso();
        // The record reads as the rollback wrote it: any drift before it is history (the timeline keeps it).
        run.ground = { ...run.ground, read: { weights: readBack, at: nowIso() }, drift: null };
        run.record('rollback', 'DNS reads back 100% blue', { data: { weights: readBack } });
      });
    }
    if (switched) await drainGreenQueues(run, activities);
    const unfreeze = run.runbook.hooks.unfreeze;
    if (run.frozen && unfreeze) {
      const problem = reopenBlueProblem(run);
      if (problem) throw new DataNotBack(`blue may not take writes again: ${problem}`);
      await retrying('unfreeze writes on blue', async () => {
        await hookActivity(unfreeze)({ hook: unfreeze, context: { idempotencyKey: actionKey(run, 'unfreeze-blue'), cutover: run.cutover, target: 'blue', action: 'unfreeze' } });
      });
      run.frozen = false;
      const window = run.closeFreezeWindow();
      run.record('hook', `writes unfrozen on blue by ${unfreeze.name}`, { data: { action: 'unfreeze', side: 'blue', freezeWindow: window } });
    }
    const originalTtl = run.originalTtlMs;
    if (originalTtl !== null) {
      await retrying('restore the DNS TTL', async () => {
        await activities.rollback.setDnsTtl({ dns: run.runbook.dns, ttlMs: originalTtl });
      });
      run.originalTtlMs = null;
      run.record('dns', `TTL restored to ${formatDuration(originalTtl)}`);
    }
  } catch (err) {
    if (err instanceof DataNotBack) {
      const what = handOver(run, err.message);
      run.record('escalation', what, { data: { blueFrozen: run.frozen, greenFrozen: run.writes.greenFrozen, writer: run.writes.writer } });
      run.finish('rollback-failed', `${stop.reason}; ${what}`);
      await notify('rollback-escalation', `ROLLBACK FAILED for ${run.cutover}: ${what}`);
      return;
    }
    if (!(err instanceof GaveUp)) throw err;
    run.finish('rollback-failed', `${stop.reason}; ${err.message}`);
    await notify('rollback-escalation', `ROLLBACK FAILED for ${run.cutover}: ${err.message}. Traffic may still reach green: act by hand.`);
    return;
  }
  run.finish(rollingBack ? 'rolled-back' : 'aborted', stop.reason);
  await notify(rollingBack ? 'rollback' : 'aborted', `${run.cutover} ${rollingBack ? 'rolled back to 100% blue' : 'aborted before any traffic change'}: ${stop.reason}`);
}
