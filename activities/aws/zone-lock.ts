/**
 * One holder at a time per key (a hosted zone, a Traffic Manager profile), in the order they asked,
 * with rollbacks served before routine callers still waiting, as the DNS budget does. A caller that
 * has not got its turn by its deadline leaves the queue with a retryable error instead of going
 * later: a write must never land after the activity that asked for it has timed out and the
 * workflow has moved on (to a rollback, say).
 *
 * Written here rather than taken from a library: the mutexes on npm (async-mutex, p-limit) have
 * neither keys that come and go nor two priorities with a per-waiter deadline.
 */
import { ApplicationFailure } from '@temporalio/common';
import type { Turn } from './pacer';

interface Waiter {
  go(): void;
}

interface Queue {
  held: boolean;
  waiting: Record<Turn, Waiter[]>;
}

export class KeyedLock {
  private readonly queues = new Map<string, Queue>();

  /** Runs `work` once it holds `key`; `what` names the key in the error of a caller that ran out of time. */
  async hold<T>(key: string, what: string, turn: Turn, deadline: number | undefined, work: () => Promise<T>): Promise<T> {
    await this.acquire(key, what, turn, deadline);
    try {
      return await work();
    } finally {
      this.release(key);
    }
  }

  private acquire(key: string, what: string, turn: Turn, deadline: number | undefined): Promise<void> {
    let queue = this.queues.get(key);
    if (!queue) {
      queue = { held: false, waiting: { rollback: [], routine: [] } };
      this.queues.set(key, queue);
    }
    if (!queue.held) {
      queue.held = true;
      return Promise.resolve();
    }
    const waiting = queue.waiting[turn];
    return new Promise((resolve, reject) => {
      const timer =
        deadline === undefined
          ? undefined
          : setTimeout(() => {
              waiting.splice(waiting.indexOf(waiter), 1);
              reject(ApplicationFailure.retryable(`${what} still had another change in flight when this try's time ran out`, 'DnsZoneBusy'));
            }, Math.max(0, deadline - Date.now()));
      const waiter: Waiter = {
        go: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      waiting.push(waiter);
    });
  }

  private release(key: string): void {
    const queue = this.queues.get(key)!;
    const next = queue.waiting.rollback.shift() ?? queue.waiting.routine.shift();
    if (next) return next.go();
    queue.held = false;
    this.queues.delete(key);
  }
}
