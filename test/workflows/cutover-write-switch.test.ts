import { SimulatedCloud } from '../../activities/simulated';
import { cutoverSuite, timelineText, waitForStatus } from '../support/harness';
import { RECORD } from '../support/runbooks';
import { dataScenario, switchRunbook } from './support/write-switch';

const slowCanary = { steps: [{ weight: 20, bake: '2s' }, { weight: 50, bake: '2s' }, { weight: 100, bake: '2s' }] };

describe('write switch under a steady write load', () => {
  const suite = cutoverSuite();

  it('completes with writes frozen for seconds around the switch, not for the canary, green taking writes only once it had all of blue', async () => {
    const cloud = SimulatedCloud.create({ scenario: dataScenario() });
    await suite.startWorker(cloud);
    const handle = await suite.start(switchRunbook({}, { canary: slowCanary }));

    const result = await handle.result();

    expect(result.outcome).toBe('completed');
    const windows = result.writes!.windows;
    expect(windows).toHaveLength(1);
    expect(windows[0]).toMatchObject({ side: 'blue', why: 'write-switch' });
    // The canary alone bakes 6s; the switch is a lag catch-up of 300ms plus three hooks.
    expect(windows[0]!.durationMs!).toBeLessThan(6_000);
    const switchedAt = Date.parse(result.writes!.switchedAt!);
    const lastBake = result.timeline.find((entry) => entry.message === 'step 3/3 completed')!;
    expect(Date.parse(windows[0]!.start)).toBeGreaterThanOrEqual(Date.parse(lastBake.at));
    expect(switchedAt).toBeGreaterThan(Date.parse(windows[0]!.start));

    const ledgers = cloud.ledgers();
    expect(ledgers.writer).toBe('green');
    expect(ledgers.frozen).toEqual({ blue: true, green: false });
    expect(ledgers.switches).toEqual([expect.objectContaining({ to: 'green', missing: 0 })]);
    expect(ledgers.writes.green).toBeGreaterThan(ledgers.switches.length);
    expect(ledgers.reverse).toBe('running');
    // Refused writes are those attempted inside the freeze window: a few dozen at one write per 50ms.
    expect(ledgers.load!.refused).toBeLessThan(windows[0]!.durationMs! / 50 + 5);
    expect(cloud.hookRuns().map((run) => `${run.action} ${run.target}`)).toEqual(['freeze blue', 'switch-writes green', 'unfreeze green']);

    // Invariant 1: a forward lag read of 0 came after the freeze hook and before the switch hook.
    const freezeAt = cloud.hookRuns('freeze-writes')[0]!.at;
    const switchAt = cloud.hookRuns('switch-writes')[0]!.at;
    const lagReads = cloud.calls('replication.lag').filter((call) => call.ok && call.args.direction === 'forward' && call.at > freezeAt && call.at < switchAt);
    expect(lagReads.at(-1)?.result).toBe(0);
    expect(cloud.weights(RECORD)).toEqual({ blue: 0, green: 100 });
  });

  it('rolls back after the switch with every acknowledged write on blue before blue takes writes again', async () => {
    const cloud = SimulatedCloud.create({ scenario: dataScenario({ reverseDelayMs: 1_500 }) });
    await suite.startWorker(cloud);
    const handle = await suite.start(switchRunbook({ at: { afterStep: 1 } }, { canary: slowCanary }));
    await waitForStatus(handle, (status) => status.writes?.windows[0]?.end != null, 60_000);
    await waitForStatus(handle, () => cloud.ledgers().writes.green > cloud.ledgers().writes.blue);
    cloud.injectMetric('green.error_rate', { value: 0.25 });

    const result = await handle.result();

    expect(result.outcome).toBe('rolled-back');
    const ledgers = cloud.ledgers();
    expect(ledgers.blueReopened).toEqual([expect.objectContaining({ missing: 0 })]);
    expect(ledgers.switches.map((change) => [change.to, change.missing])).toEqual([['green', 0], ['blue', 0]]);
    expect(ledgers.writer).toBe('blue');
    expect(ledgers.frozen).toEqual({ blue: false, green: true });
    expect(ledgers.missingFromBlue).toBe(0);
    expect(cloud.weights(RECORD)).toEqual({ blue: 100, green: 0 });
    // Data first: green frozen, writes back on blue, then DNS, then blue open again.
    const actions = cloud.hookRuns().map((run) => `${run.action} ${run.target}`);
    expect(actions).toEqual(['freeze blue', 'switch-writes green', 'unfreeze green', 'freeze green', 'switch-writes blue', 'unfreeze blue']);
    const switchBackAt = cloud.hookRuns('switch-writes')[1]!.at;
    const rollbackWrite = cloud.dnsWrites().find((write) => write.weights.blue === 100)!;
    expect(rollbackWrite.at).toBeGreaterThan(switchBackAt);
    expect(result.writes!.reverseWait).toMatchObject({ metAt: expect.any(String) });
    expect(result.writes!.windows.map((window) => window.why)).toEqual(['write-switch', 'rollback']);
    expect(timelineText(result)).toMatch(/reverse lag 0s with green frozen/);
  });

  it('rolls back before the switch with no data step at all', async () => {
    const cloud = SimulatedCloud.create({ scenario: dataScenario() });
    await suite.startWorker(cloud);
    cloud.injectMetric('green.error_rate', { value: 0.25 });
    const handle = await suite.start(switchRunbook({}, { canary: slowCanary }));

    const result = await handle.result();

    expect(result.outcome).toBe('rolled-back');
    expect(cloud.hookRuns()).toEqual([]);
    expect(cloud.calls('replication.startReverse')).toEqual([]);
    expect(result.writes).toMatchObject({ switched: false, writer: 'blue', windows: [] });
    const ledgers = cloud.ledgers();
    expect(ledgers).toMatchObject({ writer: 'blue', frozen: { blue: false, green: false }, switches: [] });
    expect(ledgers.load!.refused).toBe(0);
    expect(result.timeline.some((entry) => entry.kind === 'writes')).toBe(false);
  });

  it('never lets green take writes when the forward lag stays above the switch RPO with blue frozen: aborts and reopens blue', async () => {
    const cloud = SimulatedCloud.create({ scenario: dataScenario() });
    await suite.startWorker(cloud);
    const handle = await suite.start(switchRunbook({ at: 'before-canary', timeout: '2s' }, { canary: slowCanary }));
    await waitForStatus(handle, (status) => status.phase === 'write-switch', 60_000);
    cloud.setReplicationDelay('forward', 3_600_000);

    const result = await handle.result();

    expect(result.outcome).toBe('aborted');
    expect(result.reason).toMatch(/forward lag stayed above the switch RPO of 0ms with blue frozen for the whole 2s writes.timeout/);
    expect(cloud.hookRuns().map((run) => `${run.action} ${run.target}`)).toEqual(['freeze blue', 'unfreeze blue']);
    expect(cloud.ledgers()).toMatchObject({ writer: 'blue', switches: [], frozen: { blue: false, green: false } });
    expect(result.writes!.switched).toBe(false);
  });

  it('rolls back a runbook without reverse replication by traffic only after the switch, saying that green\'s writes are lost', async () => {
    const cloud = SimulatedCloud.create({ scenario: dataScenario({ reverse: 'absent' }) });
    await suite.startWorker(cloud);
    const replication = { provider: 'simulated', task: 'orders-cdc', timeout: '10s', pollInterval: '200ms' } as const;
    const handle = await suite.start(switchRunbook({ at: 'before-canary', afterWriteSwitch: 'traffic-only-rollback' }, { canary: slowCanary, replication }));
    await waitForStatus(handle, (status) => status.writes?.windows[0]?.end != null, 60_000);
    await waitForStatus(handle, () => cloud.ledgers().writes.green > cloud.ledgers().writes.blue);
    cloud.injectMetric('green.error_rate', { value: 0.25 });

    const result = await handle.result();

    expect(result.outcome).toBe('rolled-back');
    expect(result.writes!.lossWarning).toMatch(/loses every write green took since the switch/);
    expect(cloud.calls('replication.startReverse')).toEqual([]);
    expect(cloud.hookRuns().map((run) => `${run.action} ${run.target}`)).toEqual([
      'freeze blue',
      'switch-writes green',
      'unfreeze green',
      'freeze green',
      'switch-writes blue',
      'unfreeze blue',
    ]);
    expect(cloud.ledgers().blueReopened[0]!.missing).toBeGreaterThan(0);
    expect(timelineText(result)).toContain('traffic-only rollback: writes green took since the switch are not carried back to blue');
  });

  it('ends rollback-failed with blue still frozen and an escalation when the reverse lag never catches up', async () => {
    const cloud = SimulatedCloud.create({ scenario: dataScenario({ reverseDelayMs: 3_600_000 }) });
    await suite.startWorker(cloud);
    const handle = await suite.start(switchRunbook({ at: 'before-canary', timeout: '3s' }, { canary: slowCanary }));
    await waitForStatus(handle, (status) => status.writes?.windows[0]?.end != null, 60_000);
    await waitForStatus(handle, () => cloud.ledgers().writes.green > cloud.ledgers().writes.blue);
    cloud.injectMetric('green.error_rate', { value: 0.25 });

    const result = await handle.result();

    expect(result.outcome).toBe('rollback-failed');
    const ledgers = cloud.ledgers();
    expect(ledgers.frozen).toEqual({ blue: true, green: true });
    expect(ledgers.blueReopened).toEqual([]);
    expect(ledgers.missingFromBlue).toBeGreaterThan(0);
    expect(cloud.hookRuns().some((run) => run.action === 'unfreeze' && run.target === 'blue')).toBe(false);
    expect(result.reason).toMatch(/reverse lag stayed above the rollback RPO of 0ms .*Blue stays frozen.*switch writes to blue/);
    const escalations = cloud.notifications('rollback-escalation');
    expect(escalations).toHaveLength(1);
    expect(escalations[0]!.message).toContain('Blue stays frozen');
  });
});
