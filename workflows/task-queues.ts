/**
 * DNS calls run on a task queue of their own beside the cutover's, so that every cutover served by
 * the same task queue shares one DNS call budget (Route 53 allows a few requests per second per
 * account, and throttles or answers PriorRequestNotComplete beyond that). The worker limits that
 * queue's activities per second; the server enforces it across all workers polling it.
 */
/** The task queue cutovers run on unless a worker and its starters agree on another. */
export const TASK_QUEUE = 'cutover';

export function dnsTaskQueue(taskQueue: string): string {
  return `${taskQueue}-dns`;
}
