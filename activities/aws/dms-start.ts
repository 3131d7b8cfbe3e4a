/**
 * What starting the reverse task means in each state DMS reports (DescribeReplicationTasks Status).
 * DMS accepts `start-replication` only for a task's first run and `resume-processing` only for a task
 * that ran before (the StartReplicationTask reference: any other first action "will result in data
 * errors"), so whether it ever started, not only its status, picks the start type.
 */
import type { StartReplicationTaskTypeValue } from '@aws-sdk/client-database-migration-service';

export interface TaskState {
  Status?: string | undefined;
  /** Set once the task has been started, and kept when it stops. */
  ReplicationTaskStartDate?: Date | null | undefined;
  StopReason?: string | undefined;
  LastFailureMessage?: string | undefined;
}

export type StartAction =
  /** Already starting or running: nothing to do. */
  | { kind: 'leave' }
  | { kind: 'start'; type: StartReplicationTaskTypeValue }
  /** Busy with something else (creating, modifying, stopping...): ask again shortly. */
  | { kind: 'wait'; why: string }
  /** No start can help: a person must look at the task. */
  | { kind: 'refuse'; why: string };

const BUSY = new Set(['creating', 'modifying', 'stopping', 'moving', 'testing']);

export function reverseStartAction(task: TaskState): StartAction {
  const status = task.Status ?? 'unknown';
  if (status === 'starting' || status === 'running') return { kind: 'leave' };
  if (status === 'ready' || status === 'stopped') {
    return { kind: 'start', type: task.ReplicationTaskStartDate ? 'resume-processing' : 'start-replication' };
  }
  if (BUSY.has(status)) return { kind: 'wait', why: `it is "${status}"` };
  return { kind: 'refuse', why: `it is "${status}"${taskWhy(task)}` };
}

/** The stop reason and last failure DMS gives, for a message: "" when it gives none. */
export function taskWhy(task: TaskState): string {
  const why = [task.StopReason && `stop reason: ${task.StopReason}`, task.LastFailureMessage && `last failure: ${task.LastFailureMessage}`].filter(Boolean);
  return why.length ? ` (${why.join('; ')})` : '';
}

/** States a reverse task may wait in until the write switch: any from which it can be started. */
export function reverseTaskUsable(task: TaskState): boolean {
  return reverseStartAction(task).kind !== 'refuse';
}
