/**
 * A provider call a phase keeps trying inside its own timeout: setting weights and waiting for
 * them to be in sync inside the step's `dns.syncTimeout`, reading lag and queue depth inside
 * `replication.timeout` / `drain.timeout`. While it fails, status shows it under `retrying`; the
 * timeline gets its first failure and how it ended, not every try.
 */
import { ApplicationFailure, isCancellation, sleep } from '@temporalio/workflow';
import { decideRetry } from './decisions/retry';
import { failureKind, failureMessage } from './failure';
import { nowIso, type CutoverRun } from './run';
import type { RetriedOperation } from './status';

/** Even a try made on the deadline gets this long to answer. */
const MIN_TRY_MS = 1_000;

export interface Patience {
  operation: RetriedOperation;
  /** What is being done, for the reason: `waiting for step 2/3's DNS change to be in sync`. */
  doing: string;
  /** The time it has, for the reason: `the 10s dns.syncTimeout of step 2/3`. */
  limit: string;
  deadline: number;
}

/** Runs `call` (given the time left) until it succeeds, the deadline passes, or it fails for good. */
export async function patiently<T>(run: CutoverRun, patience: Patience, call: (leftMs: number) => Promise<T>): Promise<T> {
  try {
    return await tryUntilDeadline(run, patience, call);
  } finally {
    // Also when a stop cancels the wait: a rollback must not show a DNS retry that is no longer going on.
    run.retrying = null;
  }
}

async function tryUntilDeadline<T>(run: CutoverRun, patience: Patience, call: (leftMs: number) => Promise<T>): Promise<T> {
  const { operation, deadline } = patience;
  const until = new Date(deadline).toISOString();
  let since = '';
  let overtime = 0;
  for (let attempts = 0; ; ) {
    try {
      if (Date.now() >= deadline) overtime += 1;
      const result = await call(Math.max(MIN_TRY_MS, deadline - Date.now()));
      if (attempts > 0) {
        run.record('retry', `${patience.doing}: succeeded after ${tries(attempts)}`, { data: { operation, attempts, recovered: true } });
      }
      return result;
    } catch (err) {
      if (isCancellation(err)) throw err;
      attempts += 1;
      const lastError = failureMessage(err);
      const decision = decideRetry({ kind: failureKind(err), attempts, now: Date.now(), deadline, overtime });
      if (decision.action === 'give-up') {
        const reason =
          decision.why === 'timeout'
            ? `${patience.doing}: not done within ${patience.limit} (${tries(attempts)}; last error: ${lastError})`
            : `${patience.doing}: failed with an error no retry can fix (${lastError})`;
        run.record('retry', reason, { data: { operation, attempts, lastError, gaveUp: decision.why } });
        throw ApplicationFailure.nonRetryable(reason, decision.why === 'timeout' ? 'ProviderTimeout' : 'ProviderFailed');
      }
      if (attempts === 1) {
        since = nowIso();
        run.record('retry', `${patience.doing}: failed, trying again until ${patience.limit} runs out: ${lastError}`, {
          data: { operation, attempts, lastError, deadline: until },
        });
      }
      run.retrying = { operation, attempts, lastError, since, deadline: until };
      await sleep(decision.delayMs);
    }
  }
}

function tries(attempts: number): string {
  return `${attempts} failed ${attempts === 1 ? 'try' : 'tries'}`;
}
