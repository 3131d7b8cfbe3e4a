import { ApplicationFailure, CancelledFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { createActivities } from '../../activities';
import { SimulatedCloud } from '../../activities/simulated';
import { demoRunbook } from './fixtures';

const runbook = demoRunbook();
const { dns } = runbook;

function setup() {
  const cloud = SimulatedCloud.create();
  return { cloud, activities: createActivities(cloud.providers()) };
}

describe('DNS activities', () => {
  it('setDnsWeights sets absolute weights, so repeating it changes nothing more', async () => {
    const { cloud, activities } = setup();
    await activities.setDnsWeights({ dns, weights: { blue: 90, green: 10 } });
    await activities.setDnsWeights({ dns, weights: { blue: 90, green: 10 } });
    await expect(activities.readDnsWeights({ dns })).resolves.toEqual({ blue: 90, green: 10 });
    expect(cloud.dnsWrites().map((w) => w.weights)).toEqual([{ blue: 90, green: 10 }, { blue: 90, green: 10 }]);
  });

  it('setDnsWeights refuses weights that do not add up to 100 without calling the provider', async () => {
    const { cloud, activities } = setup();
    const error = await activities.setDnsWeights({ dns, weights: { blue: 90, green: 20 } }).catch((e: unknown) => e);
    expect(error).toMatchObject({ type: 'InvalidWeights', nonRetryable: true });
    expect(cloud.calls('dns.setWeights')).toEqual([]);
  });

  it('waitForDnsSync returns once the change is in sync, heartbeating each poll', async () => {
    const { cloud, activities } = setup();
    // Long enough that even a loaded machine polls at least once before the change is in sync.
    cloud.setDnsSyncDelay(dns.record, 1_000);
    const { changeId } = await activities.setDnsWeights({ dns, weights: { blue: 50, green: 50 } });
    const env = new MockActivityEnvironment();
    const heartbeats: unknown[] = [];
    env.on('heartbeat', (details: unknown) => heartbeats.push(details));
    await env.run(activities.waitForDnsSync, { dns, changeId, pollIntervalMs: 20 });
    const polls = cloud.calls('dns.isInSync');
    expect(polls.length).toBeGreaterThanOrEqual(2);
    expect(heartbeats).toHaveLength(polls.length);
    expect(heartbeats[0]).toEqual({ changeId });
    expect(polls.at(-1)).toMatchObject({ ok: true });
  });

  it('waitForDnsSync stops polling when the activity is cancelled', async () => {
    const { cloud, activities } = setup();
    cloud.setDnsSyncDelay(dns.record, 60_000);
    const { changeId } = await activities.setDnsTtl({ dns, ttlMs: 1_000 });
    const env = new MockActivityEnvironment();
    const waiting = env.run(activities.waitForDnsSync, { dns, changeId, pollIntervalMs: 10 });
    setTimeout(() => env.cancel(), 50);
    await expect(waiting).rejects.toBeInstanceOf(CancelledFailure);
    const polls = cloud.calls('dns.isInSync').length;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(cloud.calls('dns.isInSync')).toHaveLength(polls);
  });
});

describe('hooks', () => {
  const context = { idempotencyKey: 'c1/freeze', cutover: 'c1', target: 'blue' as const };

  it('runs the hook with its context', async () => {
    const { cloud, activities } = setup();
    await activities.runHook({ hook: runbook.hooks.freeze!, context });
    expect(cloud.hookRuns()).toEqual([expect.objectContaining({ hook: 'freeze-writes', ...context })]);
  });

  it('throws a retryable error when the hook fails, so Temporal retries it', async () => {
    const { cloud, activities } = setup();
    cloud.failNext('hooks.run:freeze-writes', 1, 'HTTP 502 from https://ops:s3cret@freeze.internal');
    const error = await activities.runHook({ hook: runbook.hooks.freeze!, context }).catch((e: unknown) => e);
    expect(error).toMatchObject({ message: 'running hook freeze-writes on blue: HTTP 502 from https://[redacted]@freeze.internal', nonRetryable: false });
  });
});

describe('notify', () => {
  const notification = { kind: 'rollback' as const, cutover: 'c1', message: 'rolled back: error_rate 0.25 > 0.02', idempotencyKey: 'c1/rollback/1' };
  const channels = [
    { provider: 'simulated' as const, channel: '#cutover' },
    { provider: 'simulated' as const, channel: '#oncall' },
  ];

  it('sends to every channel', async () => {
    const { cloud, activities } = setup();
    await activities.notify({ channels, notification });
    expect(cloud.notifications('rollback').map((n) => n.channel)).toEqual(['#cutover', '#oncall']);
  });

  it('a failing channel does not keep the others from hearing, and the failure names it', async () => {
    const { cloud, activities } = setup();
    cloud.failNext('notify:#cutover', 1, 'slack: 500');
    const error = await activities.notify({ channels, notification }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApplicationFailure);
    expect(error).toMatchObject({ message: 'notification "rollback" failed on 1 of 2 channels: #cutover: slack: 500', nonRetryable: false });
    expect(cloud.notifications().map((n) => n.channel)).toEqual(['#oncall']);
  });
});
