/**
 * Replication activities: the lag the RPO gate and the write switch compare against (forward or
 * reverse), with the time it was read, and the reverse replication's start and status.
 */
import { calling } from './errors';
import { providerFor } from './lookup';
import type { Providers, ReplicationConfig, ReplicationDirection } from './providers';

export function replicationActivities(providers: Providers) {
  const providerOf = (replication: ReplicationConfig) => providerFor(providers.replication, replication.provider, 'replication.provider');
  return {
    async readReplicationLag(input: { replication: ReplicationConfig; direction?: ReplicationDirection }): Promise<{ lagSeconds: number | null; at: number }> {
      const { replication, direction = 'forward' } = input;
      const which = direction === 'forward' ? `replication task ${replication.task}` : `the reverse replication of ${replication.task}`;
      const lagSeconds = await calling(`reading the lag of ${which}`, () => providerOf(replication).lagSeconds(replication, direction));
      return { lagSeconds, at: Date.now() };
    },
    /** Idempotent: the provider leaves a reverse replication that already runs as it is. */
    async startReverseReplication(input: { replication: ReplicationConfig }): Promise<void> {
      const { replication } = input;
      await calling(`starting the reverse replication of ${replication.task}`, () => providerOf(replication).startReverse(replication));
    },
    async readReverseReplication(input: { replication: ReplicationConfig }): Promise<{ running: boolean; status: string }> {
      const { replication } = input;
      return calling(`reading the reverse replication of ${replication.task}`, () => providerOf(replication).reverseStatus(replication));
    },
  };
}
