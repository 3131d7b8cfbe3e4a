/**
 * What the provider does with Azure's errors: permanent ones fail at once naming the runbook field
 * or permission to fix, transient ones are retried by the SDK and then reported as retryable, and
 * no message carries the bearer token.
 */
import { azureProviders } from '../../../activities/azure';
import { staticCredential } from '../../support/fake-arm/credential';
import { azureWorld, failureOf, TOKEN, type AzureWorld } from './fixtures';

let world: AzureWorld;
beforeEach(async () => {
  world = await azureWorld();
});
afterEach(() => world.close());

describe('resources that do not exist', () => {
  it('names the profile and dns.trafficManagerProfile when the profile is missing', async () => {
    const failure = await failureOf(world.provider.readWeights(world.dns({ trafficManagerProfile: 'tm-typo' })));
    expect(failure).toMatchObject({ type: 'AzureNotFound', nonRetryable: true });
    expect(failure.message).toMatch(/^Traffic Manager profile "tm-typo" in resource group "rg-cutover" was not found .*: check dns\.trafficManagerProfile/);
  });

  it('names the endpoint, its side and dns.endpointType when an endpoint is missing', async () => {
    const failure = await failureOf(world.provider.setWeights(world.dns({ green: 'orders-azur' }), { blue: 90, green: 10 }));
    expect(failure).toMatchObject({ type: 'AzureNotFound', nonRetryable: true });
    expect(failure.message).toMatch(/Traffic Manager endpoint "orders-azur" \(green, ExternalEndpoints\).* was not found .*: check dns\.green and dns\.endpointType/);
  });

  it('looks for endpoints under the endpoint type the runbook names', async () => {
    const failure = await failureOf(world.provider.readWeights(world.dns({ endpointType: 'AzureEndpoints' })));
    expect(failure.message).toMatch(/"orders-aws" \(blue, AzureEndpoints\).*check dns\.blue and dns\.endpointType/);
  });

  it('names the zone and dns.zone when the zone is missing', async () => {
    const failure = await failureOf(world.provider.readTtl(world.dns({ zone: 'example.org', record: 'orders.example.org' })));
    expect(failure).toMatchObject({ type: 'AzureNotFound', nonRetryable: true });
    expect(failure.message).toMatch(/^DNS zone "example.org" in resource group "rg-cutover" was not found .*: check dns\.zone and dns\.resourceGroup/);
  });

  it('names the record set and dns.record when the record set is missing', async () => {
    const failure = await failureOf(world.provider.readTtl(world.dns({ record: 'payments.example.com' })));
    expect(failure.message).toMatch(/^DNS record set "payments" \(CNAME\) in zone example.com .*was not found .*: check dns\.record and dns\.recordType/);
  });

  it('names dns.resourceGroup when the resource group is missing', async () => {
    const failure = await failureOf(world.provider.readTtl(world.dns({ resourceGroup: 'rg-typo' })));
    expect(failure.message).toMatch(/^resource group "rg-typo" .* was not found .*: check dns\.resourceGroup and dns\.subscriptionId/);
  });

  it('refuses a record outside the zone before calling Azure', async () => {
    const failure = await failureOf(world.provider.readTtl(world.dns({ record: 'orders.example.org' })));
    expect(failure).toMatchObject({ type: 'AzureMisconfigured', nonRetryable: true });
    expect(world.arm.requests).toEqual([]);
  });
});

describe('transient failures', () => {
  it('retries a 429 after its Retry-After inside the SDK, then succeeds', async () => {
    const { arm, provider, dns } = world;
    arm.failNext({ method: 'GET', path: '/CNAME/orders' }, { status: 429, headers: { 'Retry-After': '1' } });
    const started = Date.now();
    expect(await provider.readTtl(dns())).toBe(300_000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(arm.requestsTo({ method: 'GET', path: '/CNAME/orders' }).map((request) => request.status)).toEqual([429, 200]);
  });

  it('retries 500s inside the SDK, then succeeds', async () => {
    const { arm, provider, dns } = world;
    arm.failNext({ method: 'PATCH', path: '/ExternalEndpoints/orders-azure' }, { status: 500, times: 2 });
    await provider.setWeights(dns(), { blue: 90, green: 10 });
    expect(arm.requestsTo({ method: 'PATCH', path: '/ExternalEndpoints/orders-azure' }).map((request) => request.status)).toEqual([500, 500, 200]);
  });

  it('reports a 503 that outlasts the SDK retries as retryable', async () => {
    const { arm, provider, dns } = world;
    arm.failNext({ path: '/trafficmanagerprofiles/' }, { status: 503, message: 'The service is temporarily unavailable.', times: 10 });
    const failure = await failureOf(provider.readWeights(dns()));
    expect(failure).toMatchObject({ type: 'AzureUnavailable', nonRetryable: false });
    expect(failure.message).toMatch(/Azure answered 503 ServiceUnavailable: The service is temporarily unavailable/);
  });

  it('reports a 429 without Retry-After as retryable, leaving the retry to the activity', async () => {
    const { arm, provider, dns } = world;
    arm.failNext({ path: '/CNAME/orders' }, { status: 429, message: 'Too many requests for this subscription.' });
    const failure = await failureOf(provider.readTtl(dns()));
    expect(failure).toMatchObject({ type: 'AzureUnavailable', nonRetryable: false });
    expect(arm.requestsTo({ path: '/CNAME/orders' })).toHaveLength(1);
  });
});

describe('identity and permissions', () => {
  it('fails at once with the RBAC action to grant on a 403', async () => {
    const { arm, provider, dns } = world;
    arm.failNext({ method: 'PATCH', path: '/CNAME/orders' }, { status: 403, message: 'The client does not have authorization to perform action.' });
    const failure = await failureOf(provider.setTtl(dns(), 60_000));
    expect(failure).toMatchObject({ type: 'AzureForbidden', nonRetryable: true });
    expect(failure.message).toMatch(/Grant the worker's identity Microsoft\.Network\/dnszones\/CNAME\/write/);
  });

  it('fails at once when ARM refuses the token', async () => {
    const { arm, dns } = world;
    const stranger = azureProviders({ credential: staticCredential('not-a-token-the-fake-knows'), clientOptions: { tlsOptions: { ca: arm.ca } } }).dns.azure;
    const failure = await failureOf(stranger.readTtl(dns()));
    expect(failure).toMatchObject({ type: 'AzureCredential', nonRetryable: true });
    expect(failure.message).toMatch(/401 InvalidAuthenticationToken/);
    expect(failure.message).not.toContain('not-a-token-the-fake-knows');
  });

  it('keeps the token out of the message when a server echoes the Authorization header', async () => {
    const { arm, provider, dns } = world;
    arm.failNext({ path: '/CNAME/orders' }, { status: 400, message: ({ authorization }) => `bad request; you sent Authorization: ${authorization}` });
    const failure = await failureOf(provider.readTtl(dns()));
    expect(failure).toMatchObject({ type: 'AzureRejected', nonRetryable: true });
    expect(failure.message).toContain('Bearer [redacted]');
    expect(failure.message).not.toContain(TOKEN);
  });
});
