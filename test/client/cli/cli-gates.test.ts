/**
 * The operator's and the approver's commands end to end: the real `cutover` binary against the
 * suite's Temporal server and a `cutover worker` process on simulated clouds.
 */
import { refuseGateDecision } from '../../../workflows/decisions/approval';
import { loadRunbook } from '../../../client/runbook/load';
import type { Report } from '../../../client/report';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { blueAgain, CliProcess, cliEnv, cliSigners, cutover, describeResult, gatedRunbookYaml, SIMULATED_RECORD, startCliWorker, tempDir, uniqueId, writeRunbook, type CliWorker } from './support';

function writeConfig(text: string): string {
  const file = path.join(tempDir('cutover-config'), 'config.yaml');
  writeFileSync(file, text);
  return file;
}

describe('cutover gates from the command line', () => {
  let worker: CliWorker;
  const runbookFile = writeRunbook(gatedRunbookYaml());
  const watches: CliProcess[] = [];
  const finished: string[] = [];
  const signers = cliSigners();

  beforeAll(async () => {
    worker = await startCliWorker();
  });
  afterAll(async () => {
    for (const watch of watches) await watch.stop();
    await worker?.stop();
  });

  async function start(startedBy: string): Promise<{ id: string; watch: CliProcess }> {
    // Each test's cutover has ended before the next starts on the same record.
    blueAgain(worker);
    const id = uniqueId('orders');
    const started = await cutover(['start', runbookFile, '--id', id, '--as', startedBy, '--task-queue', worker.taskQueue, ...signers.sign(startedBy)]);
    expect({ code: started.code, output: describeResult(started) }).toEqual({ code: 0, output: expect.stringContaining(`started cutover ${id} as ${startedBy} (from --as)`) });
    expect(started.stdout).toContain(`cutover watch ${id}`);
    expect(started.stdout).toContain(`cutover approve ${id} --gate half-way`);
    const watch = new CliProcess(['watch', id, '--interval', '0.5']);
    watches.push(watch);
    // The plain (not a terminal) watch appends a line saying how to approve once the gate opens.
    await watch.waitFor(`cutover approve ${id} --gate half-way`);
    return { id, watch };
  }

  it('start → watch → approve: refuses the starter under the two-person rule, then completes on another approver', async () => {
    const { id, watch } = await start('alice');

    const [waiting, refused] = await Promise.all([cutover(['status', id, '--json']), cutover(['approve', id, '--gate', 'half-way', '--as', 'alice', ...signers.sign('alice')])]);
    expect(waiting.code).toBe(0);
    const status = JSON.parse(waiting.stdout);
    expect(status).toMatchObject({ cutover: id, outcome: 'running', phase: 'canary', weights: { blue: 50, green: 50 }, execution: { status: 'RUNNING' } });
    expect(status.openGate).toMatchObject({ name: 'half-way', approvers: ['alice', 'bob'], twoPersonRule: true });

    const validator = refuseGateDecision({ gate: 'half-way', by: 'alice' }, { gates: loadRunbook(runbookFile).gates, openGate: 'half-way', startedBy: 'alice', notRunning: null });
    expect(refused.code).toBe(4);
    expect(refused.stderr).toContain(`refused: ${validator}`);
    expect(refused.stderr).not.toMatch(/^\s+at /m);

    // The approver's identity from the environment, as an on-call shell would set it.
    // The approver's key from the config file, as an on-call laptop would have it.
    const config = writeConfig(`key: ${signers.key('bob').path}\n`);
    const approved = await cutover(['approve', id, '--gate', 'half-way', '--comment', 'error rate flat'], { env: cliEnv({ CUTOVER_IDENTITY: 'bob', CUTOVER_CONFIG: config }) });
    expect({ code: approved.code, output: describeResult(approved) }).toEqual({ code: 0, output: expect.stringContaining('gate "half-way" approved by bob: error rate flat') });
    expect(approved.stdout).toContain(`as bob (from CUTOVER_IDENTITY); signed with ssh-ed25519 ${signers.key('bob').fingerprint} (from ${config})`);
    expect(approved.stdout).toContain('approving as bob: gate "half-way" at blue 50% / green 50%, step 1/2');

    expect(await watch.exited).toBe(0);
    expect(watch.stdout).toMatch(/outcome +completed/);
    expect(worker.cloud.weights(SIMULATED_RECORD)).toEqual({ blue: 0, green: 100 });

    const [done, reported] = await Promise.all([cutover(['status', id, '--json']), cutover(['report', id, '--format', 'json'])]);
    expect(JSON.parse(done.stdout)).toMatchObject({ outcome: 'completed', openGate: null, execution: { status: 'COMPLETED' } });
    const report = JSON.parse(reported.stdout) as Report;
    const approval = report.decisions.find((decision) => decision.kind === 'approval');
    expect(approval).toMatchObject({ by: 'bob', gate: 'half-way', note: 'error rate flat', metrics: { 'error-rate': { value: 0.01, verdict: 'pass' } } });
    expect(approval?.proof).toMatchObject({ verified: true, principal: 'bob', keyType: 'ssh-ed25519', fingerprint: signers.key('bob').fingerprint });
    // The starter's signed attempt is kept in the record, with its typed reason and the key that signed it.
    expect(report.decisions.filter((decision) => decision.kind === 'refused').map((decision) => decision.refusal)).toEqual([
      expect.objectContaining({ action: 'approve', claimed: 'alice', reason: 'two-person-rule', fingerprint: signers.key('alice').fingerprint }),
    ]);
    finished.push(id);
  });

  it('reject → rolled back to blue, with the reason in the report, and watch exits 10', async () => {
    const { id, watch } = await start('olivia');

    const rejected = await cutover(['reject', id, '--gate', 'half-way', '--reason', 'p95 creeping up', '--as', 'alice', ...signers.sign('alice')]);
    expect({ code: rejected.code, output: describeResult(rejected) }).toEqual({ code: 0, output: expect.stringContaining('gate "half-way" rejected by alice: p95 creeping up') });

    expect(await watch.exited).toBe(10);
    expect(watch.stdout).toMatch(/outcome +rolled-back/);
    expect(worker.cloud.weights(SIMULATED_RECORD)).toEqual({ blue: 100, green: 0 });
    const report = await cutover(['report', id]);
    expect(report.code).toBe(0);
    expect(report.stdout).toContain('| Outcome | **rolled-back** |');
    expect(report.stdout).toContain('| Reason | gate "half-way" rejected by alice: p95 creeping up |');
    expect(report.stdout).toContain(`| rejection | alice (ssh-ed25519 ${signers.key('alice').fingerprint}, verified) | half-way | p95 creeping up | error-rate 0.01 (pass) |`);
    finished.push(id);
  });

  it('shows finished cutovers with no worker running (status, report, list), refuses decisions on them, and names an unknown id', async () => {
    expect(await worker.stop()).toBe(0);
    expect(worker.process.stdout).toContain('worker stopped');

    const [status, report, listed, late, unknown] = await Promise.all([
      cutover(['status', finished[1]!]),
      cutover(['report', finished[0]!]),
      cutover(['list', '--limit', '100', '--json']),
      cutover(['abort', finished[1]!, '--reason', 'too late', '--as', 'bob']),
      cutover(['status', 'no-such-cutover']),
    ]);
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/outcome +rolled-back/);
    expect(status.stdout).toMatch(/reason +gate "half-way" rejected by alice: p95 creeping up/);
    expect(report.stdout).toContain('| Outcome | **completed** |');

    expect(listed.code).toBe(0);
    const byId = new Map((JSON.parse(listed.stdout) as { id: string; outcome: string; startedBy: string }[]).map((item) => [item.id, item]));
    expect(finished.map((id) => byId.get(id)?.outcome)).toEqual(['completed', 'rolled-back']);
    expect(byId.get(finished[0]!)?.startedBy).toBe('alice');

    expect(late.code).toBe(4);
    expect(late.stderr).toContain(`refused: cutover ${finished[1]} already ended: rolled back: gate "half-way" rejected by alice: p95 creeping up`);

    expect(unknown.code).toBe(5);
    expect(unknown.stderr).toContain('no cutover "no-such-cutover" in namespace');
    expect(unknown.stderr).toContain('cutover list');
  });
});
