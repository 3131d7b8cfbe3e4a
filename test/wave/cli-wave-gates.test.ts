/** `cutover wave approve|reject` through the real binary, signed with the person's key, against a `cutover worker` that trusts it. */
import { cutover, describeResult, startCliWorker, uniqueId, type CliWorker, cliSigners } from '../client/cli/support';
import { addApplications, applicationRunbookYaml, writeWaveFiles } from './cli-support';

const WAVE = `name: cli-gated-wave
applications:
  - name: ga
    runbook: ga.yaml
maxParallel: 1
gates:
  - name: go
    approvers: [olivia, bob]
    twoPersonRule: true
startGate: go
`;

describe('cutover wave approve', () => {
  let worker: CliWorker;
  beforeAll(async () => {
    worker = await startCliWorker();
    addApplications(worker.cloud, ['ga']);
  }, 90_000);
  afterAll(async () => worker?.stop());

  it("refuses the starter under the two-person rule (exit 4), then passes the wave's start gate on bob's signed approval", async () => {
    const signers = cliSigners();
    const file = writeWaveFiles(WAVE, { 'ga.yaml': applicationRunbookYaml('ga') });
    const id = uniqueId('cli-gated');
    const started = await cutover(['wave', 'start', file, '--id', id, '--as', 'olivia', '--task-queue', worker.taskQueue]);
    expect({ code: started.code, output: describeResult(started) }).toEqual({ code: 0, output: expect.stringContaining(id) });

    let status = await cutover(['wave', 'status', id]);
    for (let tries = 0; !status.stdout.includes('wave gate go') && tries < 60; tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      status = await cutover(['wave', 'status', id]);
    }
    expect(status.stdout).toContain('wave gate go (start) waits for olivia, bob');
    expect(status.stdout).toContain(`cutover wave approve ${id} --gate go`);

    const starter = await cutover(['wave', 'approve', id, '--gate', 'go', '--as', 'olivia', ...signers.sign('olivia')]);
    expect({ code: starter.code, output: describeResult(starter) }).toEqual({ code: 4, output: expect.stringContaining('two-person rule') });

    const approved = await cutover(['wave', 'approve', id, '--gate', 'go', '--as', 'bob', '--comment', 'window open', ...signers.sign('bob')]);
    expect({ code: approved.code, output: describeResult(approved) }).toEqual({ code: 0, output: expect.stringContaining('gate "go" approved by bob: window open') });
    expect(approved.stdout).toContain('signed with the key from --key');

    const watched = await cutover(['wave', 'watch', id, '--interval', '0.5'], { timeoutMs: 120_000 });
    expect({ code: watched.code, output: describeResult(watched) }).toEqual({ code: 0, output: expect.stringContaining('completed') });
    const report = await cutover(['wave', 'report', id, '--format', 'json']);
    const timeline = JSON.parse(report.stdout).timeline as Array<{ kind: string; by?: string; data?: { proof?: { verified: boolean } } }>;
    expect(timeline.filter((entry) => entry.kind === 'approval').map((entry) => [entry.by, entry.data?.proof?.verified])).toEqual([['bob', true]]);
    const verified = await cutover(['verify', id, '--allowed-signers', signers.file]);
    expect({ code: verified.code, output: describeResult(verified) }).toEqual({ code: 0, output: expect.stringContaining('bob') });
  });
});
