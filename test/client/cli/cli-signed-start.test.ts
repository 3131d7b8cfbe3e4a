/**
 * A signed start through the real `cutover` binary: a runbook with a two-person gate under signed
 * approvals starts only with a key, the starter is shown verified, the starter's own signed approval
 * is refused, and a start signed with another person's key claiming the starter's name never begins.
 * The same binary continues a half-moved record with a signed --adopt-weights, and is refused there without it.
 */
import { WorkflowNotFoundError } from '@temporalio/client';
import { connectHarness, type Harness } from '../../support/harness';
import { CliProcess, cutover, describeResult, gatedRunbookYaml, SIMULATED_RECORD, startCliWorker, TestSigners, uniqueId, writeRunbook, type CliWorker } from './support';

describe('a signed start from the command line', () => {
  const signers = new TestSigners(['alice', 'bob', 'olivia']);
  const runbookFile = writeRunbook(gatedRunbookYaml('orders-start').replace('    approvers: [alice, bob]\n', '    approvers: [alice, bob, olivia]\n'));
  const watches: CliProcess[] = [];
  let worker: CliWorker;
  let harness: Harness;

  beforeAll(async () => {
    harness = await connectHarness();
    worker = await startCliWorker({ signers });
  });
  afterAll(async () => {
    for (const watch of watches) await watch.stop();
    await worker?.stop();
    await harness?.close();
    signers.close();
  });

  it('refuses to start a two-person runbook without a key, before anything is sent, saying how to set one up', async () => {
    const id = uniqueId('keyless');
    const started = await cutover(['start', runbookFile, '--id', id, '--as', 'olivia', '--task-queue', worker.taskQueue]);
    expect({ code: started.code, output: describeResult(started) }).toEqual({ code: 2, output: expect.stringContaining('no SSH key to sign the start with: gate "half-way" follows the two-person rule') });
    expect(started.stderr).toContain('ssh-keygen -t ed25519');
    await expect(harness.client.workflow.getHandle(id).describe()).rejects.toBeInstanceOf(WorkflowNotFoundError);
  });

  it('shows the starter verified, refuses the starter\'s own signed approval, and verify checks the start', async () => {
    const id = uniqueId('signed-start');
    const started = await cutover(['start', runbookFile, '--id', id, '--as', 'olivia', '--task-queue', worker.taskQueue, ...signers.sign('olivia')]);
    expect({ code: started.code, output: describeResult(started) }).toEqual({ code: 0, output: expect.stringContaining('start signed (key from --key)') });
    const watch = new CliProcess(['watch', id, '--interval', '0.5']);
    watches.push(watch);
    await watch.waitFor(`cutover approve ${id} --gate half-way`);

    const fingerprint = signers.key('olivia').fingerprint;
    const status = await cutover(['status', id]);
    expect(status.stdout.replace(/\s+/g, ' ')).toContain(`by olivia (ssh-ed25519 ${fingerprint}, verified)`);
    const own = await cutover(['approve', id, '--gate', 'half-way', '--as', 'olivia', ...signers.sign('olivia')]);
    expect({ code: own.code, output: describeResult(own) }).toEqual({ code: 4, output: expect.stringContaining('olivia started this cutover and gate "half-way" follows the two-person rule') });
    const approved = await cutover(['approve', id, '--gate', 'half-way', '--as', 'bob', ...signers.sign('bob')]);
    expect(approved.code).toBe(0);
    expect(await watch.exited).toBe(0);

    const report = await cutover(['report', id]);
    expect(report.stdout).toContain(`by olivia (ssh-ed25519 ${fingerprint}, verified)`);
    const verified = await cutover(['verify', id, '--allowed-signers', signers.file]);
    expect({ code: verified.code, output: describeResult(verified) }).toEqual({ code: 0, output: expect.stringMatching(/verified +start by olivia at \S+ \(ssh-ed25519 /) });
  });

  it('never begins a start signed with another person\'s key claiming the starter\'s name', async () => {
    const id = uniqueId('forged-start');
    const started = await cutover(['start', runbookFile, '--id', id, '--as', 'olivia', '--task-queue', worker.taskQueue, ...signers.sign('alice')]);
    expect(started.code).toBe(0);
    const result = await harness.client.workflow.getHandle(id).result();
    expect(result.outcome).toBe('aborted');
    expect(result.reason).toContain('the start by olivia is not verified (the start was signed with a key listed under another principal)');
    expect(result.weights).toBeNull();
  });

  it('refuses a half-moved record, then continues it to completion from its weight with a signed --adopt-weights that status shows', async () => {
    worker.cloud.addDnsRecord(SIMULATED_RECORD, { weights: { blue: 50, green: 50 }, ttlMs: 500, syncDelayMs: 50 });
    const writesBefore = worker.cloud.dnsWrites().length;
    const refusedId = uniqueId('half-moved');
    expect((await cutover(['start', runbookFile, '--id', refusedId, '--as', 'olivia', '--task-queue', worker.taskQueue, ...signers.sign('olivia')])).code).toBe(0);
    const refused = await harness.client.workflow.getHandle(refusedId).result();
    expect(refused.outcome).toBe('aborted');
    expect(refused.reason).toContain(`dns record ${SIMULATED_RECORD} reads blue 50 / green 50, not the blue 100 / green 0 a cutover starts from`);
    expect(worker.cloud.dnsWrites()).toHaveLength(writesBefore);

    const id = uniqueId('adopted');
    const started = await cutover(['start', runbookFile, '--id', id, '--as', 'olivia', '--adopt-weights', '--task-queue', worker.taskQueue, ...signers.sign('olivia')]);
    expect({ code: started.code, output: describeResult(started) }).toEqual({ code: 0, output: expect.stringContaining('start signed with --adopt-weights (key from --key)') });
    expect(started.stdout).toContain(`--adopt-weights: the canary continues from the weights ${SIMULATED_RECORD} reads at preflight`);
    const watch = new CliProcess(['watch', id, '--interval', '0.5']);
    watches.push(watch);
    await watch.waitFor(`cutover approve ${id} --gate half-way`);
    const status = await cutover(['status', id]);
    expect(status.stdout.replace(/\s+/g, ' ')).toContain(`by olivia (ssh-ed25519 ${signers.key('olivia').fingerprint}, verified), adopting the weights DNS read (--adopt-weights)`);
    expect((await cutover(['approve', id, '--gate', 'half-way', '--as', 'bob', ...signers.sign('bob')])).code).toBe(0);
    expect(await watch.exited).toBe(0);
    expect(worker.cloud.dnsWrites().slice(writesBefore).map((write) => write.weights.green)).toEqual([50, 100]);
    const verified = await cutover(['verify', id, '--allowed-signers', signers.file]);
    expect(verified.code).toBe(0);
  });
});
