/**
 * The cutover's own DNS activities and preflight check, run with the Azure provider against the
 * fake ARM: what the workflow sees, with the activity's prefix and the provider's failure type.
 */
import { MockActivityEnvironment } from '@temporalio/testing';
import { dnsActivities } from '../../../activities/dns';
import { checkDns } from '../../../activities/preflight-checks';
import type { Providers } from '../../../activities/providers';
import { demoRunbook } from '../../activities/fixtures';
import { azureWorld, failureOf, type AzureWorld } from './fixtures';

let world: AzureWorld;
let providers: Providers;
beforeEach(async () => {
  world = await azureWorld();
  providers = { dns: { azure: world.provider }, replication: {}, queues: {}, metrics: {}, hooks: {}, notifiers: {} };
});
afterEach(() => world.close());

describe('DNS activities on Azure', () => {
  it('shifts weights, waits for sync and reads them back, then rolls back to 100% blue', async () => {
    const activities = dnsActivities(providers);
    const dns = world.dns({ finalRecord: { cname: 'orders.green.azurefd.net' } });
    const env = new MockActivityEnvironment();

    for (const weights of [{ blue: 90, green: 10 }, { blue: 0, green: 100 }, { blue: 100, green: 0 }]) {
      const { changeId } = await activities.setDnsWeights({ dns, weights });
      await env.run(activities.waitForDnsSync, { dns, changeId, pollIntervalMs: 10 });
      expect(await activities.readDnsWeights({ dns })).toEqual(weights);
    }
    expect(world.arm.recordSet({ ...dns, type: 'CNAME', name: 'orders' })!.properties.CNAMERecord).toEqual({ cname: 'orders-cutover.trafficmanager.net' });
  });

  it('lowers the TTL and waits for it to be in sync', async () => {
    const activities = dnsActivities(providers);
    const dns = world.dns();
    const { changeId } = await activities.setDnsTtl({ dns, ttlMs: 30_000 });
    await new MockActivityEnvironment().run(activities.waitForDnsSync, { dns, changeId, pollIntervalMs: 10 });
    expect(world.arm.recordSet({ ...dns, type: 'CNAME', name: 'orders' })!.properties.TTL).toBe(30);
  });

  it('keeps the provider failure type and adds what the activity was doing', async () => {
    const activities = dnsActivities(providers);
    const failure = await failureOf(activities.readDnsWeights({ dns: world.dns({ trafficManagerProfile: 'tm-typo' }) }));
    expect(failure).toMatchObject({ type: 'AzureNotFound', nonRetryable: true });
    expect(failure.message).toMatch(/^reading the weights of orders\.example\.com: Traffic Manager profile "tm-typo"/);
  });
});

describe('preflight DNS check on Azure', () => {
  const runbookWith = (dns: Record<string, unknown>) =>
    demoRunbook((input) => {
      input.dns = { ...dns, ttl: '2s', lowerTtlTo: '2s' } as typeof input.dns;
    });
  const azureInput = (world: AzureWorld, overrides: Record<string, unknown> = {}) => ({
    provider: 'azure',
    record: 'orders.example.com',
    subscriptionId: world.dns().subscriptionId,
    resourceGroup: world.dns().resourceGroup,
    zone: 'example.com',
    trafficManagerProfile: 'tm-orders',
    blue: 'orders-aws',
    green: 'orders-azure',
    endpoint: world.arm.url,
    ...overrides,
  });

  it('reads the weights and the TTL', async () => {
    const findings = await checkDns(providers, runbookWith(azureInput(world)));
    expect(findings.problems).toEqual([]);
    expect(findings).toMatchObject({ weights: { blue: 100, green: 0 }, ttlMs: 300_000 });
  });

  it('reports a missing profile once, without retrying it', async () => {
    const findings = await checkDns(providers, runbookWith(azureInput(world, { trafficManagerProfile: 'tm-typo' })));
    expect(findings.problems).toEqual([expect.stringMatching(/Traffic Manager profile "tm-typo" .*check dns\.trafficManagerProfile/)]);
    expect(world.arm.requestsTo({ path: '/trafficmanagerprofiles/tm-typo' }).filter((request) => !/Endpoints/.test(request.path))).toHaveLength(1);
  });
});
