/**
 * The way out of a stopped cutover, run in a non-cancellable scope. If traffic may have moved, DNS
 * goes back to 100% blue first and is verified by reading it back; then writes are unfrozen on
 * blue and the TTL restored. Each step retries until it succeeds, escalating loudly after
 * `rollback.escalateAfter`; only after `rollback.giveUpAfter` does the run end as rollback-failed.
 */
import { isCancellation, sleep } from '@temporalio/workflow';
import { formatDuration } from './runbook/duration';
import { ALL_BLUE, sameWeights } from './decisions/traffic';
import { hookActivity, type Activities } from './activities';
import type { Notify } from './notify';
import { failureMessage } from './failure';
import { nowIso, type CutoverRun } from './run';

class GaveUp extends Error {}

export async function unwind(run: CutoverRun, activities: Activities, notify: Notify): Promise<void> {
  const stop = run.stop!;
  const rollingBack = run.dnsWeightsWritten;
  run.openGate = null;
  run.paused = null;
  run.enter(rollingBack ? 'rollback' : 'abort', rollingBack ? `rolling back: ${stop.reason}` : `aborting before any traffic change: ${stop.reason}`);
  const started = Date.now();
  const { escalateAfter, giveUpAfter } = run.runbook.rollback;
  let escalated = false;

  const retrying = async (what: string, attempt: () => Promise<void>): Promise<void> => {
    for (let tries = 1; ; tries++) {
      try {
        await attempt();
        return;
      } catch (err) {
        if (isCancellation(err)) throw err;
        const elapsed = Date.now() - started;
        run.record('error', `${what} failed (try ${tries}): ${failureMessage(err)}`);
        if (!escalated && elapsed >= escalateAfter) {
          escalated = true;
          run.record('escalation', `${what} still failing after ${formatDuration(elapsed)}: manual action may be needed`);
          await notify('rollback-escalation', `ESCALATION: ${run.cutover} cannot ${what} after ${formatDuration(elapsed)}: ${failureMessage(err)}`);
        }
        if (elapsed >= giveUpAfter) throw new GaveUp(`${what} failed for ${formatDuration(elapsed)}: ${failureMessage(err)}`);
        await sleep(Math.min(30_000, 1_000 * 2 ** Math.min(tries - 1, 5)));
      }
    }
  };

  try {
    if (rollingBack) {
      run.rollback = { reason: stop.reason, cause: stop.cause, startedAt: nowIso(), verifiedAt: null, attempts: 0 };
      await retrying('set DNS to 100% blue', async () => {
        run.rollback!.attempts += 1;
        const { changeId } = await activities.rollback.setDnsWeights({ dns: run.runbook.dns, weights: ALL_BLUE });
        run.weights = ALL_BLUE;
        await activities.rollback.waitForDnsSync({ dns: run.runbook.dns, changeId });
        const readBack = await activities.rollback.readDnsWeights({ dns: run.runbook.dns });
        if (!sameWeights(readBack, ALL_BLUE)) {
          throw new Error(`DNS reads back blue ${readBack.blue}% / green ${readBack.green}% instead of 100% blue`);
        }
        run.rollback!.verifiedAt = nowIso();
        run.record('rollback', 'DNS reads back 100% blue', { data: { weights: readBack } });
      });
    }
    const unfreeze = run.runbook.hooks.unfreeze;
    if (run.frozen && unfreeze) {
      await retrying('unfreeze writes on blue', async () => {
        await hookActivity(unfreeze)({ hook: unfreeze, context: { idempotencyKey: `${run.cutover}/unfreeze-blue`, cutover: run.cutover, target: 'blue' } });
      });
      run.frozen = false;
      run.record('hook', `writes unfrozen on blue by ${unfreeze.name}`);
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
    if (!(err instanceof GaveUp)) throw err;
    run.finish('rollback-failed', `${stop.reason}; ${err.message}`);
    await notify('rollback-escalation', `ROLLBACK FAILED for ${run.cutover}: ${err.message}. Traffic may still reach green: act by hand.`);
    return;
  }
  run.finish(rollingBack ? 'rolled-back' : 'aborted', stop.reason);
  await notify(rollingBack ? 'rollback' : 'aborted', `${run.cutover} ${rollingBack ? 'rolled back to 100% blue' : 'aborted before any traffic change'}: ${stop.reason}`);
}
