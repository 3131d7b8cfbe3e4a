/**
 * The final record switch: at 100% green the record set points straight at `dns.finalRecord`, and
 * any lower share (a rollback) points it back at the Traffic Manager profile.
 */
import { azureWorld, BLUE, endpointRef, endpointWeights, failureOf, PROFILE_FQDN, profileId, recordRef, type AzureWorld } from './fixtures';

const GREEN_CNAME = 'orders.green.azurefd.net';
const GREEN_ADDRESSES = ['20.50.1.10', '20.50.1.11'];

describe('final record switch to a CNAME target', () => {
  let world: AzureWorld;
  beforeEach(async () => {
    world = await azureWorld();
  });
  afterEach(() => world.close());
  const switched = () => world.dns({ finalRecord: { cname: GREEN_CNAME } });

  it('points the record set at the final CNAME at 100% green, with If-Match, after Traffic Manager', async () => {
    const { provider, arm } = world;
    const etag = arm.recordSet(recordRef())!.etag;
    const { changeId } = await provider.setWeights(switched(), { blue: 0, green: 100 });

    const writes = arm.requests.filter((request) => request.method !== 'GET');
    expect(writes.map((request) => `${request.method} ${request.path.split('/').slice(-2).join('/')}`)).toEqual([
      'PATCH ExternalEndpoints/orders-azure',
      'PATCH ExternalEndpoints/orders-aws',
      'PUT CNAME/orders',
    ]);
    expect(writes[2]).toMatchObject({ ifMatch: etag, body: { properties: { TTL: 300, CNAMERecord: { cname: GREEN_CNAME } } } });
    expect(arm.recordSet(recordRef())!.properties.CNAMERecord).toEqual({ cname: GREEN_CNAME });
    expect(await provider.isInSync(switched(), changeId)).toBe(true);
  });

  it('reads 0/100 while the record points at the final record, whatever the endpoints say', async () => {
    const { provider, arm } = world;
    await provider.setWeights(switched(), { blue: 0, green: 100 });
    arm.editEndpoint(endpointRef(BLUE), { endpointStatus: 'Enabled', weight: 500 });
    expect(await provider.readWeights(switched())).toEqual({ blue: 0, green: 100 });
  });

  it('points the record back at the profile on rollback, setting Traffic Manager to 100% blue first', async () => {
    const { provider, arm } = world;
    await provider.setWeights(switched(), { blue: 90, green: 10 });
    await provider.setWeights(switched(), { blue: 0, green: 100 });
    arm.requests.length = 0;

    const { changeId } = await provider.setWeights(switched(), { blue: 100, green: 0 });

    const writes = arm.requests.filter((request) => request.method !== 'GET');
    expect(writes.map((request) => request.path.split('/').slice(-2).join('/'))).toEqual(['ExternalEndpoints/orders-aws', 'ExternalEndpoints/orders-azure', 'CNAME/orders']);
    expect(arm.recordSet(recordRef())!.properties.CNAMERecord).toEqual({ cname: PROFILE_FQDN });
    expect(endpointWeights(arm)).toEqual({ blue: { weight: 1000, status: 'Enabled' }, green: { weight: 1000, status: 'Disabled' } });
    expect(await provider.isInSync(switched(), changeId)).toBe(true);
    expect(await provider.readWeights(switched())).toEqual({ blue: 100, green: 0 });
  });

  it('leaves the record alone below 100% green when it already points at the profile', async () => {
    const { provider, arm } = world;
    await provider.setWeights(switched(), { blue: 50, green: 50 });
    expect(arm.requestsTo({ method: 'PUT', path: '/CNAME/orders' })).toEqual([]);
  });

  it('fails with ConcurrentEdit, writing nothing over it, when the record set changes during the switch', async () => {
    const { provider, arm } = world;
    arm.onNext({ method: 'PUT', path: '/CNAME/orders' }, () => arm.editRecordSet(recordRef(), { ttl: 30 }));
    const failure = await failureOf(provider.setWeights(switched(), { blue: 0, green: 100 }));
    expect(failure).toMatchObject({ type: 'ConcurrentEdit', nonRetryable: true });
    expect(arm.recordSet(recordRef())!.properties).toMatchObject({ TTL: 30, CNAMERecord: { cname: PROFILE_FQDN } });
  });

  it('refuses to move traffic when the record points neither at the profile nor at the final record', async () => {
    const { provider, arm } = world;
    arm.editRecordSet(recordRef(), { cname: 'hand-made.example.net' });
    const before = arm.requests.length;
    const failure = await failureOf(provider.setWeights(switched(), { blue: 0, green: 100 }));
    expect(failure).toMatchObject({ type: 'RecordNotOnProfile', nonRetryable: true });
    expect(failure.message).toMatch(/answers CNAME hand-made\.example\.net, which is neither Traffic Manager profile "tm-orders"/);
    expect(arm.requests.slice(before).filter((request) => request.method !== 'GET')).toEqual([]);
    await expect(provider.readWeights(switched())).rejects.toMatchObject({ type: 'RecordNotOnProfile' });
  });
});

describe('final record switch to A addresses', () => {
  let world: AzureWorld;
  beforeEach(async () => {
    world = await azureWorld({ recordType: 'A' });
  });
  afterEach(() => world.close());
  const switched = () => world.dns({ finalRecord: { a: GREEN_ADDRESSES } });

  it('replaces the alias to the profile with the A addresses at 100% green, and restores the alias on rollback', async () => {
    const { provider, arm } = world;
    expect(await provider.readWeights(switched())).toEqual({ blue: 100, green: 0 });

    await provider.setWeights(switched(), { blue: 0, green: 100 });
    const final = arm.recordSet(recordRef('A'))!.properties;
    expect(final.ARecords).toEqual(GREEN_ADDRESSES.map((ipv4Address) => ({ ipv4Address })));
    expect(final.targetResource).toBeUndefined();
    expect(await provider.readWeights(switched())).toEqual({ blue: 0, green: 100 });

    const { changeId } = await provider.setWeights(switched(), { blue: 100, green: 0 });
    const back = arm.recordSet(recordRef('A'))!.properties;
    expect(back.targetResource).toEqual({ id: profileId() });
    expect(back.ARecords).toBeUndefined();
    expect(await provider.isInSync(switched(), changeId)).toBe(true);
    expect(await provider.readWeights(switched())).toEqual({ blue: 100, green: 0 });
  });

  it('refuses a CNAME final record on an A record set before calling Azure', async () => {
    const failure = await failureOf(world.provider.setWeights(world.dns({ finalRecord: { cname: GREEN_CNAME } }), { blue: 0, green: 100 }));
    expect(failure).toMatchObject({ type: 'AzureMisconfigured', nonRetryable: true });
    expect(world.arm.requests).toEqual([]);
  });
});
