/** Weights written to and read from Traffic Manager endpoints by the real SDK, against the fake ARM. */
import { azureWorld, BLUE, endpointRef, endpointWeights, failureOf, GREEN, recordRef, TOKEN, type AzureWorld } from './fixtures';

let world: AzureWorld;
beforeEach(async () => {
  world = await azureWorld();
});
afterEach(() => world.close());

const writesTo = (world: AzureWorld) =>
  world.arm
    .requestsTo({ method: 'PATCH', path: '/externalEndpoints/' })
    .map((request) => ({ endpoint: request.path.split('/').pop(), body: request.body }));

describe('Traffic Manager weights', () => {
  it('writes 90/10 as endpoint weights 900/100, both enabled, and reads it back', async () => {
    const { provider, dns, arm } = world;
    const { changeId } = await provider.setWeights(dns(), { blue: 90, green: 10 });

    expect(endpointWeights(arm)).toEqual({ blue: { weight: 900, status: 'Enabled' }, green: { weight: 100, status: 'Enabled' } });
    expect(await provider.isInSync(dns(), changeId)).toBe(true);
    expect(await provider.readWeights(dns())).toEqual({ blue: 90, green: 10 });
  });

  it('disables green at 100/0 and blue at 0/100, leaving the disabled weight as it was', async () => {
    const { provider, dns, arm } = world;
    await provider.setWeights(dns(), { blue: 90, green: 10 });

    await provider.setWeights(dns(), { blue: 0, green: 100 });
    expect(endpointWeights(arm)).toEqual({ blue: { weight: 900, status: 'Disabled' }, green: { weight: 1000, status: 'Enabled' } });
    expect(await provider.readWeights(dns())).toEqual({ blue: 0, green: 100 });

    const { changeId } = await provider.setWeights(dns(), { blue: 100, green: 0 });
    expect(endpointWeights(arm)).toEqual({ blue: { weight: 1000, status: 'Enabled' }, green: { weight: 1000, status: 'Disabled' } });
    expect(await provider.isInSync(dns(), changeId)).toBe(true);
    expect(await provider.readWeights(dns())).toEqual({ blue: 100, green: 0 });
  });

  it('enables the side gaining traffic before disabling the other, so both are never disabled', async () => {
    const { provider, dns } = world;
    await provider.setWeights(dns(), { blue: 0, green: 100 });
    expect(writesTo(world)).toEqual([
      { endpoint: GREEN, body: { properties: { endpointStatus: 'Enabled', weight: 1000 } } },
      { endpoint: BLUE, body: { properties: { endpointStatus: 'Disabled' } } },
    ]);

    world.arm.requests.length = 0;
    await provider.setWeights(dns(), { blue: 100, green: 0 });
    expect(writesTo(world)).toEqual([
      { endpoint: BLUE, body: { properties: { endpointStatus: 'Enabled', weight: 1000 } } },
      { endpoint: GREEN, body: { properties: { endpointStatus: 'Disabled' } } },
    ]);
  });

  it('walks a canary 10 → 50 → 100 and back, reading each step back as set', async () => {
    const { provider, dns } = world;
    for (const green of [10, 25, 50, 100, 40, 0]) {
      const weights = { blue: 100 - green, green };
      const { changeId } = await provider.setWeights(dns(), weights);
      expect(await provider.isInSync(dns(), changeId)).toBe(true);
      expect(await provider.readWeights(dns())).toEqual(weights);
    }
  });

  it('writes both endpoints on every change, even one that already reads right, so a stale read cannot leave it half made', async () => {
    const { provider, dns, arm } = world;
    await provider.setWeights(dns(), { blue: 100, green: 0 });
    expect(writesTo(world)).toEqual([
      { endpoint: BLUE, body: { properties: { endpointStatus: 'Enabled', weight: 1000 } } },
      { endpoint: GREEN, body: { properties: { endpointStatus: 'Disabled' } } },
    ]);
    expect(endpointWeights(arm)).toEqual({ blue: { weight: 1000, status: 'Enabled' }, green: { weight: 1, status: 'Disabled' } });
  });

  it('says a change is not in sync when someone else changed the weights after it was written', async () => {
    const { provider, dns, arm } = world;
    const { changeId } = await provider.setWeights(dns(), { blue: 90, green: 10 });
    arm.editEndpoint(endpointRef(GREEN), { weight: 300 });
    expect(await provider.isInSync(dns(), changeId)).toBe(false);
  });

  it('reads weights it did not write as whole percents, an enabled endpoint never as 0%', async () => {
    const { provider, dns, arm } = world;
    arm.editEndpoint(endpointRef(BLUE), { weight: 3 });
    arm.editEndpoint(endpointRef(GREEN), { weight: 1, endpointStatus: 'Enabled' });
    expect(await provider.readWeights(dns())).toEqual({ blue: 75, green: 25 });

    arm.editEndpoint(endpointRef(BLUE), { weight: 1000 });
    expect(await provider.readWeights(dns())).toEqual({ blue: 99, green: 1 });
  });

  it('refuses to read a split when both endpoints are disabled, since the profile then answers nothing', async () => {
    const { provider, dns, arm } = world;
    arm.editEndpoint(endpointRef(BLUE), { endpointStatus: 'Disabled' });
    const failure = await failureOf(provider.readWeights(dns()));
    expect(failure).toMatchObject({ type: 'NoEndpointEnabled', nonRetryable: true });
  });

  it('refuses a profile that does not route by weight', async () => {
    const { provider, dns, arm } = world;
    arm.seedProfile({ subscriptionId: dns().subscriptionId, resourceGroup: dns().resourceGroup, name: 'tm-priority', routing: 'Priority', endpoints: [{ name: BLUE }, { name: GREEN }] });
    arm.editRecordSet(recordRef(), { cname: 'tm-priority.trafficmanager.net' });
    const failure = await failureOf(provider.readWeights(dns({ trafficManagerProfile: 'tm-priority' })));
    expect(failure).toMatchObject({ type: 'AzureMisconfigured', nonRetryable: true });
    expect(failure.message).toMatch(/routes by Priority, not Weighted/);
  });

  it('refuses a profile with another endpoint enabled besides blue and green', async () => {
    const { provider, dns, arm } = world;
    const { subscriptionId, resourceGroup } = dns();
    arm.seedProfile({ subscriptionId, resourceGroup, name: 'tm-three', endpoints: [{ name: BLUE }, { name: GREEN }, { name: 'orders-onprem' }] });
    arm.editRecordSet(recordRef(), { cname: 'tm-three.trafficmanager.net' });
    const failure = await failureOf(provider.readWeights(dns({ trafficManagerProfile: 'tm-three' })));
    expect(failure).toMatchObject({ type: 'AzureMisconfigured', nonRetryable: true });
    expect(failure.message).toMatch(/other enabled endpoints \("orders-onprem"\)/);
  });

  it('sends the bearer token and api-version the SDK is built for, asking the token for the endpoint scope', async () => {
    const { provider, dns, arm, credential } = world;
    await provider.readWeights(dns());
    await provider.setWeights(dns(), { blue: 50, green: 50 });
    await provider.readTtl(dns());
    expect(arm.requests.every((request) => request.bearer)).toBe(true);
    expect(new Set(arm.requests.map((request) => request.apiVersion))).toEqual(new Set(['2022-04-01', '2018-05-01']));
    // One token per client (DNS, Traffic Manager), kept across calls: the clients are built once.
    expect(credential.scopes).toEqual([`${arm.url}/.default`, `${arm.url}/.default`]);
    expect(JSON.stringify(arm.requests)).not.toContain(TOKEN);
  });
});
