/**
 * The fake ARM on the wire, with plain HTTPS requests and no Azure SDK: what it answers is what
 * the provider tests rely on, so its faithfulness is shown here on its own.
 */
import { startFakeArm, type FakeArm } from '../../support/fake-arm';
import { plainRequest, type PlainRequest } from '../../support/fake-arm/plain-request';

const TOKEN = 'plain-test-token';
const scope = { subscriptionId: 'sub-1', resourceGroup: 'rg-1' };
const base = `/subscriptions/${scope.subscriptionId}/resourceGroups/${scope.resourceGroup}/providers/Microsoft.Network`;
const RECORD = `${base}/dnsZones/example.com/CNAME/orders`;
const DNS_API = 'api-version=2018-05-01';
const TM_API = 'api-version=2022-04-01';
const ENDPOINT = `${base}/trafficmanagerprofiles/tm-orders/ExternalEndpoints/green`;

let arm: FakeArm;
const send = (request: PlainRequest) => plainRequest(arm, { token: TOKEN, ...request });

beforeEach(async () => {
  arm = await startFakeArm({ tokens: [TOKEN] });
  arm.seedZone({ ...scope, zone: 'example.com' });
  arm.seedRecordSet({ ...scope, zone: 'example.com', type: 'CNAME', name: 'orders' }, { ttl: 300, cname: 'tm-orders.trafficmanager.net' });
  arm.seedProfile({ ...scope, name: 'tm-orders', endpoints: [{ name: 'blue', weight: 1000 }, { name: 'green', weight: 1, status: 'Disabled' }] });
});
afterEach(() => arm.close());

describe('the fake ARM, before any resource provider', () => {
  it('answers 401 with a bearer challenge when no token is sent', async () => {
    const answer = await plainRequest(arm, { path: `${RECORD}?${DNS_API}` });
    expect(answer.status).toBe(401);
    expect(answer.headers['www-authenticate']).toMatch(/^Bearer /);
    expect(answer.body).toEqual({ error: { code: 'AuthenticationFailed', message: expect.stringContaining("'Authorization' header is missing") } });
  });

  it('answers 401 InvalidAuthenticationToken for a token it does not accept', async () => {
    const answer = await send({ path: `${RECORD}?${DNS_API}`, token: 'someone-elses' });
    expect(answer).toMatchObject({ status: 401, body: { error: { code: 'InvalidAuthenticationToken' } } });
  });

  it('answers 400 MissingApiVersionParameter without an api-version', async () => {
    const answer = await send({ path: RECORD });
    expect(answer).toMatchObject({ status: 400, body: { error: { code: 'MissingApiVersionParameter' } } });
  });

  it('answers 400 NoRegisteredProviderFound for an api-version the resource type does not have', async () => {
    const answer = await send({ path: `${RECORD}?${TM_API}` });
    expect(answer).toMatchObject({ status: 400, body: { error: { code: 'NoRegisteredProviderFound' } } });
  });

  it('answers 404 ResourceGroupNotFound for a resource group that does not exist', async () => {
    const answer = await send({ path: `${RECORD.replace('rg-1', 'rg-2')}?${DNS_API}` });
    expect(answer).toMatchObject({ status: 404, body: { error: { code: 'ResourceGroupNotFound' } } });
  });
});

describe('the fake ARM DNS record sets', () => {
  it('returns a record set in ARM shape, its etag both in the body and the ETag header', async () => {
    const answer = await send({ path: `${RECORD}?${DNS_API}` });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      id: `${base}/dnszones/example.com/CNAME/orders`,
      name: 'orders',
      type: 'Microsoft.Network/dnszones/CNAME',
      etag: expect.any(String),
      properties: { TTL: 300, fqdn: 'orders.example.com.', provisioningState: 'Succeeded', CNAMERecord: { cname: 'tm-orders.trafficmanager.net' } },
    });
    expect(answer.headers.etag).toBe(answer.body.etag);
    expect(answer.headers['x-ms-request-id']).toEqual(expect.any(String));
  });

  it('answers 412 PreconditionFailed to a write whose If-Match is not the current etag, and keeps the record set', async () => {
    const { body: before } = await send({ path: `${RECORD}?${DNS_API}` });
    const answer = await send({ method: 'PATCH', path: `${RECORD}?${DNS_API}`, headers: { 'If-Match': 'stale-etag' }, body: { properties: { TTL: 60 } } });
    expect(answer).toMatchObject({ status: 412, body: { error: { code: 'PreconditionFailed', message: expect.stringContaining('stale-etag') } } });
    const { body: after } = await send({ path: `${RECORD}?${DNS_API}` });
    expect(after).toEqual(before);
  });

  it('writes with the current etag in If-Match and mints a new etag', async () => {
    const { body: before } = await send({ path: `${RECORD}?${DNS_API}` });
    const answer = await send({ method: 'PATCH', path: `${RECORD}?${DNS_API}`, headers: { 'If-Match': before.etag }, body: { properties: { TTL: 60 } } });
    expect(answer.status).toBe(200);
    expect(answer.body.properties).toMatchObject({ TTL: 60, CNAMERecord: { cname: 'tm-orders.trafficmanager.net' } });
    expect(answer.body.etag).not.toBe(before.etag);
    const stale = await send({ method: 'PUT', path: `${RECORD}?${DNS_API}`, headers: { 'If-Match': before.etag }, body: { properties: { TTL: 30, CNAMERecord: { cname: 'x.example.net' } } } });
    expect(stale.status).toBe(412);
  });

  it('answers 412 to If-None-Match: * when the record set exists, and creates with 201 when it does not', async () => {
    const properties = { TTL: 60, CNAMERecord: { cname: 'x.example.net' } };
    const exists = await send({ method: 'PUT', path: `${RECORD}?${DNS_API}`, headers: { 'If-None-Match': '*' }, body: { properties } });
    expect(exists).toMatchObject({ status: 412, body: { error: { code: 'PreconditionFailed' } } });
    const created = await send({ method: 'PUT', path: `${RECORD.replace('orders', 'payments')}?${DNS_API}`, headers: { 'If-None-Match': '*' }, body: { properties } });
    expect(created.status).toBe(201);
  });

  it('answers 404 NotFound for a missing record set and ParentResourceNotFound for a missing zone', async () => {
    const record = await send({ path: `${RECORD.replace('orders', 'nothing')}?${DNS_API}` });
    expect(record).toMatchObject({ status: 404, body: { error: { code: 'NotFound' } } });
    const zone = await send({ path: `${RECORD.replace('example.com', 'example.org')}?${DNS_API}` });
    expect(zone).toMatchObject({ status: 404, body: { error: { code: 'ParentResourceNotFound' } } });
  });

  it('deletes with a matching If-Match, and answers 204 for a record set already gone', async () => {
    const { body } = await send({ path: `${RECORD}?${DNS_API}` });
    expect((await send({ method: 'DELETE', path: `${RECORD}?${DNS_API}`, headers: { 'If-Match': body.etag } })).status).toBe(200);
    expect((await send({ method: 'DELETE', path: `${RECORD}?${DNS_API}` })).status).toBe(204);
  });

  it('refuses an alias record set that also has records, and an alias to a resource that does not exist', async () => {
    const both = { properties: { TTL: 60, CNAMERecord: { cname: 'x.example.net' }, targetResource: { id: `${base}/trafficManagerProfiles/tm-orders` } } };
    expect(await send({ method: 'PUT', path: `${RECORD}?${DNS_API}`, body: both })).toMatchObject({ status: 400, body: { error: { code: 'BadRequest' } } });
    const dangling = { properties: { TTL: 60, targetResource: { id: `${base}/trafficManagerProfiles/missing` } } };
    expect(await send({ method: 'PUT', path: `${RECORD}?${DNS_API}`, body: dangling })).toMatchObject({ status: 400 });
  });
});

describe('the fake ARM Traffic Manager', () => {
  it('returns a profile with its dnsConfig.fqdn and its endpoints, without an etag', async () => {
    const answer = await send({ path: `${base}/trafficmanagerprofiles/tm-orders?${TM_API}` });
    expect(answer.status).toBe(200);
    expect(answer.body.properties).toMatchObject({ trafficRoutingMethod: 'Weighted', dnsConfig: { relativeName: 'tm-orders', fqdn: 'tm-orders.trafficmanager.net' } });
    expect(answer.body.properties.endpoints.map((endpoint: { name: string }) => endpoint.name)).toEqual(['blue', 'green']);
    expect(answer.body.etag).toBeUndefined();
    expect(answer.headers.etag).toBeUndefined();
  });

  it('answers 400 BadRequest to an endpoint weight outside 1–1000 and keeps the endpoint', async () => {
    for (const weight of [0, 1001, 2.5]) {
      const answer = await send({ method: 'PATCH', path: `${ENDPOINT}?${TM_API}`, body: { properties: { weight } } });
      expect(answer).toMatchObject({ status: 400, body: { error: { code: 'BadRequest' } } });
    }
    expect(arm.trafficEndpoint({ ...scope, profile: 'tm-orders', name: 'green' })!.properties).toMatchObject({ weight: 1, endpointStatus: 'Disabled' });
  });

  it('patches weight and endpointStatus, keeping the rest of the endpoint', async () => {
    const answer = await send({ method: 'PATCH', path: `${ENDPOINT}?${TM_API}`, body: { properties: { weight: 250, endpointStatus: 'Enabled' } } });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      name: 'green',
      type: 'Microsoft.Network/trafficManagerProfiles/externalEndpoints',
      properties: { weight: 250, endpointStatus: 'Enabled', endpointMonitorStatus: 'Online', target: 'green.example.net' },
    });
  });

  it('refuses an unknown endpointStatus, and answers 404 for a missing endpoint or profile', async () => {
    expect(await send({ method: 'PATCH', path: `${ENDPOINT}?${TM_API}`, body: { properties: { endpointStatus: 'Paused' } } })).toMatchObject({ status: 400 });
    expect(await send({ path: `${ENDPOINT.replace('/green', '/purple')}?${TM_API}` })).toMatchObject({ status: 404, body: { error: { code: 'NotFound' } } });
    expect(await send({ path: `${ENDPOINT.replace('tm-orders', 'tm-other')}?${TM_API}` })).toMatchObject({ status: 404, body: { error: { code: 'ResourceNotFound' } } });
  });

  it('creates a profile with PUT (201), then replaces it (200)', async () => {
    const body = { location: 'global', properties: { trafficRoutingMethod: 'Weighted', dnsConfig: { relativeName: 'payments-cutover', ttl: 30 }, endpoints: [] } };
    const path = `${base}/trafficmanagerprofiles/tm-payments?${TM_API}`;
    const created = await send({ method: 'PUT', path, body });
    expect(created).toMatchObject({ status: 201, body: { properties: { dnsConfig: { fqdn: 'payments-cutover.trafficmanager.net', ttl: 30 } } } });
    expect((await send({ method: 'PUT', path, body })).status).toBe(200);
  });
});

describe('the fake ARM test controls', () => {
  it('answers injected failures with their status, code and headers, the given number of times', async () => {
    arm.failNext({ method: 'GET', path: '/CNAME/orders' }, { status: 429, headers: { 'Retry-After': '3' }, times: 2 });
    const first = await send({ path: `${RECORD}?${DNS_API}` });
    expect(first).toMatchObject({ status: 429, body: { error: { code: 'TooManyRequests' } } });
    expect(first.headers['retry-after']).toBe('3');
    expect((await send({ path: `${RECORD}?${DNS_API}` })).status).toBe(429);
    expect((await send({ path: `${RECORD}?${DNS_API}` })).status).toBe(200);
  });

  it('logs each request with its If-Match, api-version and whether a bearer token came, never the token', async () => {
    await send({ method: 'PATCH', path: `${ENDPOINT}?${TM_API}`, headers: { 'If-Match': '*' }, body: { properties: { weight: 5 } } });
    expect(arm.requests).toEqual([
      { method: 'PATCH', path: ENDPOINT, apiVersion: '2022-04-01', ifMatch: '*', ifNoneMatch: undefined, bearer: true, body: { properties: { weight: 5 } }, status: 200 },
    ]);
    expect(JSON.stringify(arm.requests)).not.toContain(TOKEN);
  });
});

describe('the fake ARM Service Bus queues', () => {
  const BUS = `/subscriptions/${scope.subscriptionId}/resourceGroups/${scope.resourceGroup}/providers/Microsoft.ServiceBus/namespaces/orders-green`;
  const BUS_API = 'api-version=2021-11-01';
  beforeEach(() => {
    arm.seedNamespace({ ...scope, namespace: 'orders-green' });
    arm.seedQueue({ ...scope, namespace: 'orders-green', name: 'orders' }, { active: 3, scheduled: 2, deadLetter: 1 });
  });

  it('returns a queue in ARM shape, its read-only countDetails under properties', async () => {
    const answer = await send({ path: `${BUS}/queues/orders?${BUS_API}` });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      id: `${BUS}/queues/orders`,
      name: 'orders',
      type: 'Microsoft.ServiceBus/Namespaces/Queues',
      properties: {
        countDetails: { activeMessageCount: 3, scheduledMessageCount: 2, deadLetterMessageCount: 1, transferMessageCount: 0, transferDeadLetterMessageCount: 0 },
        messageCount: 6,
      },
    });
  });

  it('answers 404 NotFound for a missing queue, ParentResourceNotFound for a missing namespace', async () => {
    expect(await send({ path: `${BUS}/queues/refunds?${BUS_API}` })).toMatchObject({ status: 404, body: { error: { code: 'NotFound' } } });
    expect(await send({ path: `${BUS.replace('orders-green', 'orders-blue')}/queues/orders?${BUS_API}` })).toMatchObject({
      status: 404,
      body: { error: { code: 'ParentResourceNotFound' } },
    });
  });

  it('checks the token and the api-version as for every resource provider', async () => {
    expect((await plainRequest(arm, { path: `${BUS}/queues/orders?${BUS_API}` })).status).toBe(401);
    expect(await send({ path: `${BUS}/queues/orders` })).toMatchObject({ status: 400, body: { error: { code: 'MissingApiVersionParameter' } } });
    expect(await send({ path: `${BUS}/queues/orders?${DNS_API}` })).toMatchObject({ status: 400, body: { error: { code: 'NoRegisteredProviderFound' } } });
  });
});
