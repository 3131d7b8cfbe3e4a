/** The record set's TTL, read and written with its etag in If-Match, against the fake ARM. */
import { azureWorld, failureOf, recordRef, type AzureWorld } from './fixtures';

let world: AzureWorld;
beforeEach(async () => {
  world = await azureWorld();
});
afterEach(() => world.close());

const ttlWrites = (world: AzureWorld) => world.arm.requestsTo({ method: 'PATCH', path: '/CNAME/orders' });

describe('record set TTL', () => {
  it('reads the TTL in milliseconds', async () => {
    expect(await world.provider.readTtl(world.dns())).toBe(300_000);
  });

  it('writes the TTL with the etag it read just before in If-Match, and the change reads as in sync', async () => {
    const { provider, dns, arm } = world;
    const etagBefore = arm.recordSet(recordRef())!.etag;

    const { changeId } = await provider.setTtl(dns(), 60_000);

    expect(ttlWrites(world)).toEqual([expect.objectContaining({ ifMatch: etagBefore, body: { properties: { TTL: 60 } }, status: 200 })]);
    const after = arm.recordSet(recordRef())!;
    expect(after.properties).toMatchObject({ TTL: 60, CNAMERecord: { cname: 'orders-cutover.trafficmanager.net' } });
    expect(after.etag).not.toBe(etagBefore);
    expect(await provider.isInSync(dns(), changeId)).toBe(true);
    expect(await provider.readTtl(dns())).toBe(60_000);
  });

  it('fails with ConcurrentEdit when the record set is edited between read and write, keeping the other edit', async () => {
    const { provider, dns, arm } = world;
    arm.onNext({ method: 'PATCH', path: '/CNAME/orders' }, () => {
      arm.editRecordSet(recordRef(), { ttl: 120, metadata: { changedBy: 'another-operator' } });
    });

    const failure = await failureOf(provider.setTtl(dns(), 60_000));

    expect(failure).toMatchObject({ type: 'ConcurrentEdit', nonRetryable: true });
    expect(failure.message).toMatch(/changed since it was read/);
    expect(failure.message).toMatch(/nothing was overwritten/);
    expect(ttlWrites(world).map((request) => request.status)).toEqual([412]);
    expect(arm.recordSet(recordRef())!.properties).toMatchObject({ TTL: 120, metadata: { changedBy: 'another-operator' } });
  });

  it('says a TTL change is not in sync when the record set holds another TTL', async () => {
    const { provider, dns, arm } = world;
    const { changeId } = await provider.setTtl(dns(), 60_000);
    arm.editRecordSet(recordRef(), { ttl: 30 });
    expect(await provider.isInSync(dns(), changeId)).toBe(false);
  });

  it('refuses a TTL that is not whole seconds before calling Azure', async () => {
    const { provider, dns, arm } = world;
    const failure = await failureOf(provider.setTtl(dns(), 1_500));
    expect(failure).toMatchObject({ type: 'AzureMisconfigured', nonRetryable: true });
    expect(failure.message).toMatch(/whole seconds/);
    expect(arm.requests).toEqual([]);
  });
});
