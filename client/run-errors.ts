/**
 * What a one-shot command (status, report, a decision) ends with when the cutover cannot take the
 * request: it has ended (refused, exit 4), or no worker answers it (exit 6, with where it last was).
 * Free of the Temporal SDK, so that commands can import it without loading the SDK at start-up.
 */
import { endedText } from '../workflows/decisions/request';
import type { LastKnown } from '../workflows/last-known';
import type { CutoverStatus } from '../workflows/status';
import { RefusedError, UnreachableError } from './errors';
import { lastKnownText } from './render/last-known';
import { clockTime } from './render/time';

/** A decision to a run that has ended: refused before anything is sent, with how it ended. */
export function endedRefusal(id: string, execution: { status: string }, status: CutoverStatus | null): RefusedError {
  const ended = status && status.outcome !== 'running' ? endedText(status.outcome, status.reason) : execution.status.toLowerCase();
  return new RefusedError(`cutover ${id} already ended: ${ended}`, `see its record: cutover report ${id}`);
}

/** `outcome` says what became of the request, e.g. "the approve was not sent". */
export function noWorkerError(
  id: string,
  execution: { taskQueue: string; lastKnown: LastKnown | null },
  noWorker: { message: string; movingTo: string | null },
  outcome?: string,
): UnreachableError {
  const known = execution.lastKnown;
  const where = known ? `last known: ${lastKnownText(known)} (at ${clockTime(known.at).slice(0, 8)})` : 'no phase known yet';
  return new UnreachableError(
    `${noWorker.message}; cutover ${id} is running, ${where}${outcome ? `; ${outcome}` : ''}`,
    noWorker.movingTo ? `try again in a few seconds: cutover status ${id}` : `start a worker: cutover worker --task-queue ${execution.taskQueue}`,
  );
}
