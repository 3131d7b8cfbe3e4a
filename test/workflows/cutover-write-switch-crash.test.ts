import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FileStore, SimulatedCloud } from '../../activities/simulated';
import { killWorkerProcess, startWorkerProcess } from '../support/worker-process';
import { connectHarness, startCutover, uniqueId, waitForStatus, type Harness } from '../support/harness';
import { RECORD } from '../support/runbooks';
import { dataScenario, switchRunbook } from './support/write-switch';

const canary = { steps: [{ weight: 20, bake: '1500ms' }, { weight: 50, bake: '1500ms' }, { weight: 100, bake: '1500ms' }] };

describe('a worker killed during the write switch or the rollback', () => {
  let harness: Harness;
  const children: ChildProcess[] = [];
  beforeAll(async () => {
    harness = await connectHarness();
  });
  afterAll(async () => {
    for (const child of children) await killWorkerProcess(child);
    await harness.close();
  });

  async function cloudWithWorker(data: Parameters<typeof dataScenario>[0]) {
    const statePath = path.join(mkdtempSync(path.join(tmpdir(), 'cutover-switch-crash-')), 'clouds.json');
    const cloud = SimulatedCloud.create({ scenario: dataScenario(data), store: new FileStore(statePath) });
    const taskQueue = uniqueId('switch-crash');
    const worker = await startWorkerProcess(statePath, taskQueue);
    children.push(worker);
    return { cloud, statePath, taskQueue, worker };
  }

  it('resumes the same run through the switch to completion after a kill -9 while it waits for the forward lag with blue frozen', async () => {
    // A forward delay of 2s keeps the switch waiting for the lag long enough to kill the worker there.
    const { cloud, statePath, taskQueue, worker } = await cloudWithWorker({ forwardDelayMs: 2_000 });
    // The switch's timeout leaves room for a worker restart on a loaded machine: the kill must not run it out.
    const handle = await startCutover(harness, taskQueue, switchRunbook({ timeout: '60s' }, { canary, replication: { provider: 'simulated', task: 'orders-cdc', reverseTask: 'orders-cdc-reverse', timeout: '20s', pollInterval: '200ms' } }));
    const { runId } = await handle.describe();
    // The freeze window opens before the freeze hook is called (so an unwind always unfreezes): wait for the hook too.
    await waitForStatus(handle, (status) => status.phase === 'write-switch' && status.writes?.windows.length === 1 && cloud.ledgers().frozen.blue, 60_000);
    await killWorkerProcess(worker);
    children.push(await startWorkerProcess(statePath, taskQueue));

    const result = await handle.result();

    expect({ outcome: result.outcome, reason: result.outcome === 'completed' ? null : result.reason }).toEqual({ outcome: 'completed', reason: null });
    expect((await handle.describe()).runId).toBe(runId);
    const ledgers = cloud.ledgers();
    expect(ledgers.switches).toEqual([expect.objectContaining({ to: 'green', missing: 0 })]);
    expect(ledgers.writer).toBe('green');
    expect(cloud.hookRuns().map((run) => `${run.action} ${run.target}`)).toEqual(['freeze blue', 'switch-writes green', 'unfreeze green']);
    // Once the load stops, every write acknowledged on green reaches blue through the reverse replication: none lost.
    cloud.stopWriteLoad();
    await waitForStatus(handle, () => cloud.missingFromBlue() === 0);
  });

  it('resumes the same rollback after a kill -9 during the reverse-lag wait and opens blue with 0 writes lost', async () => {
    const { cloud, statePath, taskQueue, worker } = await cloudWithWorker({ reverseDelayMs: 4_000 });
    const handle = await startCutover(harness, taskQueue, switchRunbook({ at: 'before-canary' }, { canary }));
    const { runId } = await handle.describe();
    await waitForStatus(handle, (status) => status.writes?.windows[0]?.end != null, 60_000);
    await waitForStatus(handle, () => cloud.ledgers().writes.green > cloud.ledgers().writes.blue);
    cloud.injectMetric('green.error_rate', { value: 0.25 });
    await waitForStatus(handle, (status) => status.writes?.reverseWait != null && status.writes.reverseWait.endedAt === null, 60_000);
    await killWorkerProcess(worker);
    children.push(await startWorkerProcess(statePath, taskQueue));

    const result = await handle.result();

    expect(result.outcome).toBe('rolled-back');
    expect((await handle.describe()).runId).toBe(runId);
    const ledgers = cloud.ledgers();
    expect(ledgers.blueReopened).toEqual([expect.objectContaining({ missing: 0 })]);
    expect(ledgers.missingFromBlue).toBe(0);
    expect(ledgers.writer).toBe('blue');
    expect(cloud.hookRuns().map((run) => `${run.action} ${run.target}`)).toEqual([
      'freeze blue',
      'switch-writes green',
      'unfreeze green',
      'freeze green',
      'switch-writes blue',
      'unfreeze blue',
    ]);
    expect(cloud.weights(RECORD)).toEqual({ blue: 100, green: 0 });
  });
});
