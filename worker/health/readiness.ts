/**
 * Is this worker ready: every one of its SDK workers (the cutover task queue and both DNS lanes) is
 * RUNNING and has polled its task queue. "Has polled" is latched: a worker busy with the task it just
 * received has no poll outstanding at that instant, and is no less ready for it.
 */
import type { State, WorkerStatus } from '@temporalio/worker';

export interface QueueHealth {
  taskQueue: string;
  state: State | 'starting';
  polled: boolean;
}

export interface Health {
  ready: boolean;
  queues: QueueHealth[];
}

export type PollerView = Pick<WorkerStatus, 'runState' | 'hasOutstandingWorkflowPoll' | 'hasOutstandingActivityPoll' | 'numInFlightActivities' | 'numInFlightWorkflowActivations'>;

/** A poll outstanding, or work in hand (which only a poll brings), proves the worker polled. */
export function hasPolled(status: PollerView): boolean {
  return status.hasOutstandingWorkflowPoll || status.hasOutstandingActivityPoll || status.numInFlightActivities > 0 || status.numInFlightWorkflowActivations > 0;
}

export class Readiness {
  private readonly polled = new Set<string>();

  /** `statuses` is null while the worker is still being created (connecting, bundling the workflow code). */
  check(statuses: Array<{ taskQueue: string; status: PollerView }> | null): Health {
    if (!statuses) return { ready: false, queues: [] };
    const queues = statuses.map(({ taskQueue, status }) => {
      if (status.runState === 'RUNNING' && hasPolled(status)) this.polled.add(taskQueue);
      return { taskQueue, state: status.runState, polled: this.polled.has(taskQueue) };
    });
    return { ready: queues.length > 0 && queues.every((queue) => queue.state === 'RUNNING' && queue.polled), queues };
  }
}
