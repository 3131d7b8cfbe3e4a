/**
 * What `cutover start` does once the cutover is started: wait (bounded) until it says it holds the
 * leases of every resource it changes, and refuse (exit 4) naming the holder when one was held by
 * another cutover. Nothing changed in any cloud then: the cutover ended aborted before any change.
 */
import { failureMessage } from '../workflows/failure';
import type { Cutovers } from './cutovers';
import { CliError, UnreachableError } from './errors';
import { EXIT } from './exit-codes';
import { awaitLeases, LEASES_WAIT_MS } from './leases';
import { noWorkerOn } from './no-worker';

/** The bound, in milliseconds, from CUTOVER_LEASE_WAIT_MS when set (tests of a missing worker). */
function boundMs(): number {
  const set = Number(process.env.CUTOVER_LEASE_WAIT_MS);
  return Number.isFinite(set) && set > 0 ? set : LEASES_WAIT_MS;
}

/**
 * 'taken' once the cutover holds its leases; 'no-worker' at once when no worker has polled the task
 * queue lately (the cutover takes them, before any change, when one does). Throws when one is held.
 */
export async function checkLeases(cutovers: Cutovers, id: string, taskQueue: string): Promise<'taken' | 'no-worker'> {
  const bound = boundMs();
  const polled = await noWorkerOn({ client: cutovers.client, taskQueue, lastWorker: null, withDeadline: (call) => cutovers.connection.withDeadline(Date.now() + 5_000, call) });
  if (polled.lastPollAt === null) return 'no-worker';
  let answer;
  try {
    answer = await awaitLeases(cutovers, id, bound);
  } catch (err) {
    throw new UnreachableError(`cutover ${id} is started, but whether it holds its leases could not be read: ${failureMessage(err)}`, `follow it with: cutover status ${id}`);
  }
  if (!answer.answered) {
    throw new UnreachableError(
      `cutover ${id} is started, but no worker answered within ${Math.round(bound / 1000)}s to say it holds the leases of what it changes; it changes nothing until it does`,
      `start a worker on its task queue: cutover worker --task-queue ${taskQueue}; then: cutover status ${id}`,
    );
  }
  const { leases } = answer;
  if (leases.state === 'refused' && leases.refusal) {
    throw new CliError(`refused: cutover ${id} ended aborted before any change: ${leases.refusal.message}`, EXIT.refused, `see who holds what with: cutover leases`);
  }
  return 'taken';
}
