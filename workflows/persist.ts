/**
 * Steps that must not be abandoned on a provider error: the unwind's (DNS back to blue, unfreeze,
 * TTL) and completion's after sign-off (unfreeze on green, TTL). Each failure is recorded and tried
 * again with backoff; after `rollback.escalateAfter` a human is told once, loudly; only after
 * `rollback.giveUpAfter` does the step give up, and the caller decides what that means.
 */
import { isCancellation, sleep } from '@temporalio/workflow';
import { formatDuration } from './runbook/duration';
import type { NotificationKind } from '../activities/providers';
import type { Notify } from './notify';
import { failureMessage } from './failure';
import { nowIso, type CutoverRun } from './run';
import type { RetriedOperation } from './status';

/** Thrown when a step still fails after `rollback.giveUpAfter`. */
export class GaveUp extends Error {
  constructor(
    message: string,
    readonly attempts: number,
    readonly lastError: string,
    readonly since: string,
  ) {
    super(message);
  }
}

export interface Persistence {
  escalateAfter: number;
  giveUpAfter: number;
  escalation: Extract<NotificationKind, 'rollback-escalation' | 'completion-escalation'>;
  /** Shown in status under `retrying` while it fails. */
  operation?: RetriedOperation;
}

export type Persistently = (what: string, attempt: () => Promise<void>) => Promise<void>;

/** One clock for every step run through it: escalation and giving up count from its creation. */
export function persistently(run: CutoverRun, notify: Notify, persistence: Persistence): Persistently {
  const started = Date.now();
  let escalated = false;
  return async (what, attempt) => {
    const since = nowIso();
    try {
      for (let tries = 1; ; tries++) {
        try {
          await attempt();
          return;
        } catch (err) {
          if (isCancellation(err)) throw err;
          const elapsed = Date.now() - started;
          const lastError = failureMessage(err);
          run.record('error', `${what} failed (try ${tries}): ${lastError}`);
          if (persistence.operation) run.retrying = { operation: persistence.operation, attempts: tries, lastError, since, deadline: null };
          if (!escalated && elapsed >= persistence.escalateAfter) {
            escalated = true;
            run.record('escalation', `${what} still failing after ${formatDuration(elapsed)}: manual action may be needed`);
            await notify(persistence.escalation, `ESCALATION: ${run.cutover} cannot ${what} after ${formatDuration(elapsed)}: ${lastError}`);
          }
          if (elapsed >= persistence.giveUpAfter) throw new GaveUp(`${what} failed for ${formatDuration(elapsed)}: ${lastError}`, tries, lastError, since);
          await sleep(Math.min(30_000, 1_000 * 2 ** Math.min(tries - 1, 5)));
        }
      }
    } finally {
      if (persistence.operation) run.retrying = null;
    }
  };
}
