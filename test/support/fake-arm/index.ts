/**
 * A local, faithful stand-in for the Azure Resource Manager endpoints the Azure providers call:
 * DNS record sets (etags, If-Match → 412), Traffic Manager profiles and endpoints (weights
 * 1–1000, endpointStatus) and Service Bus queues (countDetails), over HTTPS with a bearer token and an api-version, in ARM's error shape.
 *
 * Tests seed it, point the real @azure clients at `url` trusting `ca`, then read its state back,
 * edit it behind the client's back, make the next requests fail, and read the request log.
 * Seeds and edits go through the same handlers as HTTP requests, so they are validated the same way.
 */
import type https from 'node:https';
import { ArmError, type ArmReply } from './arm-http';
import { dnsZones } from './dns-zones';
import { Interceptions, matches, type Failure, type RequestMatch } from './interceptions';
import { listen, type LoggedRequest } from './server';
import { ArmState, copy, newEtag, providerBase, type EndpointResource, type ProfileResource, type RecordSetResource, type Scope } from './state';
import { newNamespace, newQueue, type QueueCounts, type QueueResource } from './service-bus';
import { localCertificate } from './tls';
import { trafficManager } from './traffic-manager';

export type { Failure, LoggedRequest, RequestMatch, Scope };
export type { EndpointResource, ProfileResource, QueueCounts, QueueResource, RecordSetResource };

export type EndpointType = 'ExternalEndpoints' | 'AzureEndpoints' | 'NestedEndpoints';

export interface RecordSetRef extends Scope {
  zone: string;
  type: 'A' | 'CNAME';
  name: string;
}

/** What a record set holds, in test terms: a CNAME target, A addresses, or an alias to a resource. */
export interface RecordSetContent {
  ttl?: number;
  cname?: string;
  a?: string[];
  targetResourceId?: string;
  metadata?: Record<string, string>;
}

export interface EndpointSeed {
  name: string;
  type?: EndpointType;
  target?: string;
  weight?: number;
  status?: 'Enabled' | 'Disabled';
}

export interface ProfileSeed extends Scope {
  name: string;
  relativeName?: string;
  routing?: 'Weighted' | 'Priority' | 'Performance';
  status?: 'Enabled' | 'Disabled';
  ttl?: number;
  endpoints: EndpointSeed[];
}

export interface EndpointRef extends Scope {
  profile: string;
  type?: EndpointType;
  name: string;
}

export interface FakeArmOptions {
  /** Bearer tokens the fake accepts; any token when omitted. */
  tokens?: string[];
}

export class FakeArm {
  private constructor(
    private readonly server: https.Server,
    /** The ARM base URL to give the clients as their endpoint. */
    readonly url: string,
    /** The certificate the clients must trust (PEM). */
    readonly ca: string,
    private readonly state: ArmState,
    private readonly interceptions: Interceptions,
    /** Every request received, oldest first. */
    readonly requests: LoggedRequest[],
  ) {}

  static async start(options: FakeArmOptions = {}): Promise<FakeArm> {
    const certificate = await localCertificate();
    const deps = { state: new ArmState(), interceptions: new Interceptions(), log: [] as LoggedRequest[], tokens: options.tokens };
    const { server, url } = await listen(certificate, deps);
    return new FakeArm(server, url, certificate.cert, deps.state, deps.interceptions, deps.log);
  }

  async close(): Promise<void> {
    // The SDK keeps connections alive; closing them lets the server (and jest) finish.
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  seedZone(scope: Scope & { zone: string }): void {
    this.state.addResourceGroup(scope);
    this.state.putZone(scope, {
      id: `${providerBase(scope)}/dnszones/${scope.zone}`,
      name: scope.zone,
      type: 'Microsoft.Network/dnszones',
      location: 'global',
      etag: newEtag(),
      tags: {},
      properties: { maxNumberOfRecordSets: 10_000, numberOfRecordSets: 0, nameServers: ['ns1-01.azure-dns.com.', 'ns2-01.azure-dns.net.'], zoneType: 'Public' },
    });
  }

  /** Creates (or replaces) a record set; returns its etag. */
  seedRecordSet(ref: RecordSetRef, content: RecordSetContent & { ttl: number }): string {
    const reply = this.inProcess(dnsZones, ref, 'PUT', ['dnsZones', ref.zone, ref.type, ref.name], { properties: restProperties(content) });
    return (reply.body as RecordSetResource).etag;
  }

  seedProfile(seed: ProfileSeed): void {
    this.state.addResourceGroup(seed);
    const body = {
      location: 'global',
      properties: {
        profileStatus: seed.status ?? 'Enabled',
        trafficRoutingMethod: seed.routing ?? 'Weighted',
        dnsConfig: { relativeName: seed.relativeName ?? seed.name, ttl: seed.ttl ?? 60 },
        endpoints: seed.endpoints.map((endpoint) => ({
          name: endpoint.name,
          type: `Microsoft.Network/trafficManagerProfiles/${endpoint.type ?? 'ExternalEndpoints'}`,
          properties: { target: endpoint.target ?? `${endpoint.name}.example.net`, weight: endpoint.weight ?? 1, endpointStatus: endpoint.status ?? 'Enabled' },
        })),
      },
    };
    this.inProcess(trafficManager, seed, 'PUT', ['trafficmanagerprofiles', seed.name], body);
  }

  seedNamespace(scope: Scope & { namespace: string }): void {
    this.state.addResourceGroup(scope);
    this.state.putNamespace(scope, newNamespace(scope, scope.namespace));
  }

  /** Creates (or replaces) a queue in a seeded namespace, holding `counts` messages. */
  seedQueue(ref: Scope & { namespace: string; name: string }, counts: QueueCounts = {}): void {
    const namespace = this.state.namespace(ref, ref.namespace);
    if (!namespace) throw new Error(`fake ARM: seed namespace ${ref.namespace} before its queues`);
    this.state.putQueue(ref, namespace.name, newQueue(namespace, ref.name, counts));
  }

  recordSet(ref: RecordSetRef): RecordSetResource | undefined {
    const found = this.state.recordSet(ref, ref.zone, ref.type, ref.name);
    return found && copy(found);
  }

  profile(ref: Scope & { name: string }): ProfileResource | undefined {
    const found = this.state.profile(ref, ref.name);
    return found && copy(found);
  }

  trafficEndpoint(ref: EndpointRef): EndpointResource | undefined {
    const type = (ref.type ?? 'ExternalEndpoints').toLowerCase();
    const found = this.state
      .profile(ref, ref.profile)
      ?.properties.endpoints.find((endpoint) => endpoint.name.toLowerCase() === ref.name.toLowerCase() && endpoint.type.toLowerCase().endsWith(`/${type}`));
    return found && copy(found);
  }

  /** Someone else's edit of a record set (a new etag), as a PATCH without If-Match would make it. */
  editRecordSet(ref: RecordSetRef, content: RecordSetContent): string {
    const reply = this.inProcess(dnsZones, ref, 'PATCH', ['dnsZones', ref.zone, ref.type, ref.name], { properties: restProperties(content) });
    return (reply.body as RecordSetResource).etag;
  }

  /** Someone else's edit of an endpoint's weight or status. */
  editEndpoint(ref: EndpointRef, properties: { weight?: number; endpointStatus?: 'Enabled' | 'Disabled' }): void {
    this.inProcess(trafficManager, ref, 'PATCH', ['trafficmanagerprofiles', ref.profile, ref.type ?? 'ExternalEndpoints', ref.name], { properties });
  }

  /** Runs `action` when the next matching request arrives, before it is handled. */
  onNext(match: RequestMatch, action: () => void): void {
    this.interceptions.before(match, action);
  }

  /** Answers the next matching request(s) with an error instead of handling them. */
  failNext(match: RequestMatch, failure: Failure): void {
    this.interceptions.fail(match, failure);
  }

  requestsTo(match: RequestMatch): LoggedRequest[] {
    return this.requests.filter((request) => matches(match, request.method, request.path));
  }

  private inProcess(
    handle: typeof dnsZones,
    scope: Scope,
    method: string,
    segments: string[],
    body: unknown,
  ): ArmReply {
    try {
      const resourceGroup = this.state.resourceGroup(scope);
      const request = { method, segments, ...resourceGroup, apiVersion: 'in-process', ifMatch: undefined, ifNoneMatch: undefined, body };
      return handle(this.state, request, resourceGroup);
    } catch (error) {
      if (error instanceof ArmError) throw new Error(`fake ARM refused ${method} ${segments.join('/')}: ${error.status} ${error.code}: ${error.message}`);
      throw error;
    }
  }
}

function restProperties(content: RecordSetContent): Record<string, unknown> {
  return {
    ...(content.ttl !== undefined && { TTL: content.ttl }),
    ...(content.metadata && { metadata: content.metadata }),
    ...(content.cname !== undefined && { CNAMERecord: { cname: content.cname } }),
    ...(content.a && { ARecords: content.a.map((ipv4Address) => ({ ipv4Address })) }),
    ...(content.targetResourceId !== undefined && { targetResource: { id: content.targetResourceId } }),
  };
}

export const startFakeArm = (options?: FakeArmOptions) => FakeArm.start(options);
