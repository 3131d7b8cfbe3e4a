/**
 * Queues (think SQS) whose depth drains at a steady rate from the moment it was set. A queue the
 * scenario did not create does not exist: preflight has to catch a runbook naming the wrong queue.
 */
import type { DrainConfig, QueueConfig, QueueProvider } from '../providers';
import type { CloudCore } from './core';
import type { CloudState, QueueSpec, QueueState } from './state';

export function queueState(spec: QueueSpec, now: number): QueueState {
  const drainPerSecond = spec.drainPerSecond ?? 0;
  if (!Number.isInteger(spec.depth) || spec.depth < 0 || drainPerSecond < 0) {
    throw new Error(`a queue needs a whole depth ≥ 0 and a drain rate ≥ 0, got ${JSON.stringify(spec)}`);
  }
  return { depth: spec.depth, drainPerSecond, setAt: now };
}

/** Whole messages left; rounded up so a queue reads empty only once it has fully drained. */
export function depthAt(queue: QueueState, at: number): number {
  return Math.max(0, Math.ceil(queue.depth - (queue.drainPerSecond * (at - queue.setAt)) / 1_000));
}

export function queueOf(state: CloudState, name: string): QueueState {
  const found = state.queues[name];
  if (!found) throw new Error(`queue "${name}" does not exist in the simulated cloud`);
  return found;
}

export function simulatedQueues(core: CloudCore): QueueProvider {
  return {
    async check(_drain: DrainConfig, queue: QueueConfig) {
      core.call({ op: 'queues.check', target: queue.name, args: { queue: queue.name } }, (state) => {
        queueOf(state, queue.name);
      });
    },
    async depth(_drain: DrainConfig, queue: QueueConfig) {
      return core.call({ op: 'queues.depth', target: queue.name, args: { queue: queue.name }, logResult: true }, (state, at) =>
        depthAt(queueOf(state, queue.name), at),
      );
    },
  };
}
