import { ApplicationFailure } from '@temporalio/common';
import { createActivities } from '../../activities';
import { SimulatedCloud } from '../../activities/simulated';
import { demoRunbook, fakeClock } from './fixtures';

const runbook = demoRunbook();
const metrics = [...runbook.analysis.metrics, ...runbook.acceptance!.checks];

function setup() {
  const cloud = SimulatedCloud.create({ clock: fakeClock().now });
  return { cloud, activities: createActivities(cloud.providers()) };
}

describe('measure', () => {
  it('samples every metric on green with the time it was read', async () => {
    const { activities } = setup();
    const before = Date.now();
    const samples = await activities.measure({ metrics });
    expect(samples.map(({ name, value }) => ({ name, value }))).toEqual([
      { name: 'error_rate', value: 0.01 },
      { name: 'latency_p95', value: 190 },
      { name: 'availability', value: 0.999 },
    ]);
    for (const sample of samples) expect(sample.at).toBeGreaterThanOrEqual(before);
  });

  it('captures a provider error in the sample instead of throwing, keeping the other values', async () => {
    const { cloud, activities } = setup();
    cloud.failNext('metrics.query:green.latency_p95_ms', 1, 'prometheus: context deadline exceeded');
    const samples = await activities.measure({ metrics });
    expect(samples[1]).toMatchObject({ name: 'latency_p95', value: null, error: 'prometheus: context deadline exceeded' });
    expect(samples[0]).toMatchObject({ value: 0.01 });
    expect(samples[0]).not.toHaveProperty('error');
  });

  it('tells no data (null, no error) apart from an error', async () => {
    const { cloud, activities } = setup();
    cloud.setMetric('green.availability', null);
    const [, , availability] = await activities.measure({ metrics });
    expect(availability).toEqual({ name: 'availability', value: null, at: expect.any(Number) });
  });

  it('scrubs credentials out of a provider error', async () => {
    const { cloud, activities } = setup();
    cloud.failNext('metrics.query', 1, 'GET https://admin:hunter2@prom.internal/api failed; Authorization: Bearer abc.def');
    const [sample] = await activities.measure({ metrics: [metrics[0]!] });
    expect(sample!.error).toBe('GET https://[redacted]@prom.internal/api failed; Authorization: Bearer [redacted]');
    expect(sample!.error).not.toMatch(/hunter2|abc\.def/);
  });
});

describe('reads for the replication and drain gates', () => {
  it('reads the replication lag with the time it was read', async () => {
    const { activities } = setup();
    await expect(activities.readReplicationLag({ replication: runbook.replication })).resolves.toEqual({ lagSeconds: 12, at: expect.any(Number) });
  });

  it('reads every queue depth together', async () => {
    const { activities } = setup();
    const { depths } = await activities.readQueueDepths({ drain: runbook.drain! });
    expect(depths).toEqual({ 'orders-events': 40, 'payments-events': 10 });
  });

  it('throws a retryable error naming what it was reading when the provider fails', async () => {
    const { cloud, activities } = setup();
    cloud.failNext('queues.depth:payments-events', 1, 'AWS.SimpleQueueService.NonExistentQueue');
    const error = await activities.readQueueDepths({ drain: runbook.drain! }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApplicationFailure);
    expect(error).toMatchObject({
      message: 'reading the depth of queue payments-events: AWS.SimpleQueueService.NonExistentQueue',
      nonRetryable: false,
    });
  });
});

describe('an unknown provider', () => {
  const route53 = { ...runbook.dns, provider: 'route53' } as unknown as typeof runbook.dns;

  it('is a non-retryable error naming the runbook field', async () => {
    const { activities } = setup();
    const error = await activities.readDnsWeights({ dns: route53 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApplicationFailure);
    expect(error).toMatchObject({
      message: 'dns.provider "route53" has no implementation on this worker',
      type: 'UnknownProvider',
      nonRetryable: true,
    });
  });

  it('is captured as a sample error by measure, like any provider error', async () => {
    const { activities } = setup();
    const metric = { ...metrics[0]!, provider: 'prometheus' } as unknown as (typeof metrics)[0];
    const [sample] = await activities.measure({ metrics: [metric] });
    expect(sample!.error).toBe('metric "error_rate" provider "prometheus" has no implementation on this worker');
  });
});
