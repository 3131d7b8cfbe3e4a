/**
 * DNS calls run on a task queue of their own beside the cutover's, so that every cutover served by
 * the same task queue shares one DNS call budget (Route 53 allows a few requests per second per
 * account, and throttles or answers PriorRequestNotComplete beyond that). The worker limits that
 * queue's activities per second; the server enforces it across all workers polling it.
 *
 * A rollback's DNS calls have a lane of their own, so a rollback never waits in the backlog of other
 * cutovers' canary writes and sync polls. It has the same cap; inside a worker process the Route 53
 * budget serves its calls before waiting canary calls, so the provider still sees the budget.
 */
/** The task queue cutovers run on unless a worker and its starters agree on another. */
export const TASK_QUEUE = 'cutover';

export function dnsTaskQueue(taskQueue: string): string {
  return `${taskQueue}-dns`;
}

export function dnsRollbackTaskQueue(taskQueue: string): string {
  return `${taskQueue}-dns-rollback`;
}
