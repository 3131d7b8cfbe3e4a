/** Queue activity: the depth of every queue the drain phase waits on, read together. */
import { calling } from './errors';
import { providerFor } from './lookup';
import type { DrainConfig, Providers } from './providers';

export function queueActivities(providers: Providers) {
  return {
    async readQueueDepths(input: { drain: DrainConfig }): Promise<{ depths: Record<string, number>; at: number }> {
      const { drain } = input;
      const provider = providerFor(providers.queues, drain.provider, 'drain.provider');
      const entries = await Promise.all(
        drain.queues.map(async (queue) => [queue.name, await calling(`reading the depth of queue ${queue.name}`, () => provider.depth(drain, queue))] as const),
      );
      return { depths: Object.fromEntries(entries), at: Date.now() };
    },
  };
}
