import { cutoverSuite, waitForStatus } from '../support/harness';
import { fastCloud, fastRunbook, RECORD } from '../support/runbooks';

const DNS = { provider: 'simulated' as const, record: RECORD, blue: 'orders-aws', green: 'orders-azure', ttl: '500ms' };

describe('transient provider faults inside a phase\'s timeout', () => {
  const suite = cutoverSuite();

  it('completes when a canary step\'s sync check fails three times in a row, then succeeds, showing the retry in status', async () => {
    const cloud = fastCloud();
    await suite.startWorker(cloud);
    cloud.failNext('dns.isInSync', 3, 'Route 53: Rate exceeded');
    const handle = await suite.start(fastRunbook({ dns: { ...DNS, syncTimeout: '60s' } }));

    const retrying = await waitForStatus(handle, (status) => (status.retrying?.attempts ?? 0) >= 2, 60_000);
    expect(retrying.retrying).toEqual(expect.objectContaining({ operation: 'waitForDnsSync', lastError: expect.stringContaining('Rate exceeded') }));
    expect(retrying.outcome).toBe('running');
    const result = await handle.result();

    expect(result.outcome).toBe('completed');
    expect(result.retrying).toBeNull();
    expect(cloud.calls('dns.isInSync').filter((call) => !call.ok)).toHaveLength(3);
    expect(cloud.dnsWrites().map((write) => write.weights.green)).toEqual([20, 50, 100]);
    const retries = result.timeline.filter((entry) => entry.kind === 'retry');
    expect(retries.map((entry) => entry.data)).toEqual([
      expect.objectContaining({ operation: 'waitForDnsSync', attempts: 1, lastError: expect.stringContaining('Rate exceeded') }),
      expect.objectContaining({ operation: 'waitForDnsSync', attempts: 3, recovered: true }),
    ]);
    expect(retries[1]!.message).toContain('step 1/3');
  });

  it('rolls back with a reason naming the step and the timeout when the sync check fails past syncTimeout', async () => {
    const cloud = fastCloud();
    await suite.startWorker(cloud);
    const runbook = fastRunbook({
      dns: { ...DNS, syncTimeout: '4s' },
      canary: { steps: [{ weight: 20, bake: '20s' }, { weight: 50, bake: '800ms' }, { weight: 100, bake: '800ms' }] },
    });
    const handle = await suite.start(runbook);
    await waitForStatus(handle, (status) => status.timeline.some((entry) => entry.kind === 'dns' && entry.message.startsWith('step 1/3')));
    cloud.failAlways('dns.isInSync', 'Route 53: Rate exceeded');
    await waitForStatus(handle, (status) => status.phase === 'rollback', 90_000);
    // The rollback checks its own DNS change with the same call; let it through.
    cloud.clearFailures();

    const result = await handle.result();

    expect(result.outcome).toBe('rolled-back');
    expect(result.reason).toMatch(/step 2\/3: waiting for the weights to be in sync: not done within the 4s dns\.syncTimeout of step 2\/3/);
    expect(result.reason).toContain('Rate exceeded');
    expect(cloud.weights(RECORD)).toEqual({ blue: 100, green: 0 });
  });

  it('reaches traffic when lag and queue depth reads fail for a while inside their timeouts', async () => {
    const cloud = fastCloud();
    await suite.startWorker(cloud);
    const runbook = fastRunbook({
      replication: { provider: 'simulated', task: 'orders-cdc', timeout: '5m', pollInterval: '200ms' },
      drain: { provider: 'simulated', timeout: '5m', pollInterval: '200ms', queues: [{ name: 'orders-events' }] },
    });
    cloud.setLag('orders-cdc', { startSeconds: 30 });
    const handle = await suite.start(runbook);
    // Preflight reads lag and depth too: the reads fail only once the run waits for the RPO.
    await waitForStatus(handle, (status) => status.phase === 'replication');
    cloud.failAlways('replication.lag', 'DMS: ThrottlingException');
    cloud.failAlways('queues.depth', 'SQS: ServiceUnavailable');
    cloud.setLag('orders-cdc', { startSeconds: 1 });
    // More failures in a row than the activity's own retries used to absorb.
    const lagRetried = await waitForStatus(handle, (status) => status.retrying?.operation === 'readReplicationLag' && status.retrying.attempts >= 6, 90_000);
    expect(lagRetried.phase).toBe('replication');
    cloud.clearFailures('replication.lag');
    const depthRetried = await waitForStatus(handle, (status) => status.retrying?.operation === 'readQueueDepths' && status.retrying.attempts >= 6, 90_000);
    expect(depthRetried.phase).toBe('drain');
    cloud.clearFailures('queues.depth');

    const result = await handle.result();

    expect(result.outcome).toBe('completed');
    expect(cloud.dnsWrites().map((write) => write.weights.green)).toEqual([20, 50, 100]);
    expect(result.timeline.filter((entry) => entry.kind === 'retry' && entry.data?.recovered).map((entry) => entry.data?.operation)).toEqual([
      'readReplicationLag',
      'readQueueDepths',
    ]);
  });
});
