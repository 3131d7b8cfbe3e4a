/**
 * A running cutover that no worker answers: which answers of the server mean "no worker" rather than
 * a failure, when a worker last polled its task queue (the server keeps its pollers for a few minutes
 * after they stop), whether another worker is polling it now (the cutover is moving to that worker),
 * and where the run last was (its memo, which the server returns without a worker).
 */
import { isGrpcCancelledError, isGrpcDeadlineError, isGrpcServiceError, type Client } from '@temporalio/client';
import { tsToDate } from '@temporalio/common/lib/time';
import { LAST_KNOWN_MEMO, type LastKnown } from '../workflows/last-known';
import { clockTime } from './render/time';

/** A running cutover whose status query nobody answered. */
export interface NoWorker {
  /** "no worker is polling task queue cutover since 22:31:05", or that the cutover is moving to another worker. */
  message: string;
  /** When a worker last polled the cutover's task queue, if the server still remembers one. */
  lastPollAt: Date | null;
  /**
   * The identity of a worker other than the one that last ran the cutover, polling its task queue now:
   * the cutover moves to it once the server gives up on the old one (its sticky queue, about 10 s).
   */
  movingTo: string | null;
}

/**
 * A worker polls again at least once a long poll (the server's is 60 s) and the server notes the start
 * and the end of each poll: a poller not seen for longer than this is gone.
 */
const POLLER_ALIVE_MS = 70_000;
/** gRPC's status code, as the server sends it when no poller was seen lately. */
const FAILED_PRECONDITION = 9;

/**
 * Every way the server says that no worker answered, told apart from a real failure: the deadline
 * passed (the query went to a worker that is gone), the server cancelled it (the worker that held it
 * shut down), or the server refused it at once because nothing has polled the task queue lately.
 */
export function noWorkerAnswered(err: unknown): boolean {
  return isGrpcDeadlineError(err) || isGrpcCancelledError(err) || serverSawNoPoller(err) || taskFailing(err);
}

/** The server refused at once: no worker has polled the task queue lately (it waits a while after the last one). */
export function serverSawNoPoller(err: unknown): boolean {
  return refusedBecause(err, /no poller/i);
}

/**
 * The server refused at once: the run's workflow task failed or timed out three times in a row. A worker
 * killed mid-task leaves this for a moment, until a new one completes the task; a task that keeps
 * failing on every worker leaves it for good.
 */
export function taskFailing(err: unknown): boolean {
  return refusedBecause(err, /workflow task in failed state/i);
}

function refusedBecause(err: unknown, details: RegExp): boolean {
  for (let cause = err; cause instanceof Error; cause = cause.cause) {
    if (isGrpcServiceError(cause) && cause.code === FAILED_PRECONDITION && details.test(cause.details)) return true;
  }
  return false;
}

export interface WorkerLookup {
  client: Client;
  taskQueue: string;
  /** The worker that last ran the cutover (see lastWorkerOf), when known. */
  lastWorker: string | null;
  withDeadline: <T>(call: () => Promise<T>) => Promise<T>;
  /** The server said the run's workflow task keeps failing (see taskFailing). */
  failing?: boolean;
  now?: number;
}

export async function noWorkerOn({ client, taskQueue, lastWorker, withDeadline, failing = false, now = Date.now() }: WorkerLookup): Promise<NoWorker> {
  let lastPollAt: Date | null = null;
  let movingTo: string | null = null;
  try {
    const { pollers } = await withDeadline(() =>
      client.workflowService.describeTaskQueue({
        namespace: client.options.namespace,
        taskQueue: { name: taskQueue, kind: 1 /* TASK_QUEUE_KIND_NORMAL */ },
        taskQueueType: 1 /* TASK_QUEUE_TYPE_WORKFLOW */,
      }),
    );
    const seen = (pollers ?? []).flatMap((poller) => (poller.lastAccessTime ? [{ identity: poller.identity ?? '', at: tsToDate(poller.lastAccessTime).getTime() }] : []));
    if (seen.length > 0) lastPollAt = new Date(Math.max(...seen.map((poller) => poller.at)));
    // Without knowing which worker ran it last, no poller can be told to be a new one.
    const other = lastWorker ? seen.filter((poller) => poller.identity && poller.identity !== lastWorker && now - poller.at < POLLER_ALIVE_MS) : [];
    movingTo = other.sort((a, b) => b.at - a.at)[0]?.identity ?? null;
  } catch {
    // When the pollers were last seen is a detail of the message; the query's silence is the fact.
  }
  if (movingTo) return { message: `the cutover is moving to worker ${movingTo}, which polls task queue ${taskQueue}; it answers once the server gives up on the worker that ran it`, lastPollAt, movingTo };
  if (failing) return { message: `no worker has completed the cutover's workflow task lately: it failed or timed out 3 times in a row (see the log of the worker polling task queue ${taskQueue})`, lastPollAt, movingTo };
  const since = lastPollAt ? `since ${clockTime(lastPollAt.getTime()).slice(0, 8)}` : 'in the last few minutes';
  return { message: `no worker is polling task queue ${taskQueue} ${since}`, lastPollAt, movingTo };
}

/** The identity of the worker that last took a workflow task of the run (the current run without a run id): the newest such event of its history. */
export async function lastWorkerOf(client: Client, workflowId: string, runId: string | undefined, withDeadline: <T>(call: () => Promise<T>) => Promise<T>): Promise<string | null> {
  try {
    const { history } = await withDeadline(() =>
      client.workflowService.getWorkflowExecutionHistoryReverse({ namespace: client.options.namespace, execution: { workflowId, runId }, maximumPageSize: 50 }),
    );
    for (const event of history?.events ?? []) {
      const identity = event.workflowTaskStartedEventAttributes?.identity ?? event.workflowTaskCompletedEventAttributes?.identity;
      if (identity) return identity;
    }
  } catch {
    // Unknown: the caller then treats no poller as a new worker.
  }
  return null;
}

export function lastKnownIn(memo: Record<string, unknown> | undefined): LastKnown | null {
  const known = memo?.[LAST_KNOWN_MEMO];
  return known && typeof known === 'object' ? (known as LastKnown) : null;
}
