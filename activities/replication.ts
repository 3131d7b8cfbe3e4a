/**
 * Replication activities: the lag the RPO gates compare against (forward before the write switch,
 * reverse before a rollback gives blue its writes back), with the time it was read; and the reverse
 * replication the write switch starts and then watches until it runs.
 */
import { calling } from './errors';
import { providerFor } from './lookup';
import type { Providers, ReplicationConfig, ReplicationDirection } from './providers';

export function replicationActivities(providers: Providers) {
  const providerOf = (replication: ReplicationConfig) => providerFor(providers.replication, replication.provider, 'replication.provider');

  return {
    async readReplicationLag(input: { replication: ReplicationConfig; direction?: ReplicationDirection }): Promise<{ lagSeconds: number | null; at: number }> {
      const { replication, direction = 'forward' } = input;
      const provider = providerOf(replication);
      const which = direction === 'forward' ? 'the lag' : 'the reverse lag';
      const lagSeconds = await calling(`reading ${which} of replication ${replication.task}`, () => provider.lagSeconds(replication, direction));
      return { lagSeconds, at: Date.now() };
    },

    /** Idempotent, as every provider's startReverse is: a retry or a resumed run starts nothing twice. */
    async startReverseReplication(input: { replication: ReplicationConfig }): Promise<void> {
      const { replication } = input;
      const provider = providerOf(replication);
      await calling(`starting the reverse replication of ${replication.task}`, () => provider.startReverse(replication));
    },

    async readReverseReplication(input: { replication: ReplicationConfig }): Promise<{ running: boolean; status: string; at: number }> {
      const { replication } = input;
      const provider = providerOf(replication);
      const status = await calling(`reading the reverse replication of ${replication.task}`, () => provider.reverseStatus(replication));
      return { ...status, at: Date.now() };
    },
  };
}
