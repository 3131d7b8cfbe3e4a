/**
 * Finding blue's and green's weighted records: the record sets named `dns.record` in the hosted zone
 * whose SetIdentifier is `dns.blue` / `dns.green` (of `dns.type`, when given). Each comes back whole,
 * so a change can rewrite it with everything but the field it changes kept as it was.
 */
import { ListResourceRecordSetsCommand, type ResourceRecordSet, type Route53Client, type RRType } from '@aws-sdk/client-route-53';
import type { Route53Dns } from '../../workflows/runbook/provider-sections';
import { awsCall, type Permanent, permanentFailure } from './errors';

export interface WeightedPair {
  blue: ResourceRecordSet;
  green: ResourceRecordSet;
}

/** The types a weighted record shifting traffic can have (the schema's `dns.type`). */
const TRAFFIC_TYPES = new Set(['A', 'AAAA', 'CNAME']);

export const ROUTE53_ERRORS: Record<string, Permanent> = {
  NoSuchHostedZone: { type: 'HostedZoneNotFound', hint: 'check dns.hostedZoneId' },
  NoSuchChange: { type: 'DnsChangeNotFound', hint: 'the change is unknown to Route 53' },
};

export function describeRecord(dns: Route53Dns): string {
  return `${dns.record}${dns.type ? ` (${dns.type})` : ''} in hosted zone ${dns.hostedZoneId}`;
}

/**
 * Route 53 writes names fully qualified, lower case, with characters outside [a-z0-9-_.] as \ooo
 * octal escapes (`*` is \052); a runbook writes them as people do.
 */
export function sameName(route53Name: string, written: string): boolean {
  const plain = (name: string) =>
    name
      .replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)))
      .replace(/\.$/, '')
      .toLowerCase();
  return plain(route53Name) === plain(written);
}

/** Every record set under the name (of the type, when given), following pages. */
async function recordsNamed(client: Route53Client, dns: Route53Dns): Promise<ResourceRecordSet[]> {
  const found: ResourceRecordSet[] = [];
  let start: { name: string; type?: RRType; identifier?: string } = { name: dns.record, ...(dns.type && { type: dns.type }) };
  for (;;) {
    const page = await awsCall(
      `listing the records of ${describeRecord(dns)}`,
      () =>
        client.send(
          new ListResourceRecordSetsCommand({
            HostedZoneId: dns.hostedZoneId,
            StartRecordName: start.name,
            ...(start.type && { StartRecordType: start.type }),
            ...(start.identifier && { StartRecordIdentifier: start.identifier }),
          }),
        ),
      ROUTE53_ERRORS,
    );
    const sets = page.ResourceRecordSets ?? [];
    const named = sets.filter((set) => sameName(set.Name ?? '', dns.record) && (!dns.type || set.Type === dns.type));
    found.push(...named);
    // Record sets come sorted by name, then type: the first one that is not ours ends the search.
    const pastTheName = named.length < sets.length;
    if (!page.IsTruncated || pastTheName || !page.NextRecordName || !sameName(page.NextRecordName, dns.record)) return found;
    start = {
      name: page.NextRecordName,
      ...(page.NextRecordType && { type: page.NextRecordType }),
      ...(page.NextRecordIdentifier && { identifier: page.NextRecordIdentifier }),
    };
  }
}

function pick(records: ResourceRecordSet[], dns: Route53Dns, side: 'blue' | 'green'): ResourceRecordSet {
  const identifier = dns[side];
  const matches = records.filter((set) => set.SetIdentifier === identifier && (dns.type ? set.Type === dns.type : TRAFFIC_TYPES.has(set.Type ?? '')));
  if (matches.length === 0) {
    const others = [...new Set(records.map((set) => set.SetIdentifier).filter((id) => id !== undefined))];
    const known = others.length ? `set identifiers there: ${others.map((id) => `"${id}"`).join(', ')}` : 'no weighted records there';
    throw permanentFailure(
      `no weighted record ${describeRecord(dns)} has set identifier "${identifier}" (${known}): check dns.${side}, dns.record and dns.hostedZoneId`,
      'DnsRecordNotFound',
    );
  }
  if (matches.length > 1) {
    const types = matches.map((set) => set.Type).join(', ');
    throw permanentFailure(
      `${dns.record} in hosted zone ${dns.hostedZoneId} has records of types ${types} with set identifier "${identifier}": set dns.type to the one that shifts traffic`,
      'DnsRecordAmbiguous',
    );
  }
  const record = matches[0]!;
  const otherPolicy = record.Region ?? record.Failover ?? record.GeoLocation ?? record.GeoProximityLocation ?? record.CidrRoutingConfig ?? record.MultiValueAnswer;
  if (record.Weight === undefined && otherPolicy !== undefined) {
    throw permanentFailure(
      `the record ${describeRecord(dns)} with set identifier "${identifier}" uses another routing policy, not weighted: make blue and green weighted records`,
      'DnsRecordNotWeighted',
    );
  }
  return record;
}

export async function findWeightedPair(client: Route53Client, dns: Route53Dns): Promise<WeightedPair> {
  const records = await recordsNamed(client, dns);
  const pair = { blue: pick(records, dns, 'blue'), green: pick(records, dns, 'green') };
  if (pair.blue.Type !== pair.green.Type) {
    throw permanentFailure(
      `blue's record ${dns.record} is ${pair.blue.Type} but green's is ${pair.green.Type}, so they are not one weighted group: set dns.type, or make both the same type`,
      'DnsRecordTypeMismatch',
    );
  }
  return pair;
}
