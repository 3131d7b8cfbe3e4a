/**
 * The DnsProvider for `provider: azure`: weights through the Traffic Manager profile's blue and
 * green endpoints, the TTL and the final record switch on the Azure DNS record set in front of it.
 *
 * The final record switch (when `dns.finalRecord` is set): at 100% green the record set stops
 * pointing at the profile and points straight at green (finalRecord), taking Traffic Manager out
 * of the path; any lower green share points it back at the profile. Traffic Manager is written
 * first in both directions, so the profile already holds the new split when the record reaches it.
 * While the record points at finalRecord, the weights read as 0/100 whatever the endpoints say.
 */
import type { Profile } from '@azure/arm-trafficmanager';
import { ApplicationFailure } from '@temporalio/common';
import type { DnsConfig, DnsProvider, Weights } from '../providers';
import { changeIdOf, parseChangeId } from './change-id';
import type { AzureClients } from './clients';
import { describeRecordSet, pointingOf, pointRecordSet, readRecordSet, recordSetResource, ttlSecondsOf, writeTtl, type ReadRecordSet } from './record-set';
import { azureSection, misconfigured, type AzureDns } from './section';
import { checkWeightedProfile, profileFqdn, readEndpoint, readProfile, writeEndpoint } from './traffic-manager';
import { carries, percentsOf, writeOrder } from './weights';

export function azureDns(clientsFor: (section: AzureDns) => AzureClients): DnsProvider {
  const open = (dns: DnsConfig) => {
    const section = azureSection(dns);
    return { section, azure: clientsFor(section) };
  };

  return {
    async readWeights(dns) {
      const { section, azure } = open(dns);
      const [profile, blue, green, recordSet] = await allInOrder([
        readProfile(azure, section),
        readEndpoint(azure, section, 'blue'),
        readEndpoint(azure, section, 'green'),
        readRecordSet(azure, section),
      ]);
      const pointing = pointingOf(recordSet, profile, section);
      // Switched to the final record, the name no longer goes through the profile at all.
      if (pointing === 'final') return { blue: 0, green: 100 };
      if (pointing === 'elsewhere') throw notThroughProfile(section, recordSet, profile, '');
      checkWeightedProfile(profile, section);
      const weights = percentsOf(blue, green);
      if (!weights) {
        throw ApplicationFailure.nonRetryable(
          `both endpoints of Traffic Manager profile "${section.trafficManagerProfile}" (${section.blue}, ${section.green}) are disabled, so it sends traffic nowhere: enable blue's endpoint`,
          'NoEndpointEnabled',
        );
      }
      return weights;
    },

    async setWeights(dns, weights) {
      const { section, azure } = open(dns);
      const [blue, green, profile, recordSet] = await readPlacement(azure, section);
      const pointing = profile && recordSet && pointingOf(recordSet, profile, section);
      // Checked before any write: an operator's hand-made change is reported, not undone.
      if (pointing === 'elsewhere') throw notThroughProfile(section, recordSet!, profile!, '; nothing was written');

      // Both endpoints are written every time, even one that reads as already right: the write is
      // idempotent, and a stale read must not leave a change half made.
      for (const side of writeOrder(percentsOf(blue, green), weights)) await writeEndpoint(azure, section, side, weights[side]);
      const wanted = weights.green === 100 ? 'final' : 'profile';
      if (pointing && pointing !== wanted) await pointRecordSet(azure, section, recordSet!, wanted, profile!);
      return { changeId: changeIdOf({ kind: 'weights', weights }) };
    },

    async isInSync(dns, changeId) {
      const { section, azure } = open(dns);
      const change = parseChangeId(changeId);
      if (!change) throw misconfigured(`"${changeId}" is not a change id the Azure DNS provider made`);
      if (change.kind === 'ttl') {
        const recordSet = await readRecordSet(azure, section);
        return settled(recordSet) && ttlSecondsOf(recordSet, section) === change.seconds;
      }
      return weightsInPlace(azure, section, change.weights);
    },

    async readTtl(dns) {
      const { section, azure } = open(dns);
      return ttlSecondsOf(await readRecordSet(azure, section), section) * 1000;
    },

    async setTtl(dns, ttlMs) {
      const { section, azure } = open(dns);
      if (!Number.isInteger(ttlMs) || ttlMs < 1000 || ttlMs % 1000 !== 0) {
        throw misconfigured(`Azure DNS TTLs are whole seconds, and ${ttlMs}ms is not one: write dns.ttl and dns.lowerTtlTo in whole seconds`);
      }
      const seconds = ttlMs / 1000;
      await writeTtl(azure, section, await readRecordSet(azure, section), seconds);
      return { changeId: changeIdOf({ kind: 'ttl', seconds }) };
    },
  };
}

/** Both endpoints, and under a final record switch the profile and the record set, read in order. */
function readPlacement(azure: AzureClients, section: AzureDns) {
  const switching = section.finalRecord !== undefined;
  return allInOrder([
    readEndpoint(azure, section, 'blue'),
    readEndpoint(azure, section, 'green'),
    switching ? readProfile(azure, section) : undefined,
    switching ? readRecordSet(azure, section) : undefined,
  ]);
}

/** Whether the endpoints (and the record set, under a final record switch) read as `weights` asks. */
async function weightsInPlace(azure: AzureClients, section: AzureDns, weights: Weights): Promise<boolean> {
  const [blue, green, profile, recordSet] = await readPlacement(azure, section);
  if (!carries(blue, weights.blue) || !carries(green, weights.green)) return false;
  if (!profile || !recordSet) return true;
  return settled(recordSet) && pointingOf(recordSet, profile, section) === (weights.green === 100 ? 'final' : 'profile');
}

/** Azure DNS applies a write before answering; a record set still provisioning is not in sync yet. */
const settled = (recordSet: ReadRecordSet) => recordSet.provisioningState === undefined || recordSet.provisioningState === 'Succeeded';

function notThroughProfile(section: AzureDns, recordSet: ReadRecordSet, profile: Profile, outcome: string): ApplicationFailure {
  const final = section.finalRecord ? ' nor dns.finalRecord' : '';
  return ApplicationFailure.nonRetryable(
    `${recordSetResource(section).what} answers ${describeRecordSet(recordSet)}, which is neither Traffic Manager profile ` +
      `"${section.trafficManagerProfile}" (${profileFqdn(profile, section)})${final}, so the profile's weights do not steer it. ` +
      `Point it at the profile (${section.recordType === 'CNAME' ? 'a CNAME to its FQDN, or ' : ''}an alias record set to the profile), or find out who changed it${outcome}`,
    'RecordNotOnProfile',
  );
}

/**
 * Runs the reads together and, if any fail, throws the first failure in the order given, so a
 * missing profile is reported as such rather than as whichever of its endpoints failed first.
 */
async function allInOrder<T extends readonly unknown[]>(reads: { [K in keyof T]: Promise<T[K]> | T[K] }): Promise<T> {
  const results = await Promise.allSettled(reads);
  const failed = results.find((result) => result.status === 'rejected');
  if (failed) throw failed.reason;
  return results.map((result) => (result as PromiseFulfilledResult<unknown>).value) as unknown as T;
}
