import { greenFault, SimulatedCloud } from '../../activities/simulated';
import { demoRunbook, fakeClock } from './fixtures';

const runbook = demoRunbook();
const errorRate = runbook.analysis.metrics[0]!;
const latency = runbook.analysis.metrics[1]!;

function setup() {
  const clock = fakeClock();
  const cloud = SimulatedCloud.create({ clock: clock.now });
  const providers = cloud.providers();
  const read = (side: 'green' | 'blue' = 'green') => providers.metrics.simulated!.query(errorRate, side);
  return { clock, cloud, providers, read };
}

describe('metric faults', () => {
  it('a fault limited to one sample is seen by exactly one read', async () => {
    const { cloud, read } = setup();
    cloud.injectMetric('green.error_rate', { value: 0.4, samples: 1 });
    expect([await read(), await read(), await read()]).toEqual([0.4, 0.01, 0.01]);
  });

  it('a fault without a sample limit lasts until cleared', async () => {
    const { cloud, read } = setup();
    cloud.injectMetric('green.error_rate', { value: 0.4 });
    expect([await read(), await read()]).toEqual([0.4, 0.4]);
    cloud.clearMetricFaults('green.error_rate');
    await expect(read()).resolves.toBe(0.01);
  });

  it('greenFault makes green fail from the given time on and leaves blue alone', async () => {
    const { clock, cloud, read } = setup();
    greenFault(cloud, { at: clock.now() + 5_000 });
    await expect(read()).resolves.toBe(0.01);
    clock.advance(5_000);
    await expect(read()).resolves.toBe(0.25);
    await expect(read('blue')).resolves.toBe(0.01);
  });

  it('a fault can make a query return no data', async () => {
    const { cloud, read } = setup();
    cloud.injectMetric('green.error_rate', { value: null, samples: 2 });
    expect([await read(), await read(), await read()]).toEqual([null, null, 0.01]);
  });

  it('refuses a fault on a query the cloud does not know, to catch typos', () => {
    const { cloud } = setup();
    expect(() => cloud.injectMetric('green.eror_rate', { value: 1 })).toThrow(/unknown metric query "green.eror_rate"/);
  });
});

describe('scripted failures', () => {
  it('failNext fails that many calls with the message, logs them, then succeeds', async () => {
    const { cloud, providers } = setup();
    cloud.failNext('dns.readWeights', 2, 'Throttling: Rate exceeded');
    const read = () => providers.dns.simulated!.readWeights(runbook.dns);
    await expect(read()).rejects.toThrow('Throttling: Rate exceeded');
    await expect(read()).rejects.toThrow('Throttling: Rate exceeded');
    await expect(read()).resolves.toEqual({ blue: 100, green: 0 });
    expect(cloud.calls('dns.readWeights').map((call) => call.ok)).toEqual([false, false, true]);
    expect(cloud.calls('dns.readWeights')[0]).toMatchObject({ error: 'Throttling: Rate exceeded', args: { record: 'orders.example.com' } });
  });

  it('failAlways fails every call until the failures are cleared', async () => {
    const { cloud, providers } = setup();
    cloud.failAlways('replication.lag');
    for (let i = 0; i < 3; i++) await expect(providers.replication.simulated!.lagSeconds(runbook.replication)).rejects.toThrow(/replication.lag/);
    cloud.clearFailures();
    await expect(providers.replication.simulated!.lagSeconds(runbook.replication)).resolves.toBe(12);
  });

  it('a failure aimed at one metric query leaves the other queries answering', async () => {
    const { cloud, providers, read } = setup();
    cloud.failAlways('metrics.query:green.error_rate', 'prometheus: 503');
    await expect(read()).rejects.toThrow('prometheus: 503');
    await expect(providers.metrics.simulated!.query(latency, 'green')).resolves.toBe(190);
  });

  it('a failure aimed at one hook leaves the other hooks running', async () => {
    const { cloud, providers } = setup();
    cloud.failNext('hooks.run:freeze-writes');
    const context = { idempotencyKey: 'k1', cutover: 'c1', target: 'blue' as const };
    await expect(providers.hooks.simulated!.run(runbook.hooks.freeze!, context)).rejects.toThrow(/hooks.run:freeze-writes/);
    await providers.hooks.simulated!.run(runbook.hooks.unfreeze!, context);
    expect(cloud.hookRuns().map((run) => run.hook)).toEqual(['unfreeze-writes']);
  });
});

describe('receivers and the call log', () => {
  it('a hook retried with the same idempotency key is recorded once', async () => {
    const { cloud, providers } = setup();
    const context = { idempotencyKey: 'c1/freeze', cutover: 'c1', target: 'blue' as const };
    await providers.hooks.simulated!.run(runbook.hooks.freeze!, context);
    await providers.hooks.simulated!.run(runbook.hooks.freeze!, context);
    expect(cloud.hookRuns('freeze-writes')).toEqual([expect.objectContaining({ target: 'blue', cutover: 'c1', idempotencyKey: 'c1/freeze' })]);
    expect(cloud.calls('hooks.run')).toHaveLength(2);
  });

  it('a notification resent with the same idempotency key is recorded once per channel', async () => {
    const { cloud, providers } = setup();
    const notification = { kind: 'rollback' as const, cutover: 'c1', message: 'green error_rate 0.25 > 0.02', idempotencyKey: 'c1/rollback/1' };
    for (const channel of ['#cutover', '#cutover', '#oncall']) {
      await providers.notifiers.simulated!.notify({ provider: 'simulated', channel }, notification);
    }
    expect(cloud.notifications('rollback').map((n) => n.channel)).toEqual(['#cutover', '#oncall']);
  });

  it('measures the time from a breaching metric read to the DNS write that puts blue back to 100', async () => {
    const { clock, cloud, providers, read } = setup();
    const dns = providers.dns.simulated!;
    await dns.setWeights(runbook.dns, { blue: 90, green: 10 });
    greenFault(cloud, { at: clock.now() });
    clock.advance(1_000);
    await read();
    clock.advance(40);
    await dns.setWeights(runbook.dns, { blue: 100, green: 0 });

    const breach = cloud.metricReads('green.error_rate').find((r) => r.value !== null && r.value > 0.1)!;
    const rollback = cloud.dnsWrites().find((w) => w.at >= breach.at && w.weights.blue === 100)!;
    expect(rollback.at - breach.at).toBe(40);
    expect(cloud.dnsWrites().map((w) => w.weights.green)).toEqual([10, 0]);
  });
});
