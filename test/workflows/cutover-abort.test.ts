import { abortUpdate, rejectUpdate } from '../../workflows/messages';
import { cutoverSuite, waitForStatus } from '../support/harness';
import { fastCloud, fastRunbook, fastScenario, RECORD } from '../support/runbooks';

describe('stopping a cutover before and after traffic moves', () => {
  const suite = cutoverSuite();

  it('aborts with no DNS change at all when lag stays above the RPO until the timeout', async () => {
    const cloud = fastCloud({ ...fastScenario(), replication: { 'orders-cdc': { lag: { startSeconds: 30 } } } });
    await suite.startWorker(cloud);
    const runbook = fastRunbook({ replication: { provider: 'simulated', task: 'orders-cdc', timeout: '1500ms', pollInterval: '200ms' } });
    const handle = await suite.start(runbook);

    const result = await handle.result();

    expect(result.outcome).toBe('aborted');
    expect(result.reason).toContain('replication lag stayed above the RPO of 5s');
    expect(cloud.dnsWrites()).toEqual([]);
    expect(cloud.weights(RECORD)).toEqual({ blue: 100, green: 0 });
    expect(result.rollback).toBeNull();
    expect(cloud.hookRuns().map((run) => `${run.hook}:${run.target}`)).toEqual(['freeze-writes:blue', 'unfreeze-writes:blue']);
    expect(cloud.notifications('aborted')).toHaveLength(1);
  });

  it('treats no lag data as not within the RPO: it aborts at the timeout with no DNS change', async () => {
    const cloud = fastCloud();
    cloud.setLag('orders-cdc', null);
    await suite.startWorker(cloud);
    const runbook = fastRunbook({ replication: { provider: 'simulated', task: 'orders-cdc', timeout: '1500ms', pollInterval: '200ms' } });
    const handle = await suite.start(runbook);

    const result = await handle.result();

    expect(result.outcome).toBe('aborted');
    expect(result.reason).toContain('(last: no lag data)');
    expect(cloud.dnsWrites()).toEqual([]);
  });

  it('moves traffic on no lag data only when the runbook counts it as within the RPO', async () => {
    const cloud = fastCloud();
    cloud.setLag('orders-cdc', null);
    await suite.startWorker(cloud);
    const runbook = fastRunbook({ replication: { provider: 'simulated', task: 'orders-cdc', timeout: '5s', pollInterval: '200ms', noData: 'pass' } });
    const handle = await suite.start(runbook);

    const result = await handle.result();

    expect(result.outcome).toBe('completed');
    expect(result.timeline.map((entry) => entry.message)).toContain('no lag data, which replication.noData: pass counts as within the RPO of 5s');
  });

  it('aborts with no DNS change when the queues do not drain in time', async () => {
    const cloud = fastCloud({ ...fastScenario(), queues: { 'orders-events': { depth: 500, drainPerSecond: 1 } } });
    await suite.startWorker(cloud);
    const runbook = fastRunbook({ drain: { provider: 'simulated', timeout: '1s', pollInterval: '200ms', queues: [{ name: 'orders-events' }] } });
    const handle = await suite.start(runbook);

    const result = await handle.result();

    expect(result.outcome).toBe('aborted');
    expect(result.reason).toMatch(/queues not drained within 1s: orders-events=\d+/);
    expect(cloud.dnsWrites()).toEqual([]);
  });

  it('aborts before any change when preflight finds a missing resource, naming every problem', async () => {
    const scenario = fastScenario();
    delete scenario.queues;
    const cloud = fastCloud(scenario);
    cloud.setReplicationStatus('orders-cdc', 'stopped');
    await suite.startWorker(cloud);
    const handle = await suite.start(fastRunbook());

    const result = await handle.result();

    expect(result.outcome).toBe('aborted');
    expect(result.reason).toContain('orders-events');
    expect(result.reason).toContain('stopped');
    expect(cloud.dnsWrites()).toEqual([]);
    expect(cloud.hookRuns()).toEqual([]);
  });

  it('aborts with no DNS change when the start gate is rejected', async () => {
    const cloud = fastCloud();
    await suite.startWorker(cloud);
    const runbook = fastRunbook({ gates: [{ name: 'go-live', approvers: ['bob'] }], startGate: 'go-live' });
    const handle = await suite.start(runbook);
    await waitForStatus(handle, (status) => status.openGate?.name === 'go-live');

    await handle.executeUpdate(rejectUpdate, { args: [{ gate: 'go-live', by: 'bob', reason: 'change freeze tonight' }] });
    const result = await handle.result();

    expect(result.outcome).toBe('aborted');
    expect(result.reason).toBe('gate "go-live" rejected by bob: change freeze tonight');
    expect(cloud.dnsWrites()).toEqual([]);
  });

  it('rolls back with the reason when a gate after a canary step is rejected', async () => {
    const cloud = fastCloud();
    await suite.startWorker(cloud);
    const runbook = fastRunbook({
      gates: [{ name: 'half-way', approvers: ['bob'] }],
      canary: { steps: [{ weight: 25, bake: '500ms', gate: 'half-way' }, { weight: 100, bake: '500ms' }] },
    });
    const handle = await suite.start(runbook);
    await waitForStatus(handle, (status) => status.openGate?.name === 'half-way');

    await handle.executeUpdate(rejectUpdate, { args: [{ gate: 'half-way', by: 'bob', reason: 'latency looks off' }] });
    const result = await handle.result();

    expect(result.outcome).toBe('rolled-back');
    expect(result.reason).toBe('gate "half-way" rejected by bob: latency looks off');
    expect(cloud.weights(RECORD)).toEqual({ blue: 100, green: 0 });
  });

  it('treats a gate timeout as a rejection when the gate says so', async () => {
    const cloud = fastCloud();
    await suite.startWorker(cloud);
    const runbook = fastRunbook({ gates: [{ name: 'go-live', approvers: ['bob'], timeout: '700ms', onTimeout: 'reject' }], startGate: 'go-live' });
    const handle = await suite.start(runbook);

    const result = await handle.result();

    expect(result.outcome).toBe('aborted');
    expect(result.reason).toBe('gate "go-live" timed out after 700ms with no decision');
    expect(cloud.dnsWrites()).toEqual([]);
  });

  it('rolls back when an operator aborts mid-canary', async () => {
    const cloud = fastCloud();
    await suite.startWorker(cloud);
    const runbook = fastRunbook({ canary: { steps: [{ weight: 10, bake: '30s' }, { weight: 100, bake: '1s' }] } });
    const handle = await suite.start(runbook);
    await waitForStatus(handle, (status) => status.step?.index === 1 && status.weights?.green === 10);

    const receipt = await handle.executeUpdate(abortUpdate, { args: [{ by: 'olivia', reason: 'customer escalation' }] });
    const result = await handle.result();

    expect(receipt.message).toContain('rolling back');
    expect(result.outcome).toBe('rolled-back');
    expect(result.reason).toBe('aborted by olivia: customer escalation');
    expect(cloud.weights(RECORD)).toEqual({ blue: 100, green: 0 });
  });

  it('refuses a runbook that skipped the client\'s validation, before touching any provider', async () => {
    const cloud = fastCloud();
    await suite.startWorker(cloud);
    const runbook = fastRunbook();
    runbook.canary.steps[1]!.weight = 10;

    const result = await (await suite.start(runbook)).result();

    expect(result.outcome).toBe('aborted');
    expect(result.reason).toContain('canary.steps[1].weight');
    expect(cloud.calls()).toEqual([]);
  });
});
