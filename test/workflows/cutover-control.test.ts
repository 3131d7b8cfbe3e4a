import { pauseUpdate, resumeUpdate, statusQuery } from '../../workflows/messages';
import { cutoverSuite, timelineText, waitForStatus } from '../support/harness';
import { fastCloud, fastRunbook, RECORD } from '../support/runbooks';

const availabilityCheck = { name: 'availability', provider: 'simulated' as const, query: 'green.availability', threshold: { below: 0.99 } };

describe('pauses, acceptance and cancellation', () => {
  const suite = cutoverSuite();

  it('holds the canary while paused: no weight moves until resume', async () => {
    const cloud = fastCloud();
    await suite.startWorker(cloud);
    const runbook = fastRunbook({ canary: { steps: [{ weight: 20, bake: '3s' }, { weight: 50, bake: '1s' }, { weight: 100, bake: '1s' }] } });
    const handle = await suite.start(runbook);
    await waitForStatus(handle, (status) => status.step?.index === 1 && status.weights?.green === 20);
    await handle.executeUpdate(pauseUpdate, { args: [{ by: 'olivia', reason: 'hold on' }] });

    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const held = await handle.query(statusQuery);
    expect(held.step?.index).toBe(1);
    expect(cloud.dnsWrites().map((write) => write.weights.green)).toEqual([20]);

    await handle.executeUpdate(resumeUpdate, { args: [{ by: 'olivia' }] });
    expect((await handle.result()).outcome).toBe('completed');
    expect(cloud.dnsWrites().map((write) => write.weights.green)).toEqual([20, 50, 100]);
  });

  it('pauses instead of rolling back when the breached metric says onBreach: pause', async () => {
    const cloud = fastCloud();
    await suite.startWorker(cloud);
    const runbook = fastRunbook({
      canary: { steps: [{ weight: 20, bake: '3s' }, { weight: 100, bake: '1s' }] },
      analysis: {
        interval: '1s',
        metrics: [{ name: 'error-rate', provider: 'simulated', query: 'green.error_rate', threshold: { above: 0.05 }, onBreach: 'pause' }],
      },
    });
    const handle = await suite.start(runbook);
    await waitForStatus(handle, (status) => status.metrics['error-rate']?.verdict === 'pass');
    cloud.injectMetric('green.error_rate', { value: 0.25 });

    const paused = await waitForStatus(handle, (status) => status.paused !== null);
    expect(paused.paused).toMatchObject({ by: 'analysis' });
    expect(paused.paused?.reason).toContain('metric error-rate = 0.25');
    expect(paused.outcome).toBe('running');
    await waitForStatus(handle, () => cloud.notifications('paused').length === 1);
    expect(cloud.notifications('paused')[0]?.message).toContain('waits for a human');
    expect(cloud.weights(RECORD)).toEqual({ blue: 80, green: 20 });
    await handle.terminate('test over');
  });

  it('rolls back when an acceptance check fails during the soak', async () => {
    const cloud = fastCloud();
    await suite.startWorker(cloud);
    const runbook = fastRunbook({ acceptance: { soak: '10s', checks: [availabilityCheck] } });
    const handle = await suite.start(runbook);
    await waitForStatus(handle, (status) => status.metrics['availability']?.verdict === 'pass');
    cloud.injectMetric('green.availability', { value: 0.9 });

    const result = await handle.result();

    expect(result.outcome).toBe('rolled-back');
    expect(result.rollback?.cause?.metric).toBe('availability');
    expect(timelineText(result)).not.toContain('soaked');
    expect(cloud.weights(RECORD)).toEqual({ blue: 100, green: 0 });
  });

  it('rolls back when an acceptance test hook fails', async () => {
    const cloud = fastCloud();
    await suite.startWorker(cloud);
    cloud.failAlways('hooks.run:smoke-test', 'smoke test: checkout returned 500');
    const runbook = fastRunbook({ acceptance: { soak: '1s', tests: [{ provider: 'simulated', name: 'smoke-test' }] } });
    const handle = await suite.start(runbook);

    const result = await handle.result();

    expect(result.outcome).toBe('rolled-back');
    expect(result.reason).toContain('acceptance test smoke-test failed');
    expect(result.reason).toContain('checkout returned 500');
    expect(cloud.weights(RECORD)).toEqual({ blue: 100, green: 0 });
  });

  it('keeps waiting and notifies again when a gate times out with onTimeout: wait', async () => {
    const cloud = fastCloud();
    await suite.startWorker(cloud);
    const runbook = fastRunbook({ gates: [{ name: 'go-live', approvers: ['bob'], timeout: '1s', onTimeout: 'wait' }], startGate: 'go-live' });
    const handle = await suite.start(runbook);

    const waiting = await waitForStatus(handle, (status) => status.timeline.some((entry) => entry.kind === 'timeout'));
    expect(waiting.openGate?.name).toBe('go-live');
    expect(waiting.outcome).toBe('running');
    await waitForStatus(handle, () => cloud.notifications('gate-open').length === 2);
    expect(cloud.notifications('gate-open')[1]?.message).toContain('still waits');
    await handle.terminate('test over');
  });

  it('rolls back, uninterrupted, when the workflow is cancelled from Temporal', async () => {
    const cloud = fastCloud();
    await suite.startWorker(cloud);
    const runbook = fastRunbook({ canary: { steps: [{ weight: 30, bake: '20s' }, { weight: 100, bake: '1s' }] } });
    const handle = await suite.start(runbook);
    await waitForStatus(handle, (status) => status.weights?.green === 30);

    await handle.cancel();
    const result = await handle.result();

    expect(result.outcome).toBe('rolled-back');
    expect(result.reason).toBe('the workflow was cancelled');
    expect(cloud.weights(RECORD)).toEqual({ blue: 100, green: 0 });
  });
});
