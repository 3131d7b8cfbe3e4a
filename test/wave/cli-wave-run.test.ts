/** `cutover wave start|status|watch|abort|report` through the real binary, against a `cutover worker` on simulated clouds. */
import { visibleWidth } from '../../client/render/fit';
import { cliEnv, CliProcess, cutover, describeResult, startCliWorker, uniqueId, type CliWorker } from '../client/cli/support';
import { addApplications, applicationRunbookYaml, writeWaveFiles } from './cli-support';

const WAVE = `name: cli-wave
applications:
  - name: a
    runbook: a.yaml
  - name: b
    runbook: b.yaml
    after: [a]
  - name: c
    runbook: c.yaml
    after: [a]
maxParallel: 2
`;

const RUNBOOKS = { 'a.yaml': applicationRunbookYaml('a'), 'b.yaml': applicationRunbookYaml('b'), 'c.yaml': applicationRunbookYaml('c') };

describe('cutover wave start, refusing a wave that cannot run', () => {
  const refused = async (wave: string, runbooks: Record<string, string>, expected: string[]) => {
    const file = writeWaveFiles(wave, runbooks);
    const id = uniqueId('refused');
    // No worker and no server contact needed: nothing is sent before the wave is known to be valid.
    const result = await cutover(['wave', 'start', file, '--id', id, '--as', 'olivia', '--address', '127.0.0.1:1']);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain(`wave ${file} is not valid`);
    for (const text of expected) expect(result.stderr).toContain(text.replace('<file>', file));
    expect(result.stdout).toBe('');
  };

  it('refuses a circle of dependencies, naming the file and field', async () => {
    await refused(WAVE.replace('    runbook: a.yaml\n', '    runbook: a.yaml\n    after: [c]\n'), RUNBOOKS, ['<file>:5 applications[0].after: these applications wait for each other']);
  });

  it('refuses an unknown application, naming the file and field', async () => {
    await refused(WAVE.replace('after: [a]\n  - name: c', 'after: [zz]\n  - name: c'), RUNBOOKS, ['<file>:7 applications[1].after[0]: no application named "zz" in this wave']);
  });

  it('refuses an invalid runbook inside the wave, naming the wave, the application and the runbook file', async () => {
    await refused(WAVE, { ...RUNBOOKS, 'b.yaml': RUNBOOKS['b.yaml'].replace('rpo: 5s', 'rpo: soon') }, ['applications[1].runbook: b: ', `b.yaml:2 rpo: `]);
  });

  it('refuses a start gate that names no gate of the wave, naming the field', async () => {
    const gated = `${WAVE}gates:\n  - name: wave-go\n    approvers: [alice]\nstartGate: wave-gp\n`;
    await refused(gated, RUNBOOKS, ['startGate: ']);
  });
});

describe('cutover wave start, status, watch and report', () => {
  let worker: CliWorker;
  beforeAll(async () => {
    worker = await startCliWorker();
    addApplications(worker.cloud, ['a', 'b', 'c']);
  }, 90_000);
  afterAll(async () => worker?.stop());

  it('starts a wave, prints its id and every cutover id, follows it to completion and reports each application', async () => {
    const file = writeWaveFiles(WAVE, RUNBOOKS);
    const id = uniqueId('cli-wave');

    const started = await cutover(['wave', 'start', file, '--id', id, '--as', 'olivia', '--task-queue', worker.taskQueue]);
    expect(started.code).toBe(0);
    expect(started.stdout).toContain(`started wave ${id} as olivia`);
    for (const name of ['a', 'b', 'c']) expect(started.stdout).toMatch(new RegExp(`^ {4}${name}  ${id}-${name}`, 'm'));

    const watch = await cutover(['wave', 'watch', id, '--interval', '0.5'], { timeoutMs: 120_000 });
    expect(watch.code).toBe(0);
    expect(watch.stdout).toMatch(/^ {2}b +running +/m);

    const status = await cutover(['wave', 'status', id]);
    expect(status.code).toBe(0);
    const lines = status.stdout.trimEnd().split('\n');
    expect(lines.slice(0, 3)).toEqual([`wave cli-wave ${id}  completed`, '3 applications: 3 completed', 'up to 2 at once, stop after 1 rollback']);
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}c +completed +complete +█{6} 100%$/));
    expect(Math.max(...lines.map(visibleWidth))).toBeLessThanOrEqual(80);

    const json = await cutover(['wave', 'report', id, '--format', 'json']);
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout);
    expect(report.outcome).toBe('completed');
    expect(report.applications.map((app: { name: string; id: string; state: string }) => [app.name, app.id, app.state])).toEqual([
      ['a', `${id}-a`, 'completed'],
      ['b', `${id}-b`, 'completed'],
      ['c', `${id}-c`, 'completed'],
    ]);
    const markdown = await cutover(['wave', 'report', id]);
    expect(markdown.stdout).toContain('# Wave cli-wave');
    expect(markdown.stdout).toContain(`| b | ${id}-b | completed |`);
    expect(markdown.stdout).toContain('| application-start | a |');
  }, 180_000);

  it('shows an application\'s open gate with its approvers and the command for its own cutover; abort rolls the wave back and watch exits 11', async () => {
    const file = writeWaveFiles(WAVE, { ...RUNBOOKS, 'a.yaml': applicationRunbookYaml('a', { gate: true }) });
    const id = uniqueId('cli-gate');
    // The wave before moved these records to green: back to 100% blue, where a cutover starts.
    addApplications(worker.cloud, ['a', 'b', 'c']);
    expect((await cutover(['wave', 'start', file, '--id', id, '--as', 'olivia', '--task-queue', worker.taskQueue])).code).toBe(0);
    const watch = new CliProcess(['wave', 'watch', id, '--interval', '0.5'], cliEnv());

    await watch.waitFor(`cutover approve ${id}-a --gate half-way`, 60_000);
    const status = await cutover(['wave', 'status', id]);
    expect(status.stdout).toMatch(/^ {2}a +running +canary +█{3}░{3} {2}50% gate half-way: alice, bob$/m);

    const abort = await cutover(['wave', 'abort', id, '--reason', 'DNS provider incident', '--as', 'olivia']);
    expect(abort.code).toBe(0);
    expect(abort.stdout).toContain('aborting: no new application starts; 1 running cutover is aborted');

    expect(await watch.exited).toBe(11);
    const report = JSON.parse((await cutover(['wave', 'report', id, '--format', 'json'])).stdout);
    expect(report.outcome).toBe('aborted');
    expect(report.applications.map((app: { state: string }) => app.state)).toEqual(['rolled-back', 'not-started', 'not-started']);
    expect(report.applications[1].reason).toBe('not started: wave aborted by olivia: DNS provider incident');
    // The wave's abort reaches the cutover unsigned: recorded under no name it cannot prove.
    expect(report.applications[0].reason).toContain('aborted by unverified: typed "wave@cli-wave": wave aborted by olivia: DNS provider incident');
    expect(worker.cloud.weights('a.example.com')).toEqual({ blue: 100, green: 0 });
    expect(describeResult(abort)).not.toContain('refused');
  }, 180_000);
});
