/**
 * Replication tasks (think AWS DMS CDC) whose lag falls at a steady rate towards a floor from the
 * moment it was set, so a test can say "12s of lag, catching up 3s per second".
 */
import type { ReplicationConfig, ReplicationProvider } from '../providers';
import type { CloudCore } from './core';
import type { CloudState, LagSpec, ReplicationTaskState } from './state';

export function replicationTask(status: string, lag: LagSpec | null, now: number): ReplicationTaskState {
  if (lag && (lag.startSeconds < 0 || (lag.fallsPerSecond ?? 0) < 0 || (lag.floorSeconds ?? 0) < 0)) {
    throw new Error(`replication lag numbers must not be negative, got ${JSON.stringify(lag)}`);
  }
  return {
    status,
    lag: lag && { startSeconds: lag.startSeconds, fallsPerSecond: lag.fallsPerSecond ?? 0, floorSeconds: lag.floorSeconds ?? 0, setAt: now },
  };
}

export function lagAt(task: ReplicationTaskState, at: number): number | null {
  if (!task.lag) return null;
  const { startSeconds, fallsPerSecond, floorSeconds, setAt } = task.lag;
  return Math.max(floorSeconds, startSeconds - (fallsPerSecond * (at - setAt)) / 1_000);
}

export function taskOf(state: CloudState, task: string): ReplicationTaskState {
  const found = state.replication[task];
  if (!found) throw new Error(`replication task ${task} does not exist in the simulated cloud`);
  return found;
}

export function simulatedReplication(core: CloudCore): ReplicationProvider {
  return {
    async check(replication: ReplicationConfig) {
      core.call({ op: 'replication.check', args: { task: replication.task } }, (state) => {
        const { status } = taskOf(state, replication.task);
        if (status !== 'running') throw new Error(`replication task ${replication.task} is ${status}, not running`);
      });
    },
    async lagSeconds(replication: ReplicationConfig) {
      return core.call({ op: 'replication.lag', args: { task: replication.task }, logResult: true }, (state, at) =>
        lagAt(taskOf(state, replication.task), at),
      );
    },
    async startReverse(replication: ReplicationConfig) {
      throw new Error(`replication task ${replication.task}: the simulated clouds have no reverse replication yet`);
    },
    async reverseStatus(replication: ReplicationConfig) {
      throw new Error(`replication task ${replication.task}: the simulated clouds have no reverse replication yet`);
    },
  };
}
