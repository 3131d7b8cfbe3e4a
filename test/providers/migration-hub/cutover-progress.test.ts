/**
 * A cutover's progress in AWS Migration Hub, against the local fake of its JSON 1.1 API: the calls
 * the real SDK makes, in order, for a completed cutover and for one that rolled back, and a
 * Migration Hub that fails never failing the cutover.
 */
import { SimulatedCloud } from '../../../activities/simulated';
import { cutoverSuite, timelineText } from '../../support/harness';
import { appRunbook, greenErrorRate, startWave, states, waveRunInput, waveScenario } from '../../wave/support';
import { fastCloud, fastRunbook } from '../../support/runbooks';
import { type FakeMigrationHub, startFakeMigrationHub } from '../../support/fake-migration-hub';

process.env.AWS_ACCESS_KEY_ID = 'fake-migration-hub-key';
process.env.AWS_SECRET_ACCESS_KEY = 'fake-migration-hub-secret';
delete process.env.AWS_SESSION_TOKEN;
delete process.env.AWS_PROFILE;

const STREAM = 'cutover-orchestrator';
let hub: FakeMigrationHub;

beforeAll(async () => {
  hub = await startFakeMigrationHub();
  hub.createStream(STREAM);
});
afterAll(() => hub.close());

function progress(task: string) {
  return { migrationHub: { stream: STREAM, task, region: 'us-east-1', endpoint: hub.endpoint } };
}

/** The task's calls as "Operation STATUS percent", in the order they reached Migration Hub. */
function callsFor(task: string): string[] {
  return hub
    .calls()
    .filter((call) => call.body.MigrationTaskName === task)
    .map((call) => {
      const state = call.body.Task as { Status: string; ProgressPercent?: number } | undefined;
      return [call.operation, state?.Status, state?.ProgressPercent].filter((part) => part !== undefined).join(' ');
    });
}

function percentsIn(calls: string[]): number[] {
  return calls.map((call) => {
    const [, status, percent] = call.split(' ');
    expect(status).toBe('IN_PROGRESS');
    return Number(percent);
  });
}

function isAscending(numbers: number[]): boolean {
  return numbers.every((n, i) => i === 0 || n > numbers[i - 1]!);
}

describe('progress to AWS Migration Hub', () => {
  const suite = cutoverSuite();

  it('registers the task, then tells NOT_STARTED, each phase and canary step IN_PROGRESS, and COMPLETED, in order', async () => {
    await suite.startWorker(fastCloud());
    const task = 'orders-completed';
    const result = await (await suite.start(fastRunbook({ progress: progress(task) }))).result();

    expect(result.outcome).toBe('completed');
    const calls = callsFor(task);
    expect(calls.slice(0, 2)).toEqual(['ImportMigrationTask', 'NotifyMigrationTaskState NOT_STARTED 0']);
    expect(calls.at(-1)).toBe('NotifyMigrationTaskState COMPLETED 100');
    // The reporter sends the newest state, so on a busy worker a state passed quickly may be skipped.
    expect(percentsIn(calls.slice(2, -1))).toEqual(expect.arrayContaining([10, 25, 65, 98]));
    expect(isAscending(percentsIn(calls.slice(2, -1)))).toBe(true);
    const times = hub.calls().filter((call) => call.body.MigrationTaskName === task && call.operation === 'NotifyMigrationTaskState').map((call) => call.body.UpdateDateTime as number);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(hub.task(STREAM, task)).toMatchObject({ Status: 'COMPLETED', ProgressPercent: 100 });
    expect(hub.calls().every((call) => call.error === undefined)).toBe(true);
  });

  it('tells FAILED with the rollback reason as the status detail when the cutover rolls back', async () => {
    const cloud = fastCloud();
    await suite.startWorker(cloud);
    cloud.injectMetric('green.error_rate', { value: 0.25 });
    const task = 'orders-rolled-back';
    const result = await (await suite.start(fastRunbook({ progress: progress(task) }))).result();

    expect(result.outcome).toBe('rolled-back');
    const calls = callsFor(task);
    expect(calls.slice(0, 2)).toEqual(['ImportMigrationTask', 'NotifyMigrationTaskState NOT_STARTED 0']);
    expect(calls.slice(-2)).toEqual(['NotifyMigrationTaskState IN_PROGRESS', 'NotifyMigrationTaskState FAILED']);
    expect(percentsIn(calls.slice(2, -2))).toEqual(expect.arrayContaining([25]));
    expect(isAscending(percentsIn(calls.slice(2, -2)))).toBe(true);
    const failed = hub.task(STREAM, task)!;
    expect(failed.Status).toBe('FAILED');
    expect(failed.StatusDetail).toMatch(/^rolled-back: .*metric error-rate = 0.25/);
  });

  it('completes the cutover when Migration Hub keeps failing, with a note on the timeline', async () => {
    await suite.startWorker(fastCloud());
    const task = 'orders-hub-down';
    hub.failNext(1_000);
    try {
      const result = await (await suite.start(fastRunbook({ progress: progress(task) }))).result();
      expect(result.outcome).toBe('completed');
      expect(timelineText(result)).toContain(`Migration Hub was not told that migration task ${task} is COMPLETED`);
    } finally {
      hub.failNext(0);
    }
  });

  it('in a wave, each application tells its own migration task: a completed one COMPLETED, a rolled-back one FAILED, a skipped one nothing', async () => {
    const cloud = SimulatedCloud.create({ scenario: waveScenario(['a', 'b', 'c']) });
    cloud.setMetric(greenErrorRate('b'), 0.5);
    const worker = await suite.startWorker(cloud);
    const runbooks = Object.fromEntries(['a', 'b', 'c'].map((name) => [name, appRunbook(name, { progress: progress(`wave-${name}`) })]));
    const input = waveRunInput({ name: 'hub-wave', maxParallel: 2, blastRadius: { stopAfter: 2 }, applications: [{ name: 'a' }, { name: 'b', after: ['a'] }, { name: 'c', after: ['b'] }] }, runbooks);

    const result = await (await startWave(suite.harness, worker.taskQueue, input)).result();

    expect(states(result)).toEqual({ a: 'completed', b: 'rolled-back', c: 'skipped' });
    expect(callsFor('wave-a').at(-1)).toBe('NotifyMigrationTaskState COMPLETED 100');
    expect(callsFor('wave-b').at(-1)).toBe('NotifyMigrationTaskState FAILED');
    expect(callsFor('wave-c')).toEqual([]);
  });
});
