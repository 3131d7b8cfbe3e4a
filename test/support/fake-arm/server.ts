/**
 * The HTTPS front of the fake: what ARM checks before any resource provider sees a request (a
 * bearer token, then an api-version the provider knows), then routing to Microsoft.Network's DNS
 * zones or Traffic Manager profiles, or to Microsoft.ServiceBus's namespaces. Every request is logged with what a test may want to assert.
 */
import { randomUUID } from 'node:crypto';
import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ArmError, type ArmReply, type ArmRequest } from './arm-http';
import { DNS_API_VERSIONS, dnsZones } from './dns-zones';
import type { Interceptions } from './interceptions';
import { SERVICE_BUS_API_VERSIONS, serviceBus } from './service-bus';
import type { ArmState } from './state';
import type { Certificate } from './tls';
import { TRAFFIC_MANAGER_API_VERSIONS, trafficManager } from './traffic-manager';

export interface LoggedRequest {
  method: string;
  path: string;
  apiVersion: string | undefined;
  ifMatch: string | undefined;
  ifNoneMatch: string | undefined;
  /** Whether an Authorization: Bearer header came with it (the token itself is not kept). */
  bearer: boolean;
  body: unknown;
  status: number;
}

export interface ServerDeps {
  state: ArmState;
  interceptions: Interceptions;
  log: LoggedRequest[];
  /** Tokens accepted; any bearer token when undefined. */
  tokens: string[] | undefined;
}

/** Resource types by provider namespace, then type, both lower-cased. */
const PROVIDERS: Record<string, Record<string, { versions: string[]; handle: typeof dnsZones }>> = {
  'microsoft.network': {
    dnszones: { versions: DNS_API_VERSIONS, handle: dnsZones },
    trafficmanagerprofiles: { versions: TRAFFIC_MANAGER_API_VERSIONS, handle: trafficManager },
  },
  'microsoft.servicebus': {
    namespaces: { versions: SERVICE_BUS_API_VERSIONS, handle: serviceBus },
  },
};

export async function listen(certificate: Certificate, deps: ServerDeps): Promise<{ server: https.Server; url: string }> {
  const server = https.createServer({ key: certificate.key, cert: certificate.cert }, (req, res) => {
    // A client that drops the connection mid-request gets nothing back; the fake keeps serving.
    serve(req, res, deps).catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `https://127.0.0.1:${port}` };
}

async function serve(req: IncomingMessage, res: ServerResponse, deps: ServerDeps): Promise<void> {
  const url = new URL(req.url ?? '/', 'https://fake-arm.localhost');
  const method = (req.method ?? 'GET').toUpperCase();
  const text = await readBody(req);
  const authorization = req.headers.authorization;
  const entry: LoggedRequest = {
    method,
    path: url.pathname,
    apiVersion: url.searchParams.get('api-version') ?? undefined,
    ifMatch: header(req, 'if-match'),
    ifNoneMatch: header(req, 'if-none-match'),
    bearer: /^Bearer\s+\S+/i.test(authorization ?? ''),
    body: parseJson(text),
    status: 0,
  };
  deps.log.push(entry);
  let reply: ArmReply;
  try {
    reply = handle(deps, entry, text, authorization);
  } catch (error) {
    // A bug in the fake answers 500 like ARM would, instead of leaving the client hanging.
    reply = (error instanceof ArmError ? error : new ArmError(500, 'InternalServerError', String(error))).reply();
  }
  entry.status = reply.status;
  const headers: Record<string, string> = { 'x-ms-request-id': randomUUID(), 'x-ms-correlation-request-id': randomUUID(), ...reply.headers };
  if (reply.body === undefined) {
    res.writeHead(reply.status, headers).end();
  } else {
    res.writeHead(reply.status, { ...headers, 'Content-Type': 'application/json; charset=utf-8' }).end(JSON.stringify(reply.body));
  }
}

function handle(deps: ServerDeps, entry: LoggedRequest, text: string, authorization: string | undefined): ArmReply {
  authenticate(authorization, deps.tokens);
  const segments = entry.path.split('/').slice(1).map(decodeURIComponent);
  const [subscriptions, subscriptionId, resourceGroups, resourceGroup, providers, namespace, ...rest] = segments;
  const types = PROVIDERS[namespace?.toLowerCase() ?? ''];
  const armShaped = subscriptions?.toLowerCase() === 'subscriptions' && resourceGroups?.toLowerCase() === 'resourcegroups' && providers?.toLowerCase() === 'providers';
  if (!armShaped || !types || !subscriptionId || !resourceGroup || rest.length === 0) {
    throw new ArmError(404, 'InvalidResourceNamespace', `This fake serves Microsoft.Network and Microsoft.ServiceBus resources under a resource group, not '${entry.path}'.`);
  }
  if (entry.apiVersion === undefined) {
    throw new ArmError(400, 'MissingApiVersionParameter', "The api-version query parameter (?api-version=) is required for all requests.");
  }
  const provider = types[rest[0]!.toLowerCase()];
  if (!provider) throw new ArmError(404, 'InvalidResourceType', `The resource type '${rest[0]}' could not be found in the namespace '${namespace}'.`);
  if (!provider.versions.includes(entry.apiVersion)) {
    throw new ArmError(
      400,
      'NoRegisteredProviderFound',
      `No registered resource provider found for api version '${entry.apiVersion}' and resource type '${rest[0]}'. The supported api-versions are '${provider.versions.join(', ')}'.`,
    );
  }
  const injected = deps.interceptions.apply(entry.method, entry.path, { authorization });
  if (injected) return injected;

  const scope = deps.state.resourceGroup({ subscriptionId, resourceGroup });
  if ((entry.method === 'PUT' || entry.method === 'PATCH') && entry.body === undefined && text.trim() !== '') {
    throw new ArmError(400, 'InvalidRequestContent', 'The request content was invalid and could not be deserialized.');
  }
  const request: ArmRequest = {
    method: entry.method,
    segments: rest,
    subscriptionId: scope.subscriptionId,
    resourceGroup: scope.resourceGroup,
    apiVersion: entry.apiVersion,
    ifMatch: entry.ifMatch,
    ifNoneMatch: entry.ifNoneMatch,
    body: entry.body,
  };
  return provider.handle(deps.state, request, scope);
}

function authenticate(authorization: string | undefined, tokens: string[] | undefined): void {
  const challenge = {
    'WWW-Authenticate': 'Bearer authorization_uri="https://login.microsoftonline.com/common", error="invalid_token", error_description="no valid bearer token"',
  };
  if (!authorization) {
    throw new ArmError(401, 'AuthenticationFailed', "Authentication failed. The 'Authorization' header is missing.", challenge);
  }
  const token = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
  if (!token) throw new ArmError(401, 'AuthenticationFailed', "Authentication failed. The 'Authorization' header is not a bearer token.", challenge);
  if (tokens && !tokens.includes(token)) throw new ArmError(401, 'InvalidAuthenticationToken', 'The access token is invalid.', challenge);
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
