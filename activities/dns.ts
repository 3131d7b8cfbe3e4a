/**
 * DNS activities: set and read the blue/green weights of the record, wait for a change to be in
 * sync, set its TTL. Setting absolute weights is idempotent, so a retry after a lost answer is safe.
 */
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { calling } from './errors';
import { providerFor } from './lookup';
import type { DnsConfig, DnsProvider, Providers, Weights } from './providers';

const DEFAULT_SYNC_POLL_MS = 250;

export function dnsActivities(providers: Providers) {
  const dnsFor = (dns: DnsConfig): DnsProvider => providerFor(providers.dns, dns.provider, 'dns.provider');

  return {
    async setDnsWeights(input: { dns: DnsConfig; weights: Weights }): Promise<{ changeId: string; at: number }> {
      const { dns, weights } = input;
      checkWeights(weights);
      const provider = dnsFor(dns);
      const { changeId } = await calling(`setting ${dns.record} to blue ${weights.blue} / green ${weights.green}`, () =>
        provider.setWeights(dns, weights),
      );
      return { changeId, at: Date.now() };
    },

    /** Polls until the change is in sync; heartbeats each poll so a cancelled activity stops promptly. */
    async waitForDnsSync(input: { dns: DnsConfig; changeId: string; pollIntervalMs?: number }): Promise<void> {
      const { dns, changeId, pollIntervalMs = DEFAULT_SYNC_POLL_MS } = input;
      const provider = dnsFor(dns);
      const context = Context.current();
      for (;;) {
        context.heartbeat({ changeId });
        const inSync = await calling(`checking whether change ${changeId} on ${dns.record} is in sync`, () =>
          provider.isInSync(dns, changeId),
        );
        if (inSync) return;
        // Rejects with CancelledFailure when the activity is cancelled.
        await context.sleep(pollIntervalMs);
      }
    },

    async readDnsWeights(input: { dns: DnsConfig }): Promise<Weights> {
      const { dns } = input;
      const provider = dnsFor(dns);
      return calling(`reading the weights of ${dns.record}`, () => provider.readWeights(dns));
    },

    async setDnsTtl(input: { dns: DnsConfig; ttlMs: number }): Promise<{ changeId: string }> {
      const { dns, ttlMs } = input;
      const provider = dnsFor(dns);
      return calling(`setting the TTL of ${dns.record} to ${ttlMs}ms`, () => provider.setTtl(dns, ttlMs));
    },
  };
}

/** Weights from the workflow that do not add up are a bug no retry fixes. */
function checkWeights(weights: Weights): void {
  const whole = [weights.blue, weights.green].every((w) => Number.isInteger(w) && w >= 0 && w <= 100);
  if (!whole || weights.blue + weights.green !== 100) {
    throw ApplicationFailure.nonRetryable(
      `weights must be whole percents adding up to 100, got blue ${weights.blue} / green ${weights.green}`,
      'InvalidWeights',
    );
  }
}
