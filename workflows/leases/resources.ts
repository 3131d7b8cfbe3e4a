/**
 * The resources a cutover changes, as lease ids: one exclusive lease per DNS record (or Traffic
 * Manager profile), and under a write switch per replication task of the pair and per database whose
 * writer it moves. Two
 * runbooks that name the same thing in the same cloud get the same id, so at most one cutover holds
 * it. Pure: the cutover, the start command and the tests derive the same ids from the same runbook.
 *
 * A resource is named `<kind>/<provider>[@<where>]/<scope…>/<name>`, each part escaped, so an id is
 * stable, typeable and never ambiguous. `where` is the endpoint (a rehearsal's local server is not
 * AWS) and the region; a simulated cloud lives in the workers of one task queue, so that is its scope.
 * Hook endpoints are shared infrastructure (one freeze hook serves many applications) and not leased.
 */
import type { Runbook } from '../runbook/schema';

export type LeaseKind = 'dns' | 'replication' | 'writer';

export interface LeaseResource {
  /** What people read and type (`cutover release <resource>`): dns/route53/Z123/orders.example.com. */
  resource: string;
  kind: LeaseKind;
  /** What it is, in the runbook's words, for messages. */
  describes: string;
}

/** Lease workflows' ids start with this, so they never collide with a cutover or a wave. */
export const LEASE_ID_PREFIX = 'lease/';

export function leaseWorkflowId(resource: string): string {
  return `${LEASE_ID_PREFIX}${resource}`;
}

/** One part of a resource id: `/` and anything unusual escaped, so parts never run together. */
export function escapePart(part: string): string {
  return encodeURIComponent(part).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** A DNS name as resolvers compare it: case-insensitive, the root's trailing dot optional. */
export function dnsName(name: string): string {
  return name.toLowerCase().replace(/\.$/, '');
}

interface Place {
  endpoint?: string | undefined;
  region?: string | undefined;
}

/** `provider`, or `provider@endpoint,region` when the section points somewhere other than the default. */
function providerPart(provider: string, place: Place): string {
  const where = [place.endpoint?.replace(/\/+$/, ''), place.region].filter((part): part is string => !!part);
  return where.length === 0 ? escapePart(provider) : `${escapePart(provider)}@${where.map(escapePart).join(',')}`;
}

function id(kind: LeaseKind, provider: string, parts: string[]): string {
  return [kind, provider, ...parts.map(escapePart)].join('/');
}

export interface LeaseScope {
  /** The task queue the cutover runs on: the scope of simulated clouds. */
  taskQueue: string;
}

function dnsResources(dns: Runbook['dns'], scope: LeaseScope): LeaseResource[] {
  switch (dns.provider) {
    case 'simulated':
      return [{ resource: id('dns', 'simulated', [scope.taskQueue, dnsName(dns.record)]), kind: 'dns', describes: `DNS record ${dns.record}` }];
    case 'route53':
      return [{ resource: id('dns', providerPart('route53', dns), [dns.hostedZoneId, dnsName(dns.record)]), kind: 'dns', describes: `Route 53 record ${dns.record} in zone ${dns.hostedZoneId}` }];
    case 'azure': {
      const provider = providerPart('azure', { endpoint: dns.endpoint });
      const group = [dns.subscriptionId, dns.resourceGroup.toLowerCase()];
      // The weights live in the profile; the record's TTL (and its target, with finalRecord) in the zone.
      return [
        { resource: id('dns', provider, [...group, 'trafficmanager', dns.trafficManagerProfile.toLowerCase()]), kind: 'dns', describes: `Traffic Manager profile ${dns.trafficManagerProfile}` },
        { resource: id('dns', provider, [...group, dnsName(dns.zone), dnsName(dns.record)]), kind: 'dns', describes: `Azure DNS record ${dns.record} in zone ${dns.zone}` },
      ];
    }
  }
}

function replicationProvider(replication: Runbook['replication'], scope: LeaseScope): { provider: string; prefix: string[] } {
  switch (replication.provider) {
    case 'simulated':
      return { provider: 'simulated', prefix: [scope.taskQueue] };
    case 'dms':
      return { provider: providerPart('dms', replication), prefix: [] };
    case 'prometheus':
      return { provider: providerPart('prometheus', { endpoint: replication.endpoint }), prefix: [] };
  }
}

/**
 * Every resource the runbook's cutover changes, sorted by id: the order leases are taken in. The DNS
 * record always; the replication pair and the database's writer only under a write switch, which
 * starts the reverse replication and moves the writer. A frozen window only reads the forward lag,
 * and several applications may well gate on one task's lag at once.
 */
export function leaseResources(runbook: Runbook, scope: LeaseScope): LeaseResource[] {
  const { replication } = runbook;
  const resources = [...dnsResources(runbook.dns, scope)];
  if (runbook.writes.mode === 'switch') {
    const { provider, prefix } = replicationProvider(replication, scope);
    const reverse = replication.provider === 'prometheus' ? undefined : replication.reverseTask;
    resources.push({ resource: id('replication', provider, [...prefix, replication.task]), kind: 'replication', describes: `replication task ${replication.task}` });
    if (reverse !== undefined) resources.push({ resource: id('replication', provider, [...prefix, reverse]), kind: 'replication', describes: `reverse replication task ${reverse}` });
    // The runbook names the database by the replication that feeds it: whoever switches its writer gates on that task.
    resources.push({ resource: id('writer', provider, [...prefix, replication.task]), kind: 'writer', describes: `the writer of the database replicated by ${replication.task}` });
  }
  const unique = new Map(resources.map((entry) => [entry.resource, entry]));
  return [...unique.values()].sort((a, b) => (a.resource < b.resource ? -1 : a.resource > b.resource ? 1 : 0));
}

/** Why `resource` cannot be a lease's resource id (as typed for `cutover release`), or null. */
export function resourceProblem(resource: string): string | null {
  const parts = resource.split('/');
  if (resource.startsWith(LEASE_ID_PREFIX)) return `starts with "${LEASE_ID_PREFIX}": write the resource without it, as \`cutover leases\` lists it`;
  if (parts.length < 3 || parts.some((part) => part.length === 0)) return 'is not a resource id: write it as `cutover leases` lists it, e.g. dns/route53/Z123/orders.example.com';
  if (!['dns', 'replication', 'writer'].includes(parts[0]!)) return `starts with "${parts[0]}": a resource is a dns record, a replication task or a writer (dns/…, replication/…, writer/…)`;
  if (resource.length > 900) return `is ${resource.length} characters long; a resource id is at most 900`;
  return null;
}
