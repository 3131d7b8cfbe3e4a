/**
 * DNS on Route 53 (`dns.provider: route53`): blue and green are weighted records of one name, told
 * apart by SetIdentifier. Both weights change in one change batch, so resolvers never see a split
 * that does not add up; a change is in sync when GetChange says INSYNC. Every write is an UPSERT of
 * the record as read, with only the weight (or the TTL) replaced.
 */
import { ChangeResourceRecordSetsCommand, GetChangeCommand, type ResourceRecordSet, type Route53Client } from '@aws-sdk/client-route-53';
import type { Route53Dns } from '../../workflows/runbook/provider-sections';
import type { DnsConfig, DnsProvider, Weights } from '../providers';
import type { AwsClients } from './clients';
import { awsCall, permanentFailure } from './errors';
import { describeRecord, findWeightedPair, ROUTE53_ERRORS } from './route53-records';
import { fromRoute53Weights, toRoute53Weights } from './route53-weights';
import { oneChangeInZone, sawInSync } from './route53-zone-changes';

function asRoute53(dns: DnsConfig): Route53Dns {
  if (dns.provider !== 'route53') throw permanentFailure(`dns.provider is "${dns.provider}", not route53`, 'UnknownProvider');
  return dns;
}

/**
 * Writes the records in one batch, as the zone's only change in flight from this worker; its change
 * id is what isInSync waits on.
 */
function upsert(client: Route53Client, dns: Route53Dns, records: ResourceRecordSet[], comment: string): Promise<{ changeId: string }> {
  return oneChangeInZone(client, dns, `hosted zone ${dns.hostedZoneId}`, () => send(client, dns, records, comment));
}

async function send(client: Route53Client, dns: Route53Dns, records: ResourceRecordSet[], comment: string): Promise<{ changeId: string }> {
  const answer = await awsCall(
    `changing ${describeRecord(dns)} (${comment})`,
    () =>
      client.send(
        new ChangeResourceRecordSetsCommand({
          HostedZoneId: dns.hostedZoneId,
          ChangeBatch: { Comment: `cutover: ${comment}`, Changes: records.map((record) => ({ Action: 'UPSERT', ResourceRecordSet: record })) },
        }),
      ),
    ROUTE53_ERRORS,
  );
  const changeId = answer.ChangeInfo?.Id;
  if (!changeId) throw new Error(`Route 53 accepted the change to ${describeRecord(dns)} but returned no change id`);
  return { changeId };
}

/**
 * Route 53 TTLs are whole seconds. A TTL the runbook gives in milliseconds is rounded down, so a
 * record is never cached longer than the bakes were planned for.
 */
function ttlSeconds(ttlMs: number): number {
  if (!Number.isFinite(ttlMs) || ttlMs < 0) throw permanentFailure(`a TTL must be 0 or more milliseconds, got ${ttlMs}`, 'InvalidTtl');
  return Math.floor(ttlMs / 1000);
}

function isAlias(record: ResourceRecordSet): boolean {
  return record.AliasTarget !== undefined;
}

export function route53Dns(clients: AwsClients): DnsProvider {
  return {
    async readWeights(config) {
      const dns = asRoute53(config);
      const { blue, green } = await findWeightedPair(clients.route53(dns), dns);
      return fromRoute53Weights(blue.Weight, green.Weight);
    },

    async setWeights(config, weights: Weights) {
      const dns = asRoute53(config);
      const route53Weights = toRoute53Weights(weights);
      const client = clients.route53(dns);
      const { blue, green } = await findWeightedPair(client, dns);
      return upsert(
        client,
        dns,
        [
          { ...blue, Weight: route53Weights.blue },
          { ...green, Weight: route53Weights.green },
        ],
        `blue ${weights.blue} / green ${weights.green}`,
      );
    },

    async isInSync(config, changeId) {
      const dns = asRoute53(config);
      const answer = await awsCall(
        `reading change ${changeId} of ${describeRecord(dns)}`,
        () => clients.route53(dns).send(new GetChangeCommand({ Id: changeId })),
        ROUTE53_ERRORS,
      );
      const inSync = answer.ChangeInfo?.Status === 'INSYNC';
      if (inSync) sawInSync(dns, changeId);
      return inSync;
    },

    /**
     * The longer of the two records' TTLs: what a resolver may cache. An alias record has no TTL of
     * its own (resolvers use its target's), so the runbook's dns.ttl stands for it.
     */
    async readTtl(config) {
      const dns = asRoute53(config);
      const { blue, green } = await findWeightedPair(clients.route53(dns), dns);
      const ttlMs = (record: ResourceRecordSet) => (isAlias(record) || record.TTL === undefined ? dns.ttl : record.TTL * 1000);
      return Math.max(ttlMs(blue), ttlMs(green));
    },

    async setTtl(config, ttlMs) {
      const dns = asRoute53(config);
      const seconds = ttlSeconds(ttlMs);
      const client = clients.route53(dns);
      const { blue, green } = await findWeightedPair(client, dns);
      if (isAlias(blue) || isAlias(green)) {
        throw permanentFailure(
          `${describeRecord(dns)} is an alias record, which has no TTL of its own: remove dns.lowerTtlTo (resolvers cache it for its target's TTL)`,
          'DnsRecordIsAlias',
        );
      }
      return upsert(client, dns, [{ ...blue, TTL: seconds }, { ...green, TTL: seconds }], `TTL ${seconds}s`);
    },
  };
}
