import { ApplicationFailure } from '@temporalio/common';
import { createActivities } from '../../activities';
import { SimulatedCloud } from '../../activities/simulated';
import { PREFLIGHT_TRIES } from '../../activities/preflight-checks';
import { demoRunbook, fakeClock } from './fixtures';

function setup() {
  const cloud = SimulatedCloud.create({ clock: fakeClock().now });
  return { cloud, activities: createActivities(cloud.providers()) };
}

async function preflightFailure(promise: Promise<unknown>): Promise<ApplicationFailure> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApplicationFailure);
  const failure = error as ApplicationFailure;
  expect(failure).toMatchObject({ type: 'PreflightFailed', nonRetryable: true });
  return failure;
}

describe('preflight', () => {
  it('passes on the demo cloud with weights, TTL, baselines on blue and what it checked', async () => {
    const { activities } = setup();
    const result = await activities.preflight({ cutover: 'c1', runbook: demoRunbook() });
    expect(result.weights).toEqual({ blue: 100, green: 0 });
    expect(result.ttlMs).toBe(2_000);
    expect(result.baselines).toEqual({ error_rate: 0.01, latency_p95: 180 });
    expect(result.warnings).toEqual([]);
    expect(result.checked).toEqual(
      expect.arrayContaining([
        'dns record orders.example.com: blue 100 / green 0, TTL 2s',
        'replication task orders-cdc: running, lag 12s',
        'queue orders-events: 40 messages',
        'analysis metric "error_rate" baseline on blue: 0.01',
        'acceptance check "availability" on green: 0.999',
      ]),
    );
  });

  it('reports every problem at once, one line each, without changing anything', async () => {
    const { cloud, activities } = setup();
    cloud.setDnsTtl('orders.example.com', 60_000);
    cloud.setReplicationStatus('orders-cdc', 'stopped');
    cloud.failAlways('metrics.query:green.latency_p95_ms', 'prometheus answered 503');
    const runbook = demoRunbook((input) => {
      input.drain!.queues.push({ name: 'refunds-events' });
    });

    const failure = await preflightFailure(activities.preflight({ cutover: 'c1', runbook }));
    const problems = [
      "dns.ttl is 2s but the record's TTL is 1m: set dns.ttl: 1m or lower the record's TTL first (or set dns.lowerTtlTo: 2s)",
      'replication task orders-cdc: replication task orders-cdc is stopped, not running',
      'queue refunds-events: queue "refunds-events" does not exist in the simulated cloud',
      'analysis metric "latency_p95": query "green.latency_p95_ms" on green: prometheus answered 503',
    ];
    expect(failure.message).toBe(problems.join('\n'));
    expect(failure.details).toEqual([{ problems }]);
    expect(cloud.dnsWrites()).toEqual([]);
    expect(cloud.calls('dns.setTtl')).toEqual([]);
  });

  it('refuses a record not reading 100% blue among every other problem, and passes it when the start adopts the weights', async () => {
    const { cloud, activities } = setup();
    cloud.addDnsRecord('orders.example.com', { weights: { blue: 90, green: 10 }, ttlMs: 2_000 });
    cloud.setReplicationStatus('orders-cdc', 'stopped');

    const failure = await preflightFailure(activities.preflight({ cutover: 'c1', runbook: demoRunbook() }));
    expect(failure.message.split('\n')).toEqual([
      expect.stringMatching(/^dns record orders\.example\.com reads blue 90 \/ green 10, not the blue 100 \/ green 0 a cutover starts from: .* start with --adopt-weights/),
      'replication task orders-cdc: replication task orders-cdc is stopped, not running',
    ]);

    cloud.setReplicationStatus('orders-cdc', 'running');
    await expect(activities.preflight({ cutover: 'c2', runbook: demoRunbook(), adoptWeights: true })).resolves.toMatchObject({ weights: { blue: 90, green: 10 } });
    expect(cloud.dnsWrites()).toEqual([]);
  });

  it('accepts a long record TTL when the runbook lowers it to dns.ttl', async () => {
    const { cloud, activities } = setup();
    cloud.setDnsTtl('orders.example.com', 60_000);
    const runbook = demoRunbook((input) => {
      input.dns.lowerTtlTo = '2s';
    });
    await expect(activities.preflight({ cutover: 'c1', runbook })).resolves.toMatchObject({ ttlMs: 60_000 });
  });

  it('warns about a metric with no data on green but fails a relative threshold with no baseline data', async () => {
    const { cloud, activities } = setup();
    cloud.setMetric('green.availability', null);
    cloud.setMetric('blue.error_rate', null);
    const failure = await preflightFailure(activities.preflight({ cutover: 'c1', runbook: demoRunbook() }));
    expect(failure.message).toBe(
      'analysis metric "error_rate": baselineQuery "blue.error_rate" returned no data on blue, and its threshold is relative to the baseline: fix the query or use an absolute threshold',
    );

    cloud.setMetric('blue.error_rate', 0.01);
    const result = await activities.preflight({ cutover: 'c1', runbook: demoRunbook() });
    expect(result.warnings).toEqual([
      'acceptance check "availability": query "green.availability" returned no data on green; noData: inconclusive applies while it stays empty',
    ]);
  });

  it('names a relative threshold without a baselineQuery, and providers this worker lacks', async () => {
    const { activities } = setup();
    const runbook = demoRunbook((input) => {
      delete (input.analysis.metrics![0] as { baselineQuery?: string }).baselineQuery;
    });
    (runbook.dns as { provider: string }).provider = 'route53';
    (runbook.hooks.freeze as { provider: string }).provider = 'http';
    const failure = await preflightFailure(activities.preflight({ cutover: 'c1', runbook }));
    expect(failure.message.split('\n')).toEqual([
      'dns.provider "route53" has no implementation on this worker',
      'hook "freeze-writes" provider "http" has no implementation on this worker',
      'analysis metric "error_rate": threshold is relative to the baseline but no baselineQuery is set: add one (the same measurement on blue)',
    ]);
  });

  it('does not call hooks or notifiers: preflight must not freeze writes or page anyone', async () => {
    const { cloud, activities } = setup();
    await activities.preflight({ cutover: 'c1', runbook: demoRunbook() });
    expect(cloud.calls('hooks.run')).toEqual([]);
    expect(cloud.calls('notify')).toEqual([]);
  });

  it('tries a failing provider call again before calling it a problem', async () => {
    const { cloud, activities } = setup();
    cloud.failNext('queues.depth:orders-events', PREFLIGHT_TRIES - 1, 'Throttling: Rate exceeded');
    const result = await activities.preflight({ cutover: 'c1', runbook: demoRunbook() });
    expect(result.checked).toContain('queue orders-events: 40 messages');

    cloud.failNext('queues.depth:orders-events', PREFLIGHT_TRIES, 'Throttling: Rate exceeded');
    const failure = await preflightFailure(activities.preflight({ cutover: 'c2', runbook: demoRunbook() }));
    expect(failure.message).toContain('Throttling: Rate exceeded');
  });
});
