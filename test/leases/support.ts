/** Reading a resource's lease in server tests: is it held, by whom, and what did it record. */
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { leaseQuery, type LeaseState } from '../../workflows/leases/messages';
import { leaseWorkflowId } from '../../workflows/leases/resources';
import { RECORD } from '../support/runbooks';

/** The simulated record's resource id on a task queue (the scope of a simulated cloud). */
export function recordResource(taskQueue: string): string {
  return `dns/simulated/${taskQueue}/${RECORD}`;
}

/** True while the lease's workflow runs, which is exactly while someone holds it. */
export async function leaseHeld(client: Client, resource: string): Promise<boolean> {
  try {
    return (await client.workflow.getHandle(leaseWorkflowId(resource)).describe()).status.name === 'RUNNING';
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return false;
    throw err;
  }
}

export function leaseStateOf(client: Client, resource: string): Promise<LeaseState> {
  return client.workflow.getHandle(leaseWorkflowId(resource)).query(leaseQuery);
}

/** Waits on a condition with a generous deadline, never a fixed sleep. */
export async function eventually(what: string, check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`never happened within ${timeoutMs}ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** How many workflow tasks of the lease's current run failed (a handler that threw would make one). */
export async function failedLeaseTasks(client: Client, resource: string): Promise<number> {
  const history = await client.workflow.getHandle(leaseWorkflowId(resource)).fetchHistory();
  const events = history.events ?? [];
  if (events.length === 0) throw new Error(`the lease on ${resource} has no history`);
  return events.filter((event) => event.workflowTaskFailedEventAttributes != null).length;
}
