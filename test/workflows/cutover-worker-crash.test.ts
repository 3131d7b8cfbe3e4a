import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FileStore, SimulatedCloud } from '../../activities/simulated';
import { killWorkerProcess, startWorkerProcess } from '../support/worker-process';
import { connectHarness, startCutover, timelineText, uniqueId, waitForStatus, type Harness } from '../support/harness';
import { fastRunbook, fastScenario, RECORD } from '../support/runbooks';

describe('a worker killed mid-cutover', () => {
  let harness: Harness;
  const children: ChildProcess[] = [];
  beforeAll(async () => {
    harness = await connectHarness();
  });
  afterAll(async () => {
    for (const child of children) await killWorkerProcess(child);
    await harness.close();
  });

  it('loses nothing: a new worker resumes the same run to completion', async () => {
    const statePath = path.join(mkdtempSync(path.join(tmpdir(), 'cutover-crash-')), 'clouds.json');
    const cloud = SimulatedCloud.create({ scenario: fastScenario(), store: new FileStore(statePath) });
    const taskQueue = uniqueId('crash');
    const first = await startWorkerProcess(statePath, taskQueue);
    children.push(first);
    const runbook = fastRunbook({
      canary: { steps: [{ weight: 20, bake: '1500ms' }, { weight: 50, bake: '1500ms' }, { weight: 100, bake: '1500ms' }] },
    });
    // On a loaded machine the time without a worker can exceed 15 s, a gap in the analysis judged by
    // the metric's no-data policy: this runbook lets it pass, so the run carries on without a human.
    runbook.analysis.metrics[0]!.noData = 'pass';
    const handle = await startCutover(harness, taskQueue, runbook);
    const { runId: firstRunId } = await handle.describe();

    await waitForStatus(handle, (status) => status.step?.index === 2 && status.weights?.green === 50);
    await killWorkerProcess(first);
    const second = await startWorkerProcess(statePath, taskQueue);
    children.push(second);

    const result = await handle.result();

    expect(result.outcome).toBe('completed');
    expect((await handle.describe()).runId).toBe(firstRunId);
    expect(cloud.weights(RECORD)).toEqual({ blue: 0, green: 100 });
    expect([...new Set(cloud.dnsWrites().map((write) => write.weights.green))]).toEqual([20, 50, 100]);
    const text = timelineText(result);
    for (const step of ['step 1/3 completed', 'step 2/3 completed', 'step 3/3 completed']) {
      expect(text.split(step).length - 1).toBe(1);
    }
    await killWorkerProcess(second);
  });
});
