import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FileStore, SimulatedCloud } from '../../activities/simulated';
import { connectHarness, uniqueId, type Harness } from '../support/harness';
import { killWorkerProcess, startWorkerProcess } from '../support/worker-process';
import { appRecord, appRunbook, startWave, states, waitForWave, waveRunInput, waveScenario } from './support';

describe('a worker killed mid-wave', () => {
  let harness: Harness;
  const children: ChildProcess[] = [];
  beforeAll(async () => {
    harness = await connectHarness();
  });
  afterAll(async () => {
    for (const child of children) await killWorkerProcess(child);
    await harness.close();
  });

  it('resumes the wave on a new worker and starts no application twice', async () => {
    const statePath = path.join(mkdtempSync(path.join(tmpdir(), 'wave-crash-')), 'clouds.json');
    const cloud = SimulatedCloud.create({ scenario: waveScenario(['a', 'b', 'c']), store: new FileStore(statePath) });
    const taskQueue = uniqueId('wave-crash');
    const first = await startWorkerProcess(statePath, taskQueue);
    children.push(first);
    const steps = { canary: { steps: [{ weight: 20, bake: '1500ms' }, { weight: 50, bake: '1500ms' }, { weight: 100, bake: '1500ms' }] } };
    const runbooks = Object.fromEntries(['a', 'b', 'c'].map((name) => {
      const runbook = appRunbook(name, steps);
      // The time without a worker may exceed the analysis's patience on a loaded machine: a gap passes.
      runbook.analysis.metrics[0]!.noData = 'pass';
      return [name, runbook];
    }));
    const input = waveRunInput({ name: 'crash', maxParallel: 2, applications: [{ name: 'a' }, { name: 'b', after: ['a'] }, { name: 'c', after: ['a'] }] }, runbooks);
    const handle = await startWave(harness, taskQueue, input);

    // A has completed and B and C are under way when the worker dies.
    await waitForWave(handle, (status) => states(status).b === 'running' && states(status).c === 'running', 90_000);
    await killWorkerProcess(first);
    const second = await startWorkerProcess(statePath, taskQueue);
    children.push(second);

    const result = await handle.result();

    expect(states(result)).toEqual({ a: 'completed', b: 'completed', c: 'completed' });
    expect(result.timeline.filter((entry) => entry.kind === 'application-start').map((entry) => entry.application).sort()).toEqual(['a', 'b', 'c']);
    for (const member of input.members) {
      const runs: string[] = [];
      for await (const execution of harness.client.workflow.list({ query: `WorkflowId = '${member.id}'` })) runs.push(execution.runId);
      expect(runs).toHaveLength(1);
    }
    for (const name of ['a', 'b', 'c']) expect(cloud.weights(appRecord(name))).toEqual({ blue: 0, green: 100 });
    await killWorkerProcess(second);
  }, 240_000);
});
