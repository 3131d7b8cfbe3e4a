/**
 * The fake's memory: resource groups, DNS zones with their record sets, Traffic Manager profiles
 * with their endpoints, Service Bus namespaces with their queues, each stored in the JSON shape ARM returns. Names are case-insensitive in
 * ARM, so every lookup key is lower-cased while the stored names keep the case they were given.
 */
import { randomUUID } from 'node:crypto';
import { ArmError } from './arm-http';
import type { NamespaceResource, QueueResource } from './service-bus';

export interface Scope {
  subscriptionId: string;
  resourceGroup: string;
}

export interface RecordSetProperties {
  metadata?: Record<string, string>;
  TTL: number;
  fqdn: string;
  provisioningState: 'Succeeded';
  targetResource?: { id?: string };
  CNAMERecord?: { cname: string };
  ARecords?: { ipv4Address: string }[];
}

export interface RecordSetResource {
  id: string;
  name: string;
  type: string;
  etag: string;
  properties: RecordSetProperties;
}

export interface ZoneResource {
  id: string;
  name: string;
  type: 'Microsoft.Network/dnszones';
  location: 'global';
  etag: string;
  tags: Record<string, string>;
  properties: { maxNumberOfRecordSets: number; numberOfRecordSets: number; nameServers: string[]; zoneType: 'Public' };
}

export interface EndpointProperties {
  endpointStatus: 'Enabled' | 'Disabled';
  endpointMonitorStatus: string;
  target?: string;
  targetResourceId?: string;
  weight: number;
  priority?: number;
  endpointLocation?: string;
}

/** Traffic Manager resources carry no etag: the API defines none for profiles or endpoints. */
export interface EndpointResource {
  id: string;
  name: string;
  type: string;
  properties: EndpointProperties;
}

export interface ProfileResource {
  id: string;
  name: string;
  type: 'Microsoft.Network/trafficManagerProfiles';
  location: 'global';
  tags: Record<string, string>;
  properties: {
    profileStatus: 'Enabled' | 'Disabled';
    trafficRoutingMethod: string;
    dnsConfig: { relativeName: string; fqdn: string; ttl: number };
    monitorConfig: { profileMonitorStatus: string; protocol: string; port: number; path: string };
    endpoints: EndpointResource[];
    trafficViewEnrollmentStatus: 'Disabled';
  };
}

export const newEtag = () => randomUUID();
export const copy = <T>(value: T): T => structuredClone(value);

const key = (...parts: string[]) => parts.map((part) => part.toLowerCase()).join('/');

export function providerBase(scope: Scope): string {
  return `/subscriptions/${scope.subscriptionId}/resourceGroups/${scope.resourceGroup}/providers/Microsoft.Network`;
}

export class ArmState {
  private readonly subscriptions = new Set<string>();
  private readonly resourceGroups = new Map<string, Scope>();
  private readonly zones = new Map<string, ZoneResource>();
  private readonly recordSets = new Map<string, RecordSetResource>();
  private readonly profiles = new Map<string, ProfileResource>();
  private readonly namespaces = new Map<string, NamespaceResource>();
  private readonly queues = new Map<string, QueueResource>();

  addResourceGroup(scope: Scope): void {
    this.subscriptions.add(scope.subscriptionId.toLowerCase());
    const k = key(scope.subscriptionId, scope.resourceGroup);
    if (!this.resourceGroups.has(k)) this.resourceGroups.set(k, { ...scope });
  }

  /** The resource group as it was created (its name's case), or the 404 ARM answers. */
  resourceGroup(scope: Scope): Scope {
    if (!this.subscriptions.has(scope.subscriptionId.toLowerCase())) {
      throw new ArmError(404, 'SubscriptionNotFound', `The subscription '${scope.subscriptionId}' could not be found.`);
    }
    const found = this.resourceGroups.get(key(scope.subscriptionId, scope.resourceGroup));
    if (!found) throw new ArmError(404, 'ResourceGroupNotFound', `Resource group '${scope.resourceGroup}' could not be found.`);
    return found;
  }

  zone(scope: Scope, zone: string): ZoneResource | undefined {
    return this.zones.get(key(scope.subscriptionId, scope.resourceGroup, zone));
  }

  putZone(scope: Scope, zone: ZoneResource): void {
    this.zones.set(key(scope.subscriptionId, scope.resourceGroup, zone.name), zone);
  }

  recordSet(scope: Scope, zone: string, type: string, name: string): RecordSetResource | undefined {
    return this.recordSets.get(key(scope.subscriptionId, scope.resourceGroup, zone, type, name));
  }

  putRecordSet(scope: Scope, zone: string, type: string, recordSet: RecordSetResource): void {
    this.recordSets.set(key(scope.subscriptionId, scope.resourceGroup, zone, type, recordSet.name), recordSet);
    this.countRecordSets(scope, zone);
  }

  deleteRecordSet(scope: Scope, zone: string, type: string, name: string): void {
    this.recordSets.delete(key(scope.subscriptionId, scope.resourceGroup, zone, type, name));
    this.countRecordSets(scope, zone);
  }

  profile(scope: Scope, name: string): ProfileResource | undefined {
    return this.profiles.get(key(scope.subscriptionId, scope.resourceGroup, name));
  }

  putProfile(scope: Scope, profile: ProfileResource): void {
    this.profiles.set(key(scope.subscriptionId, scope.resourceGroup, profile.name), profile);
  }

  /** A Traffic Manager profile named by its full resource id, as an alias record set targets it. */
  profileById(id: string): ProfileResource | undefined {
    return [...this.profiles.values()].find((profile) => profile.id.toLowerCase() === id.toLowerCase());
  }

  namespace(scope: Scope, name: string): NamespaceResource | undefined {
    return this.namespaces.get(key(scope.subscriptionId, scope.resourceGroup, name));
  }

  putNamespace(scope: Scope, namespace: NamespaceResource): void {
    this.namespaces.set(key(scope.subscriptionId, scope.resourceGroup, namespace.name), namespace);
  }

  queue(scope: Scope, namespace: string, name: string): QueueResource | undefined {
    return this.queues.get(key(scope.subscriptionId, scope.resourceGroup, namespace, name));
  }

  putQueue(scope: Scope, namespace: string, queue: QueueResource): void {
    this.queues.set(key(scope.subscriptionId, scope.resourceGroup, namespace, queue.name), queue);
  }

  private countRecordSets(scope: Scope, zone: string): void {
    const found = this.zone(scope, zone);
    if (!found) return;
    const prefix = `${key(scope.subscriptionId, scope.resourceGroup, zone)}/`;
    found.properties.numberOfRecordSets = [...this.recordSets.keys()].filter((k) => k.startsWith(prefix)).length;
  }
}
