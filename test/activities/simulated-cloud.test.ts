import { SimulatedCloud } from '../../activities/simulated';
import { demoRunbook, fakeClock } from './fixtures';

const runbook = demoRunbook();
const { dns, replication } = runbook;
const drain = runbook.drain!;
const [ordersQueue, paymentsQueue] = drain.queues as [(typeof drain.queues)[0], (typeof drain.queues)[0]];

function setup() {
  const clock = fakeClock();
  const cloud = SimulatedCloud.create({ clock: clock.now });
  return { clock, cloud, providers: cloud.providers() };
}

describe('simulated DNS', () => {
  it('starts all blue with the scenario TTL', async () => {
    const { providers } = setup();
    await expect(providers.dns.simulated!.readWeights(dns)).resolves.toEqual({ blue: 100, green: 0 });
    await expect(providers.dns.simulated!.readTtl(dns)).resolves.toBe(2_000);
  });

  it('reads a change as in sync only after the sync delay', async () => {
    const { clock, cloud, providers } = setup();
    cloud.setDnsSyncDelay(dns.record, 1_000);
    const { changeId } = await providers.dns.simulated!.setWeights(dns, { blue: 90, green: 10 });
    await expect(providers.dns.simulated!.isInSync(dns, changeId)).resolves.toBe(false);
    clock.advance(999);
    await expect(providers.dns.simulated!.isInSync(dns, changeId)).resolves.toBe(false);
    clock.advance(1);
    await expect(providers.dns.simulated!.isInSync(dns, changeId)).resolves.toBe(true);
    expect(cloud.weights(dns.record)).toEqual({ blue: 90, green: 10 });
  });

  it.each([
    [{ blue: 60, green: 60 }],
    [{ blue: 101, green: -1 }],
    [{ blue: 50.5, green: 49.5 }],
  ])('rejects weights %j that are not whole percents adding up to 100, leaving the record as it was', async (weights) => {
    const { cloud, providers } = setup();
    await expect(providers.dns.simulated!.setWeights(dns, weights)).rejects.toThrow(/adding up to 100/);
    expect(cloud.weights(dns.record)).toEqual({ blue: 100, green: 0 });
    expect(cloud.calls('dns.setWeights')).toEqual([expect.objectContaining({ ok: false })]);
  });

  it('throws naming a record the cloud does not have', async () => {
    const { providers } = setup();
    await expect(providers.dns.simulated!.readWeights({ ...dns, record: 'shop.example.com' })).rejects.toThrow(/shop\.example\.com/);
  });

  it('reports a TTL the test set, and a TTL change in sync after the delay', async () => {
    const { clock, cloud, providers } = setup();
    cloud.setDnsTtl(dns.record, 60_000);
    await expect(providers.dns.simulated!.readTtl(dns)).resolves.toBe(60_000);
    const { changeId } = await providers.dns.simulated!.setTtl(dns, 1_000);
    clock.advance(300);
    await expect(providers.dns.simulated!.isInSync(dns, changeId)).resolves.toBe(true);
    await expect(providers.dns.simulated!.readTtl(dns)).resolves.toBe(1_000);
  });
});

describe('simulated replication', () => {
  it('lag falls at its rate down to the floor', async () => {
    const { clock, providers } = setup();
    const lag = () => providers.replication.simulated!.lagSeconds(replication);
    await expect(lag()).resolves.toBe(12);
    clock.advance(2_000);
    await expect(lag()).resolves.toBe(6);
    clock.advance(60_000);
    await expect(lag()).resolves.toBe(0.5);
  });

  it('reports no data when the lag is set to null', async () => {
    const { cloud, providers } = setup();
    cloud.setLag('orders-cdc', null);
    await expect(providers.replication.simulated!.lagSeconds(replication)).resolves.toBeNull();
  });

  it('check says the task is stopped, not running', async () => {
    const { cloud, providers } = setup();
    cloud.setReplicationStatus('orders-cdc', 'stopped');
    await expect(providers.replication.simulated!.check(replication)).rejects.toThrow('replication task orders-cdc is stopped, not running');
  });

  it('check names a task that does not exist', async () => {
    const { providers } = setup();
    await expect(providers.replication.simulated!.check({ ...replication, task: 'billing-cdc' })).rejects.toThrow(/billing-cdc/);
  });
});

describe('simulated queues', () => {
  it('drain at their rate and stop at empty', async () => {
    const { clock, providers } = setup();
    const depth = (queue = ordersQueue) => providers.queues.simulated!.depth(drain, queue);
    await expect(depth()).resolves.toBe(40);
    clock.advance(1_000);
    await expect(depth()).resolves.toBe(20);
    await expect(depth(paymentsQueue)).resolves.toBe(0);
    clock.advance(5_000);
    await expect(depth()).resolves.toBe(0);
  });

  it('a queue set again starts draining from its new depth', async () => {
    const { clock, cloud, providers } = setup();
    clock.advance(10_000);
    cloud.setQueue('orders-events', { depth: 7 });
    clock.advance(10_000);
    await expect(providers.queues.simulated!.depth(drain, ordersQueue)).resolves.toBe(7);
  });

  it('check and depth name a queue that does not exist instead of creating it', async () => {
    const { providers } = setup();
    const missing = { name: 'refunds-events', maxMessages: 0 };
    await expect(providers.queues.simulated!.check(drain, missing)).rejects.toThrow(/refunds-events/);
    await expect(providers.queues.simulated!.depth(drain, missing)).rejects.toThrow(/refunds-events/);
  });
});

describe('simulated metrics', () => {
  const errorRate = runbook.analysis.metrics[0]!;

  it('answer the query on green and the baselineQuery on blue', async () => {
    const { cloud, providers } = setup();
    cloud.setMetric('blue.error_rate', 0.02);
    await expect(providers.metrics.simulated!.query(errorRate, 'green')).resolves.toBe(0.01);
    await expect(providers.metrics.simulated!.query(errorRate, 'blue')).resolves.toBe(0.02);
  });

  it('return null for a query set to no data, and throw for an unknown query', async () => {
    const { cloud, providers } = setup();
    cloud.setMetric('green.error_rate', null);
    await expect(providers.metrics.simulated!.query(errorRate, 'green')).resolves.toBeNull();
    await expect(providers.metrics.simulated!.query({ ...errorRate, query: 'green.errors' } as typeof errorRate, 'green')).rejects.toThrow('unknown metric query "green.errors"');
  });
});
