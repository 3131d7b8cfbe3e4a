/**
 * The Azure DNS record set `dns.record` (type `dns.recordType`) in `dns.zone`: its TTL, and where
 * it points. Every write carries If-Match with the etag read just before it, so an edit made by
 * someone else in between is refused by Azure DNS (412) and surfaces as ConcurrentEdit, never
 * overwritten.
 *
 * Where it points, for the final record switch:
 * - "profile": through the Traffic Manager profile, as a CNAME to the profile's FQDN or as an
 *   alias record set (targetResource) to the profile. This is how the record stands before and
 *   during the canary, and where a rollback puts it back.
 * - "final": straight at `dns.finalRecord` (its CNAME target, or exactly its A addresses).
 * - "elsewhere": anything else; then the profile's weights do not steer this name's traffic.
 * The way back to the profile is derived from the profile itself (a CNAME to its dnsConfig.fqdn,
 * or for an A record set an alias to its resource id), so nothing needs remembering across
 * worker restarts.
 */
import type { RecordSet } from '@azure/arm-dns';
import type { Profile } from '@azure/arm-trafficmanager';
import type { AzureClients } from './clients';
import { azureCall, type AzureResource } from './failures';
import { misconfigured, relativeRecordName, sameName, type AzureDns } from './section';
import { profileFqdn } from './traffic-manager';

export type Pointing = 'profile' | 'final' | 'elsewhere';

/** A record set as read, with the etag its next write must match. */
export type ReadRecordSet = RecordSet & { etag: string };

export function recordSetResource(section: AzureDns): AzureResource {
  return {
    what: `DNS record set "${relativeRecordName(section)}" (${section.recordType}) in zone ${section.zone}`,
    fields: 'dns.record and dns.recordType',
    type: `Microsoft.Network/dnszones/${section.recordType}`,
    parent: { what: `DNS zone "${section.zone}"`, fields: 'dns.zone and dns.resourceGroup' },
    section,
  };
}

export async function readRecordSet(azure: AzureClients, section: AzureDns): Promise<ReadRecordSet> {
  const recordSet = await azureCall(recordSetResource(section), 'read', () =>
    azure.dns.recordSets.get(section.resourceGroup, section.zone, relativeRecordName(section), section.recordType),
  );
  if (!recordSet.etag) throw misconfigured(`${recordSetResource(section).what} came back without an etag, so it cannot be written safely`);
  return { ...recordSet, etag: recordSet.etag };
}

export function ttlSecondsOf(recordSet: RecordSet, section: AzureDns): number {
  if (recordSet.ttl === undefined) throw misconfigured(`${recordSetResource(section).what} has no TTL`);
  return recordSet.ttl;
}

/** PATCH of the TTL alone, on the condition that nothing changed since `current` was read. */
export async function writeTtl(azure: AzureClients, section: AzureDns, current: ReadRecordSet, seconds: number): Promise<void> {
  await azureCall(recordSetResource(section), 'write', () =>
    azure.dns.recordSets.update(section.resourceGroup, section.zone, relativeRecordName(section), section.recordType, { ttl: seconds }, { ifMatch: current.etag }),
  );
}

export function pointingOf(recordSet: RecordSet, profile: Profile, section: AzureDns): Pointing {
  const alias = recordSet.targetResource?.id;
  if (alias) return profile.id !== undefined && alias.toLowerCase() === profile.id.toLowerCase() ? 'profile' : 'elsewhere';
  const final = section.finalRecord;
  if (section.recordType === 'CNAME') {
    const cname = recordSet.cnameRecord?.cname;
    if (cname === undefined) return 'elsewhere';
    if (sameName(cname, profileFqdn(profile, section))) return 'profile';
    return final && 'cname' in final && sameName(cname, final.cname) ? 'final' : 'elsewhere';
  }
  const addresses = (recordSet.aRecords ?? []).map((record) => record.ipv4Address ?? '');
  return final && 'a' in final && sameSet(addresses, final.a) ? 'final' : 'elsewhere';
}

/**
 * Points the record set at the final record or back at the profile with a PUT of the whole record
 * set (its TTL and metadata kept), conditional on `current`'s etag.
 */
export async function pointRecordSet(azure: AzureClients, section: AzureDns, current: ReadRecordSet, at: Exclude<Pointing, 'elsewhere'>, profile: Profile): Promise<void> {
  const kept: RecordSet = { ttl: current.ttl, metadata: current.metadata };
  const next: RecordSet = at === 'final' ? { ...kept, ...finalContent(section) } : { ...kept, ...profileContent(section, profile) };
  await azureCall(recordSetResource(section), 'write', () =>
    azure.dns.recordSets.createOrUpdate(section.resourceGroup, section.zone, relativeRecordName(section), section.recordType, next, { ifMatch: current.etag }),
  );
}

function finalContent(section: AzureDns): RecordSet {
  const final = section.finalRecord;
  if (!final) throw misconfigured('dns.finalRecord is not set, so there is no final record to switch to');
  return 'cname' in final ? { cnameRecord: { cname: final.cname } } : { aRecords: final.a.map((ipv4Address) => ({ ipv4Address })) };
}

/** A CNAME cannot alias its way to an A answer, so an A record set goes back as an alias to the profile. */
function profileContent(section: AzureDns, profile: Profile): RecordSet {
  if (section.recordType === 'CNAME') return { cnameRecord: { cname: profileFqdn(profile, section) } };
  if (!profile.id) throw misconfigured(`Traffic Manager profile "${section.trafficManagerProfile}" came back without a resource id to alias`);
  return { targetResource: { id: profile.id } };
}

/** What the record set answers, for messages. */
export function describeRecordSet(recordSet: RecordSet): string {
  if (recordSet.targetResource?.id) return `an alias to ${recordSet.targetResource.id}`;
  if (recordSet.cnameRecord?.cname) return `CNAME ${recordSet.cnameRecord.cname}`;
  const addresses = (recordSet.aRecords ?? []).map((record) => record.ipv4Address);
  return addresses.length > 0 ? `A ${addresses.join(', ')}` : 'no records';
}

function sameSet(a: string[], b: string[]): boolean {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((value) => right.has(value));
}
