import { WorkflowUpdateFailedError } from '@temporalio/client';
import { SimulatedCloud } from '../../activities/simulated';
import { pauseWaveUpdate, resumeWaveUpdate } from '../../workflows/wave/messages';
import { cutoverSuite } from '../support/harness';
import { appRecord, appRunbook, greenErrorRate, startWave, states, waitForWave, waveRunInput, waveScenario } from './support';

describe('a wave of applications', () => {
  const suite = cutoverSuite();

  it('runs A, then B and C in parallel, each as a child cutover, and completes', async () => {
    const cloud = SimulatedCloud.create({ scenario: waveScenario(['a', 'b', 'c']) });
    const worker = await suite.startWorker(cloud);
    const input = waveRunInput({ name: 'abc', maxParallel: 2, applications: [{ name: 'a' }, { name: 'b', after: ['a'] }, { name: 'c', after: ['a'] }] });

    const handle = await startWave(suite.harness, worker.taskQueue, input);
    const result = await handle.result();

    expect(result.outcome).toBe('completed');
    expect(states(result)).toEqual({ a: 'completed', b: 'completed', c: 'completed' });
    const [a, b, c] = result.applications;
    expect(Date.parse(b!.startedAt!)).toBeGreaterThanOrEqual(Date.parse(a!.endedAt!));
    // B and C ran at the same time: each started before the other ended.
    expect(Date.parse(b!.startedAt!)).toBeLessThan(Date.parse(c!.endedAt!));
    expect(Date.parse(c!.startedAt!)).toBeLessThan(Date.parse(b!.endedAt!));
    for (const name of ['a', 'b', 'c']) expect(cloud.weights(appRecord(name))).toEqual({ blue: 0, green: 100 });
    const child = await suite.harness.client.workflow.getHandle(input.members[1]!.id).describe();
    expect([child.type, child.status.name, child.memo?.wave]).toEqual(['cutover', 'COMPLETED', handle.workflowId]);
  });

  it('rolls back only the application that breached; its dependents are skipped and reported, the others complete', async () => {
    const cloud = SimulatedCloud.create({ scenario: waveScenario(['a', 'b', 'c', 'd']) });
    cloud.setMetric(greenErrorRate('b'), 0.5);
    const worker = await suite.startWorker(cloud);
    const input = waveRunInput({
      name: 'breach',
      maxParallel: 2,
      blastRadius: { stopAfter: 2 },
      applications: [{ name: 'a' }, { name: 'b', after: ['a'] }, { name: 'c', after: ['a'] }, { name: 'd', after: ['b'] }],
    });

    const result = await (await startWave(suite.harness, worker.taskQueue, input)).result();

    expect(states(result)).toEqual({ a: 'completed', b: 'rolled-back', c: 'completed', d: 'skipped' });
    expect(result.outcome).toBe('partly-completed');
    const d = result.applications[3]!;
    expect(d.because).toEqual({ application: 'b', outcome: 'rolled-back' });
    expect(d.reason).toBe('skipped because b rolled back');
    expect(result.applications[1]!.reason).toContain('error-rate');
    expect(cloud.weights(appRecord('b'))).toEqual({ blue: 100, green: 0 });
    expect(cloud.weights(appRecord('c'))).toEqual({ blue: 0, green: 100 });
    expect(cloud.dnsWrites(appRecord('d'))).toEqual([]);
    expect(result.timeline.find((entry) => entry.kind === 'skip')).toMatchObject({ application: 'd', data: { because: { application: 'b', outcome: 'rolled-back' } } });
  });

  it('starts no new application after stopAfter rollbacks and reports those not started; the running ones finish', async () => {
    const cloud = SimulatedCloud.create({ scenario: waveScenario(['a', 'b', 'c', 'd']) });
    cloud.setMetric(greenErrorRate('a'), 0.5);
    const worker = await suite.startWorker(cloud);
    const slow = { canary: { steps: [{ weight: 20, bake: '8s' }, { weight: 100, bake: '1s' }] } };
    const input = waveRunInput(
      { name: 'stop', maxParallel: 2, blastRadius: { stopAfter: 1, running: 'finish' }, applications: [{ name: 'a' }, { name: 'b' }, { name: 'c' }, { name: 'd' }] },
      { b: appRunbook('b', slow) },
    );

    const result = await (await startWave(suite.harness, worker.taskQueue, input)).result();

    expect(states(result)).toEqual({ a: 'rolled-back', b: 'completed', c: 'not-started', d: 'not-started' });
    expect(result.outcome).toBe('stopped');
    expect(result.applications[2]!.reason).toBe('not started: blast radius reached: 1 rollback (stopAfter: 1)');
    expect(cloud.dnsWrites(appRecord('c'))).toEqual([]);
    expect(result.timeline.map((entry) => entry.kind)).toContain('blast-radius');
  });

  it('with running: roll-back, aborts the running applications once the blast radius is reached', async () => {
    const cloud = SimulatedCloud.create({ scenario: waveScenario(['a', 'b', 'c']) });
    cloud.setMetric(greenErrorRate('a'), 0.5);
    const worker = await suite.startWorker(cloud);
    const input = waveRunInput(
      { name: 'rollall', maxParallel: 2, blastRadius: { stopAfter: 1, running: 'roll-back' }, applications: [{ name: 'a' }, { name: 'b' }, { name: 'c' }] },
      { b: appRunbook('b', { canary: { steps: [{ weight: 20, bake: '30s' }, { weight: 100, bake: '1s' }] } }) },
    );

    const result = await (await startWave(suite.harness, worker.taskQueue, input)).result();

    expect(states(result)).toEqual({ a: 'rolled-back', b: 'rolled-back', c: 'not-started' });
    expect(result.applications[1]!.reason).toContain('aborted by wave@rollall');
    expect(result.applications[1]!.reason).toContain('blast radius reached');
    expect(cloud.weights(appRecord('b'))).toEqual({ blue: 100, green: 0 });
    expect(result.timeline.find((entry) => entry.kind === 'abort-sent')).toMatchObject({ application: 'b', by: 'wave@rollall', data: { accepted: true } });
  });

  it('starts no new application while paused, lets the running one finish, and starts again on resume', async () => {
    const cloud = SimulatedCloud.create({ scenario: waveScenario(['a', 'b']) });
    const worker = await suite.startWorker(cloud);
    const input = waveRunInput({ name: 'pause', maxParallel: 2, applications: [{ name: 'a' }, { name: 'b', after: ['a'] }] });
    const handle = await startWave(suite.harness, worker.taskQueue, input);
    await expect(handle.executeUpdate(resumeWaveUpdate, { args: [{ by: 'olivia' }] })).rejects.toThrow(WorkflowUpdateFailedError);

    await waitForWave(handle, (status) => status.applications[0]!.state === 'running');
    const receipt = await handle.executeUpdate(pauseWaveUpdate, { args: [{ by: 'olivia', reason: 'checking orders' }] });
    expect(receipt.message).toBe('paused: no new application starts; the running ones go on');
    const paused = await waitForWave(handle, (status) => status.applications[0]!.state === 'completed');
    expect(states(paused)).toEqual({ a: 'completed', b: 'waiting' });
    expect(paused.paused).toMatchObject({ by: 'olivia', reason: 'checking orders' });
    const again = await handle.executeUpdate(pauseWaveUpdate, { args: [{ by: 'olivia' }] }).catch((err: WorkflowUpdateFailedError) => err);
    expect((again as WorkflowUpdateFailedError).cause?.message).toMatch(/^already paused by olivia since /);

    await handle.executeUpdate(resumeWaveUpdate, { args: [{ by: 'alice' }] });
    const result = await handle.result();

    expect(states(result)).toEqual({ a: 'completed', b: 'completed' });
    expect(result.timeline.filter((entry) => entry.kind === 'pause' || entry.kind === 'resume').map((entry) => [entry.kind, entry.by])).toEqual([
      ['pause', 'olivia'],
      ['resume', 'alice'],
    ]);
    expect(Date.parse(result.applications[1]!.startedAt!)).toBeGreaterThan(Date.parse(result.timeline.find((entry) => entry.kind === 'resume')!.at) - 1);
  });

  it('reports an application whose cutover id is taken as failed, skips its dependents, and refuses a wave started with invalid input', async () => {
    const cloud = SimulatedCloud.create({ scenario: waveScenario(['a', 'b', 'c']) });
    const worker = await suite.startWorker(cloud);
    const input = waveRunInput({ name: 'taken', maxParallel: 2, applications: [{ name: 'a' }, { name: 'b', after: ['a'] }, { name: 'c' }] });
    // A cutover that is still running holds a's id.
    const holder = await suite.harness.client.workflow.start('cutover', { taskQueue: `${worker.taskQueue}-nobody`, workflowId: input.members[0]!.id, args: [] });

    const result = await (await startWave(suite.harness, worker.taskQueue, input)).result();

    expect(states(result)).toEqual({ a: 'failed', b: 'skipped', c: 'completed' });
    expect(result.applications[0]!.reason).toMatch(new RegExp(`^could not start cutover ${input.members[0]!.id}: `));
    expect(result.applications[1]!.reason).toBe('skipped because a failed');
    await holder.terminate('test over');

    const invalid = waveRunInput({ name: 'invalid', maxParallel: 1, applications: [{ name: 'a' }] });
    invalid.members = [];
    const refused = await (await startWave(suite.harness, worker.taskQueue, invalid)).result();
    expect(refused.outcome).toBe('aborted');
    expect(refused.reason).toBe("the wave is not valid, nothing was started: applications[0]: a has no runbook in the wave's input; start the wave with cutover wave start");
    expect(states(refused)).toEqual({ a: 'not-started' });
  });
});
