import { pauseUpdate, resumeUpdate } from '../../workflows/messages';
import { cutoverSuite, timelineText, waitForStatus } from '../support/harness';
import { fastCloud, fastRunbook, RECORD } from '../support/runbooks';

describe('automatic rollback', () => {
  const suite = cutoverSuite();

  it('rolls back to 100% blue, read back from DNS, when green breaches in the first canary step', async () => {
    const cloud = fastCloud();
    await suite.startWorker(cloud);
    cloud.injectMetric('green.error_rate', { value: 0.25 });
    const runbook = fastRunbook({ canary: { steps: [{ weight: 20, bake: '5s' }, { weight: 50, bake: '1s' }, { weight: 100, bake: '1s' }] } });
    const handle = await suite.start(runbook);

    const result = await handle.result();

    expect(result.outcome).toBe('rolled-back');
    expect(cloud.dnsWrites().map((write) => write.weights)).toEqual([{ blue: 80, green: 20 }, { blue: 100, green: 0 }]);
    expect(cloud.weights(RECORD)).toEqual({ blue: 100, green: 0 });
    const lastWrite = cloud.dnsWrites().at(-1)!.at;
    expect(cloud.calls('dns.readWeights').some((call) => call.ok && call.at >= lastWrite)).toBe(true);
    expect(result.rollback?.verifiedAt).not.toBeNull();
    expect(result.rollback?.cause).toMatchObject({ metric: 'error-rate', value: 0.25 });
    expect(result.reason).toMatch(/metric error-rate = 0.25, threshold above baseline × 3 = 0.03 for [\d.]+m?s, at \d{4}-/);
    expect(timelineText(result)).not.toContain('step 1/3 completed');
    expect(cloud.hookRuns('unfreeze-writes').map((run) => run.target)).toEqual(['blue']);
    expect(cloud.notifications('rollback')[0]?.message).toContain('metric error-rate = 0.25');
  });

  it('starts the rollback right after the breaching sample, within one analysis interval', async () => {
    const cloud = fastCloud();
    await suite.startWorker(cloud);
    const runbook = fastRunbook({ canary: { steps: [{ weight: 50, bake: '30s' }, { weight: 100, bake: '1s' }] } });
    const handle = await suite.start(runbook);
    await waitForStatus(handle, (status) => status.metrics['error-rate']?.verdict === 'pass');
    const faultAt = Date.now();
    cloud.injectMetric('green.error_rate', { value: 0.25, from: faultAt });

    const result = await handle.result();

    expect(result.outcome).toBe('rolled-back');
    const rollbackWrite = cloud.dnsWrites().find((write) => write.weights.blue === 100)!;
    const breachingReads = cloud.metricReads('green.error_rate').filter((read) => read.at >= faultAt && read.at <= rollbackWrite.at);
    // for: 500ms needs more than one failing sample; the last one before the rollback is the breach.
    expect(breachingReads.length).toBeGreaterThanOrEqual(2);
    expect(breachingReads.at(-1)!.at - breachingReads[0]!.at).toBeGreaterThanOrEqual(runbook.analysis.metrics[0]!.for);
    expect(breachingReads.every((read) => read.value === 0.25)).toBe(true);
    const interval = runbook.analysis.interval;
    const breachingSample = breachingReads.at(-1)!;
    expect(rollbackWrite.at - breachingSample.at).toBeLessThan(interval);
  });

  it('rolls back on a breach while a gate is waiting', async () => {
    const cloud = fastCloud();
    await suite.startWorker(cloud);
    const runbook = fastRunbook({
      gates: [{ name: 'half-way', approvers: ['bob'] }],
      canary: { steps: [{ weight: 30, bake: '500ms', gate: 'half-way' }, { weight: 100, bake: '500ms' }] },
    });
    const handle = await suite.start(runbook);
    await waitForStatus(handle, (status) => status.openGate?.name === 'half-way');
    cloud.injectMetric('green.error_rate', { value: 0.25 });

    const result = await handle.result();

    expect(result.outcome).toBe('rolled-back');
    expect(result.openGate).toBeNull();
    expect(result.timeline.some((entry) => entry.kind === 'approval')).toBe(false);
    expect(cloud.weights(RECORD)).toEqual({ blue: 100, green: 0 });
  });

  it('rolls back on a breach while the cutover is paused', async () => {
    const cloud = fastCloud();
    await suite.startWorker(cloud);
    const runbook = fastRunbook({ canary: { steps: [{ weight: 20, bake: '3s' }, { weight: 100, bake: '1s' }] } });
    const handle = await suite.start(runbook);
    await waitForStatus(handle, (status) => status.step?.index === 1);
    await handle.executeUpdate(pauseUpdate, { args: [{ by: 'olivia', reason: 'looking at dashboards' }] });
    cloud.injectMetric('green.error_rate', { value: 0.25 });

    const result = await handle.result();

    expect(result.outcome).toBe('rolled-back');
    expect(result.timeline.findIndex((entry) => entry.kind === 'pause')).toBeLessThan(result.timeline.findIndex((entry) => entry.kind === 'rollback'));
    expect(result.paused).toBeNull();
    expect(cloud.weights(RECORD)).toEqual({ blue: 100, green: 0 });
  });

  it('does not roll back on one noisy sample inside the sustain window', async () => {
    const cloud = fastCloud();
    await suite.startWorker(cloud);
    const runbook = fastRunbook({ canary: { steps: [{ weight: 20, bake: '5s' }, { weight: 100, bake: '1s' }] } });
    const handle = await suite.start(runbook);
    await waitForStatus(handle, (status) => status.metrics['error-rate']?.verdict === 'pass');
    cloud.injectMetric('green.error_rate', { value: 0.25, samples: 1 });

    const result = await handle.result();

    expect(cloud.metricReads('green.error_rate').some((read) => read.value === 0.25)).toBe(true);
    expect(result.outcome).toBe('completed');
    expect(timelineText(result)).toContain('error-rate: pass → failing');
  });

  it('retries provider errors and counts them apart from failed checks', async () => {
    const cloud = fastCloud();
    await suite.startWorker(cloud);
    const runbook = fastRunbook({ canary: { steps: [{ weight: 20, bake: '3s' }, { weight: 100, bake: '1s' }] } });
    const handle = await suite.start(runbook);
    await waitForStatus(handle, (status) => status.metrics['error-rate']?.verdict === 'pass');
    cloud.failNext('metrics.query:green.error_rate', 2, 'prometheus: connection refused');

    const recovered = await waitForStatus(handle, (status) => status.metrics['error-rate']?.totalErrors === 2 && status.metrics['error-rate']?.verdict === 'pass');
    expect(recovered.metrics['error-rate']).toMatchObject({ consecutiveErrors: 0, value: 0.01 });
    expect(recovered.paused).toBeNull();
    const result = await handle.result();

    expect(result.outcome).toBe('completed');
    expect(timelineText(result)).toContain('connection refused');
  });

  it('pauses for a human when provider errors exceed the consecutive error limit, and goes on after resume', async () => {
    const cloud = fastCloud();
    await suite.startWorker(cloud);
    const runbook = fastRunbook({ canary: { steps: [{ weight: 20, bake: '8s' }, { weight: 100, bake: '1s' }] } });
    const handle = await suite.start(runbook);
    await waitForStatus(handle, (status) => status.metrics['error-rate']?.verdict === 'pass');
    cloud.failNext('metrics.query:green.error_rate', 3, 'prometheus: 503');

    const paused = await waitForStatus(handle, (status) => status.paused !== null);
    expect(paused.paused?.by).toBe('analysis');
    expect(paused.paused?.reason).toContain('3 provider errors in a row');
    await handle.executeUpdate(resumeUpdate, { args: [{ by: 'olivia', reason: 'prometheus restarted' }] });

    const result = await handle.result();
    expect(result.outcome).toBe('completed');
  });

  it('ends as rollback-failed, escalated, when DNS cannot be set back', async () => {
    const cloud = fastCloud();
    await suite.startWorker(cloud);
    const runbook = fastRunbook({ rollback: { escalateAfter: '1s', giveUpAfter: '4s' } });
    const handle = await suite.start(runbook);
    await waitForStatus(handle, (status) => status.step?.index === 1);
    cloud.failAlways('dns.setWeights', 'Route 53 is throttling');
    cloud.injectMetric('green.error_rate', { value: 0.25 });

    const result = await handle.result();

    expect(result.outcome).toBe('rollback-failed');
    expect(result.reason).toContain('Route 53 is throttling');
    expect(cloud.notifications('rollback-escalation').length).toBeGreaterThanOrEqual(2);
    expect(result.timeline.some((entry) => entry.kind === 'escalation')).toBe(true);
  });
});
