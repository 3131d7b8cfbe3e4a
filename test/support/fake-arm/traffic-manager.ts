/**
 * Microsoft.Network/trafficmanagerprofiles: GET/PUT of a profile (its endpoints embedded, its
 * dnsConfig.fqdn derived from the relative name) and GET/PUT/PATCH/DELETE of an endpoint
 * (`{profile}/{endpointType}/{name}`). Weights outside 1–1000 and unknown statuses are 400
 * BadRequest. The Traffic Manager API has no etags, so no precondition header is evaluated here.
 */
import { ArmError, badRequest, objectBody, propertiesOf, same, type ArmReply, type ArmRequest } from './arm-http';
import { copy, providerBase, type ArmState, type EndpointProperties, type EndpointResource, type ProfileResource, type Scope } from './state';

export const TRAFFIC_MANAGER_API_VERSIONS = ['2018-08-01', '2022-04-01'];
export const TRAFFIC_MANAGER_DOMAIN = 'trafficmanager.net';

const ENDPOINT_TYPES = ['azureEndpoints', 'externalEndpoints', 'nestedEndpoints'];
const ROUTING_METHODS = ['Performance', 'Priority', 'Weighted', 'Geographic', 'MultiValue', 'Subnet'];

export function trafficManager(state: ArmState, request: ArmRequest, scope: Scope): ArmReply {
  const [, profileName, endpointType, endpointName, ...rest] = request.segments;
  if (profileName === undefined || rest.length > 0 || (endpointType !== undefined && endpointName === undefined)) {
    throw new ArmError(404, 'InvalidResourceType', `The resource type could not be found in the namespace 'Microsoft.Network'.`);
  }
  if (endpointType === undefined) return profileRoute(state, request, scope, profileName);
  const type = ENDPOINT_TYPES.find((t) => same(t, endpointType));
  if (!type) throw badRequest(`'${endpointType}' is not an endpoint type: use AzureEndpoints, ExternalEndpoints or NestedEndpoints`);
  const profile = state.profile(scope, profileName);
  if (!profile) throw profileNotFound(scope, profileName);
  return endpointRoute(request, profile, type, endpointName!);
}

function profileNotFound(scope: Scope, name: string): ArmError {
  return new ArmError(404, 'ResourceNotFound', `The Resource 'Microsoft.Network/trafficmanagerprofiles/${name}' under resource group '${scope.resourceGroup}' was not found.`);
}

function profileRoute(state: ArmState, request: ArmRequest, scope: Scope, name: string): ArmReply {
  const current = state.profile(scope, name);
  if (request.method === 'GET') {
    if (!current) throw profileNotFound(scope, name);
    return { status: 200, body: copy(current) };
  }
  if (request.method !== 'PUT') throw new ArmError(405, 'MethodNotAllowed', `${request.method} of a profile is not modelled by this fake`);
  const body = objectBody(request);
  const properties = propertiesOf(body);
  const routing = properties.trafficRoutingMethod;
  if (typeof routing !== 'string' || !ROUTING_METHODS.includes(routing)) throw badRequest(`trafficRoutingMethod must be one of ${ROUTING_METHODS.join(', ')}`);
  const dnsConfig = (properties.dnsConfig ?? {}) as { relativeName?: unknown; ttl?: unknown };
  if (typeof dnsConfig.relativeName !== 'string' || dnsConfig.relativeName === '') throw badRequest('dnsConfig.relativeName is required');
  const profile = newProfile(scope, current?.name ?? name, {
    relativeName: dnsConfig.relativeName,
    routing,
    ttl: typeof dnsConfig.ttl === 'number' ? dnsConfig.ttl : 60,
    status: properties.profileStatus === 'Disabled' ? 'Disabled' : 'Enabled',
  });
  const endpoints = properties.endpoints ?? [];
  if (!Array.isArray(endpoints)) throw badRequest('endpoints must be a list');
  profile.properties.endpoints = endpoints.map((given: { name?: unknown; type?: unknown; properties?: unknown }) => {
    const type = ENDPOINT_TYPES.find((t) => typeof given.type === 'string' && given.type.toLowerCase().endsWith(`/${t.toLowerCase()}`));
    if (typeof given.name !== 'string' || !type) throw badRequest('each endpoint needs a name and a type such as Microsoft.Network/trafficManagerProfiles/externalEndpoints');
    return endpointResource(profile, type, given.name, validEndpoint(type, {}, propertiesOf(given as Record<string, unknown>)));
  });
  state.putProfile(scope, profile);
  return { status: current ? 200 : 201, body: copy(profile) };
}

export function newProfile(scope: Scope, name: string, config: { relativeName: string; routing: string; ttl: number; status: 'Enabled' | 'Disabled' }): ProfileResource {
  return {
    id: `${providerBase(scope)}/trafficManagerProfiles/${name}`,
    name,
    type: 'Microsoft.Network/trafficManagerProfiles',
    location: 'global',
    tags: {},
    properties: {
      profileStatus: config.status,
      trafficRoutingMethod: config.routing,
      dnsConfig: { relativeName: config.relativeName, fqdn: `${config.relativeName}.${TRAFFIC_MANAGER_DOMAIN}`, ttl: config.ttl },
      monitorConfig: { profileMonitorStatus: 'Online', protocol: 'HTTPS', port: 443, path: '/' },
      endpoints: [],
      trafficViewEnrollmentStatus: 'Disabled',
    },
  };
}

function endpointRoute(request: ArmRequest, profile: ProfileResource, type: string, name: string): ArmReply {
  const endpoints = profile.properties.endpoints;
  const index = endpoints.findIndex((endpoint) => same(endpoint.name, name) && endpoint.type.toLowerCase().endsWith(`/${type.toLowerCase()}`));
  const current = index >= 0 ? endpoints[index] : undefined;
  const notFound = () => new ArmError(404, 'NotFound', `Endpoint '${type}/${name}' was not found in Traffic Manager profile '${profile.name}'.`);
  switch (request.method) {
    case 'GET':
      if (!current) throw notFound();
      return { status: 200, body: copy(current) };
    case 'PUT':
    case 'PATCH': {
      if (request.method === 'PATCH' && !current) throw notFound();
      const base = request.method === 'PATCH' ? current!.properties : {};
      const properties = validEndpoint(type, base, propertiesOf(objectBody(request)));
      const stored = endpointResource(profile, type, current?.name ?? name, properties);
      if (current) endpoints[index] = stored;
      else endpoints.push(stored);
      return { status: current || request.method === 'PATCH' ? 200 : 201, body: copy(stored) };
    }
    case 'DELETE':
      if (!current) return { status: 204 };
      endpoints.splice(index, 1);
      return { status: 200, body: { boolean: true } };
    default:
      throw new ArmError(405, 'MethodNotAllowed', `${request.method} is not allowed on an endpoint`);
  }
}

function endpointResource(profile: ProfileResource, type: string, name: string, properties: EndpointProperties): EndpointResource {
  return { id: `${profile.id}/${type}/${name}`, name, type: `Microsoft.Network/trafficManagerProfiles/${type}`, properties };
}

/** The given properties over `base` (the current ones for a PATCH), checked as Traffic Manager does. */
export function validEndpoint(type: string, base: Partial<EndpointProperties>, given: Record<string, unknown>): EndpointProperties {
  const merged = { ...base, ...given } as Record<string, unknown>;
  const status = merged.endpointStatus ?? 'Enabled';
  if (status !== 'Enabled' && status !== 'Disabled') throw badRequest(`endpointStatus must be Enabled or Disabled, got '${String(status)}'`);
  const weight = merged.weight ?? 1;
  if (typeof weight !== 'number' || !Number.isInteger(weight) || weight < 1 || weight > 1000) {
    throw badRequest(`The endpoint weight must be a whole number from 1 to 1000, got '${String(weight)}'.`);
  }
  if (type === 'externalEndpoints' && (typeof merged.target !== 'string' || merged.target === '')) {
    throw badRequest('An external endpoint needs a target (a domain name or IP address).');
  }
  if (type !== 'externalEndpoints' && (typeof merged.targetResourceId !== 'string' || merged.targetResourceId === '')) {
    throw badRequest(`An endpoint of type ${type} needs a targetResourceId.`);
  }
  return {
    endpointStatus: status,
    endpointMonitorStatus: status === 'Disabled' ? 'Disabled' : 'Online',
    ...(typeof merged.target === 'string' && { target: merged.target }),
    ...(typeof merged.targetResourceId === 'string' && { targetResourceId: merged.targetResourceId }),
    weight,
    ...(typeof merged.priority === 'number' && { priority: merged.priority }),
    ...(typeof merged.endpointLocation === 'string' && { endpointLocation: merged.endpointLocation }),
  };
}
