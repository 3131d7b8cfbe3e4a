/**
 * Replication tasks (think AWS DMS CDC) whose lag falls at a steady rate towards a floor from the
 * moment it was set, so a test can say "12s of lag, catching up 3s per second". In a cloud with
 * databases (see data.ts) the lag is read from the write ledgers instead, in either direction, and
 * the runbook's `reverseTask` names the reverse stream green → blue.
 */
import type { ReplicationConfig, ReplicationDirection, ReplicationProvider } from '../providers';
import { ApplicationFailure } from '@temporalio/common';
import type { CloudCore } from './core';
import { dataOf, lagSeconds } from './data';
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
        const reverse = reverseTaskOf(replication);
        if (reverse !== undefined && state.data?.reverse.status !== 'running' && state.data?.reverse.status !== 'stopped') {
          throw new Error(`reverse replication task ${reverse} does not exist in the simulated cloud`);
        }
      });
    },
    async lagSeconds(replication: ReplicationConfig, direction: ReplicationDirection = 'forward') {
      return core.call({ op: 'replication.lag', args: { task: replication.task, direction }, logResult: true }, (state, at) => {
        const task = taskOf(state, replication.task);
        if (!state.data) {
          if (direction === 'reverse') throw new Error(`replication task ${replication.task}: the simulated cloud has no databases, so no reverse lag`);
          return lagAt(task, at);
        }
        if (direction === 'reverse' && state.data.reverse.status === 'absent') return null;
        return lagSeconds(state.data, direction, at);
      });
    },
    async startReverse(replication: ReplicationConfig) {
      const reverse = requireReverse(replication);
      core.call({ op: 'replication.startReverse', args: { task: reverse } }, (state) => {
        const stream = dataOf(state).reverse;
        if (stream.status === 'absent') throw new Error(`reverse replication task ${reverse} does not exist in the simulated cloud`);
        stream.status = 'running';
      });
    },
    async reverseStatus(replication: ReplicationConfig) {
      const reverse = requireReverse(replication);
      return core.call({ op: 'replication.reverseStatus', args: { task: reverse }, logResult: true }, (state) => {
        const { status } = dataOf(state).reverse;
        return { running: status === 'running', status };
      });
    },
    async writer(replication: ReplicationConfig) {
      return core.call({ op: 'replication.writer', args: { task: replication.task }, logResult: true }, (state) => state.data?.writer ?? null);
    },
  };
}

function reverseTaskOf(replication: ReplicationConfig): string | undefined {
  return replication.provider === 'simulated' ? replication.reverseTask : undefined;
}

function requireReverse(replication: ReplicationConfig): string {
  const reverse = reverseTaskOf(replication);
  if (reverse === undefined) {
    throw ApplicationFailure.nonRetryable(`replication task ${replication.task}: the runbook names no replication.reverseTask`, 'NoReverseReplication');
  }
  return reverse;
}
