/**
 * Microsoft.Network/dnsZones: GET of a zone, and GET/PUT/PATCH/DELETE of its record sets
 * (`dnsZones/{zone}/{recordType}/{name}`) with Azure DNS's etag rules. Every write mints a new
 * etag, returned in the body's `etag` and in the ETag header. Only A and CNAME record sets are
 * modelled, the two types a cutover switches.
 */
import { ArmError, badRequest, checkPreconditions, objectBody, propertiesOf, type ArmReply, type ArmRequest } from './arm-http';
import { copy, newEtag, providerBase, type ArmState, type RecordSetProperties, type RecordSetResource, type Scope } from './state';

export const DNS_API_VERSIONS = ['2018-05-01', '2023-07-01-preview'];
const RECORD_TYPES = ['A', 'CNAME'] as const;
type RecordType = (typeof RECORD_TYPES)[number];

export function dnsZones(state: ArmState, request: ArmRequest, scope: Scope): ArmReply {
  const [, zoneName, type, name, ...rest] = request.segments;
  if (zoneName === undefined || rest.length > 0 || (type !== undefined && name === undefined)) {
    throw new ArmError(404, 'InvalidResourceType', `The resource type could not be found in the namespace 'Microsoft.Network'.`);
  }
  const zone = state.zone(scope, zoneName);
  if (type === undefined) {
    if (request.method !== 'GET') throw new ArmError(405, 'MethodNotAllowed', `${request.method} of a zone is not modelled by this fake`);
    if (!zone) throw new ArmError(404, 'ResourceNotFound', `The Resource 'Microsoft.Network/dnszones/${zoneName}' under resource group '${scope.resourceGroup}' was not found.`);
    return withEtag(copy(zone));
  }
  const recordType = RECORD_TYPES.find((t) => t === type.toUpperCase());
  if (!recordType) throw badRequest(`record type '${type}' is not one this fake models (A, CNAME)`);
  if (!zone) {
    throw new ArmError(404, 'ParentResourceNotFound', `Can not perform requested operation on nested resource. Parent resource '${zoneName}' not found.`);
  }
  const ref = { scope, zone: zone.name, type: recordType, name: name! };
  switch (request.method) {
    case 'GET':
      return withEtag(copy(existing(state, ref)));
    case 'PUT':
      return put(state, request, ref);
    case 'PATCH':
      return patch(state, request, ref);
    case 'DELETE':
      return remove(state, request, ref);
    default:
      throw new ArmError(405, 'MethodNotAllowed', `${request.method} is not allowed on a record set`);
  }
}

interface RecordSetRef {
  scope: Scope;
  zone: string;
  type: RecordType;
  name: string;
}

const describe = (ref: RecordSetRef) => `record set '${ref.type}/${ref.name}' in zone '${ref.zone}'`;

function existing(state: ArmState, ref: RecordSetRef): RecordSetResource {
  const found = state.recordSet(ref.scope, ref.zone, ref.type, ref.name);
  if (!found) throw new ArmError(404, 'NotFound', `The ${describe(ref)} does not exist in resource group '${ref.scope.resourceGroup}'.`);
  return found;
}

function put(state: ArmState, request: ArmRequest, ref: RecordSetRef): ArmReply {
  const current = state.recordSet(ref.scope, ref.zone, ref.type, ref.name);
  checkPreconditions(request, current, describe(ref));
  const properties = validProperties(state, ref, propertiesOf(objectBody(request)));
  const stored = store(state, ref, current?.name ?? ref.name, properties);
  return { ...withEtag(copy(stored)), status: current ? 200 : 201 };
}

/** PATCH replaces the properties it names and keeps the others. */
function patch(state: ArmState, request: ArmRequest, ref: RecordSetRef): ArmReply {
  const current = existing(state, ref);
  checkPreconditions(request, current, describe(ref));
  const given = propertiesOf(objectBody(request));
  const merged: Record<string, unknown> = { ...copy(current.properties) };
  for (const field of ['metadata', 'TTL', 'targetResource', 'CNAMERecord', 'ARecords']) {
    if (field in given) merged[field] = given[field];
  }
  const stored = store(state, ref, current.name, validProperties(state, ref, merged));
  return withEtag(copy(stored));
}

function remove(state: ArmState, request: ArmRequest, ref: RecordSetRef): ArmReply {
  const current = state.recordSet(ref.scope, ref.zone, ref.type, ref.name);
  if (!current && request.ifMatch === undefined) return { status: 204 };
  checkPreconditions(request, current, describe(ref));
  state.deleteRecordSet(ref.scope, ref.zone, ref.type, ref.name);
  return { status: 200 };
}

function store(state: ArmState, ref: RecordSetRef, name: string, properties: Omit<RecordSetProperties, 'fqdn' | 'provisioningState'>): RecordSetResource {
  const fqdn = name === '@' ? `${ref.zone}.` : `${name}.${ref.zone}.`;
  const recordSet: RecordSetResource = {
    id: `${providerBase(ref.scope)}/dnszones/${ref.zone}/${ref.type}/${name}`,
    name,
    type: `Microsoft.Network/dnszones/${ref.type}`,
    etag: newEtag(),
    properties: { ...properties, fqdn, provisioningState: 'Succeeded' },
  };
  state.putRecordSet(ref.scope, ref.zone, ref.type, recordSet);
  return recordSet;
}

/** What Azure DNS refuses with 400: a missing TTL, bad records, records beside an alias target. */
function validProperties(state: ArmState, ref: RecordSetRef, given: Record<string, unknown>): Omit<RecordSetProperties, 'fqdn' | 'provisioningState'> {
  const ttl = given.TTL;
  if (typeof ttl !== 'number' || !Number.isInteger(ttl) || ttl < 0 || ttl > 2_147_483_647) {
    throw badRequest(`The TTL of the ${describe(ref)} must be a whole number of seconds from 0 to 2147483647.`);
  }
  const properties: Omit<RecordSetProperties, 'fqdn' | 'provisioningState'> = { TTL: ttl, metadata: stringRecord(given.metadata) };
  const alias = aliasTarget(state, given.targetResource);
  if (alias) properties.targetResource = { id: alias };

  if (ref.type === 'CNAME') {
    const cname = (given.CNAMERecord as { cname?: unknown } | undefined)?.cname;
    if (cname !== undefined && (typeof cname !== 'string' || cname === '')) throw badRequest('CNAMERecord.cname must be a domain name');
    if (alias && cname !== undefined) throw badRequest('A record set with a target resource (alias) cannot also have a CNAME record.');
    if (!alias && cname === undefined) throw badRequest('A CNAME record set needs a CNAMERecord or a targetResource.');
    if (cname !== undefined) properties.CNAMERecord = { cname: cname as string };
    return properties;
  }

  const records = given.ARecords ?? [];
  if (!Array.isArray(records)) throw badRequest('ARecords must be a list');
  const addresses = records.map((record: { ipv4Address?: unknown }) => record?.ipv4Address);
  for (const address of addresses) {
    if (typeof address !== 'string' || !isIpv4(address)) throw badRequest(`'${String(address)}' is not a valid IPv4 address.`);
  }
  if (alias && addresses.length > 0) throw badRequest('A record set with a target resource (alias) cannot also have A records.');
  if (!alias) properties.ARecords = (addresses as string[]).map((ipv4Address) => ({ ipv4Address }));
  return properties;
}

/** An alias must name a resource that exists; here, a Traffic Manager profile. */
function aliasTarget(state: ArmState, targetResource: unknown): string | undefined {
  const id = (targetResource as { id?: unknown } | undefined)?.id;
  if (id === undefined || id === null || id === '') return undefined;
  if (typeof id !== 'string') throw badRequest('targetResource.id must be a resource id');
  const profile = state.profileById(id);
  if (!profile) throw badRequest(`The target resource '${id}' of the alias record set was not found.`);
  return profile.id;
}

function stringRecord(value: unknown): Record<string, string> | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value) || Object.values(value).some((v) => typeof v !== 'string')) {
    throw badRequest('metadata must map names to string values');
  }
  return { ...(value as Record<string, string>) };
}

function isIpv4(address: string): boolean {
  const parts = address.split('.');
  return parts.length === 4 && parts.every((part) => /^\d{1,3}$/.test(part) && Number(part) <= 255);
}

function withEtag<T extends { etag: string }>(resource: T): ArmReply {
  return { status: 200, body: resource, headers: { ETag: resource.etag } };
}
