/**
 * A whole cutover with traffic weighted by Azure Traffic Manager: the real Azure SDK clients against
 * the fake Azure Resource Manager, on the real Temporal server, the other sections on the simulated
 * clouds. A runbook mixes providers freely; the workflow does not know which one it talks to.
 */
import type { Providers } from '../../activities/providers';
import { cutoverSuite } from '../support/harness';
import { fastCloud, fastRunbook, RECORD } from '../support/runbooks';
import { azureWorld, BLUE, endpointRef, GREEN, PROFILE, PROFILE_FQDN, recordRef, scope, ZONE, type AzureWorld } from '../providers/azure/fixtures';

describe('a cutover on Azure Traffic Manager', () => {
  const suite = cutoverSuite();
  let world: AzureWorld;
  beforeEach(async () => {
    world = await azureWorld();
    // A record TTL the fast runbook's bakes can wait out.
    world.arm.editRecordSet(recordRef('CNAME'), { ttl: 1, cname: PROFILE_FQDN });
  });
  afterEach(() => world.close());

  /** The simulated clouds, with DNS served by the Azure provider on the fake ARM. */
  function azureAndSimulated() {
    const cloud = fastCloud();
    const providers: Providers = { ...cloud.providers(), dns: { azure: world.provider } };
    return { cloud, source: { providers: () => providers } };
  }

  function azureRunbook(steps: { weight: number; bake: string }[]) {
    return fastRunbook({
      dns: {
        provider: 'azure',
        record: RECORD,
        ttl: '1s',
        syncTimeout: '30s',
        ...scope,
        zone: ZONE,
        trafficManagerProfile: PROFILE,
        blue: BLUE,
        green: GREEN,
        endpoint: world.arm.url,
      },
      canary: { steps },
    });
  }

  function endpointsInArm() {
    const endpoint = (name: string) => world.arm.trafficEndpoint(endpointRef(name))!.properties;
    return { blue: endpoint(BLUE), green: endpoint(GREEN) };
  }

  it('moves traffic to green step by step in Traffic Manager and completes', async () => {
    const { source } = azureAndSimulated();
    await suite.startWorker(source);
    const handle = await suite.start(azureRunbook([{ weight: 20, bake: '1s' }, { weight: 100, bake: '1s' }]));

    const result = await handle.result();

    expect(result.outcome).toBe('completed');
    expect(endpointsInArm()).toMatchObject({ blue: { endpointStatus: 'Disabled' }, green: { endpointStatus: 'Enabled', weight: 1000 } });
    const weightWrites = world.arm.requestsTo({ method: 'PATCH' }).length;
    expect(weightWrites).toBeGreaterThanOrEqual(4);
  });

  it('rolls Traffic Manager back to 100% blue, read back, when green breaches', async () => {
    const { cloud, source } = azureAndSimulated();
    await suite.startWorker(source);
    cloud.injectMetric('green.error_rate', { value: 0.25 });
    const handle = await suite.start(azureRunbook([{ weight: 20, bake: '5s' }, { weight: 100, bake: '1s' }]));

    const result = await handle.result();

    expect(result.outcome).toBe('rolled-back');
    expect(result.rollback?.verifiedAt).not.toBeNull();
    expect(endpointsInArm()).toMatchObject({ blue: { endpointStatus: 'Enabled', weight: 1000 }, green: { endpointStatus: 'Disabled' } });
  });
});
