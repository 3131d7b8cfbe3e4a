/**
 * A running cutover that no worker answers: when a worker last polled its task queue (the server
 * keeps its pollers for a few minutes after they stop) and where the run last was (its memo, which
 * the server returns without a worker).
 */
import type { Client } from '@temporalio/client';
import { tsToDate } from '@temporalio/common/lib/time';
import { LAST_KNOWN_MEMO, type LastKnown } from '../workflows/last-known';
import { clockTime } from './render/time';

/** A running cutover whose status query nobody answered. */
export interface NoWorker {
  /** "no worker is polling task queue cutover since 22:31:05" */
  message: string;
  /** When a worker last polled the cutover's task queue, if the server still remembers one. */
  lastPollAt: Date | null;
}

export async function noWorkerOn(client: Client, taskQueue: string, withDeadline: <T>(call: () => Promise<T>) => Promise<T>): Promise<NoWorker> {
  let lastPollAt: Date | null = null;
  try {
    const { pollers } = await withDeadline(() =>
      client.workflowService.describeTaskQueue({
        namespace: client.options.namespace,
        taskQueue: { name: taskQueue, kind: 1 /* TASK_QUEUE_KIND_NORMAL */ },
        taskQueueType: 1 /* TASK_QUEUE_TYPE_WORKFLOW */,
      }),
    );
    const polls = (pollers ?? []).flatMap((poller) => (poller.lastAccessTime ? [tsToDate(poller.lastAccessTime).getTime()] : []));
    if (polls.length > 0) lastPollAt = new Date(Math.max(...polls));
  } catch {
    // When the pollers were last seen is a detail of the message; the query's silence is the fact.
  }
  const since = lastPollAt ? `since ${clockTime(lastPollAt.getTime()).slice(0, 8)}` : 'in the last few minutes';
  return { message: `no worker is polling task queue ${taskQueue} ${since}`, lastPollAt };
}

export function lastKnownIn(memo: Record<string, unknown> | undefined): LastKnown | null {
  const known = memo?.[LAST_KNOWN_MEMO];
  return known && typeof known === 'object' ? (known as LastKnown) : null;
}
