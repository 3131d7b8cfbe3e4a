/** Replication activity: the lag the RPO gate compares against, with the time it was read. */
import { calling } from './errors';
import { providerFor } from './lookup';
import type { Providers, ReplicationConfig } from './providers';

export function replicationActivities(providers: Providers) {
  return {
    async readReplicationLag(input: { replication: ReplicationConfig }): Promise<{ lagSeconds: number | null; at: number }> {
      const { replication } = input;
      const provider = providerFor(providers.replication, replication.provider, 'replication.provider');
      const lagSeconds = await calling(`reading the lag of replication task ${replication.task}`, () => provider.lagSeconds(replication));
      return { lagSeconds, at: Date.now() };
    },
  };
}
