/**
 * What `cutover` prints about a cutover is safe for a terminal, through the real binary: names that
 * hide or fake characters are refused before anything is sent, and a cutover's own text (here its
 * description) is printed escaped by status and report.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { cutover as cutoverWorkflow } from '../../../workflows';
import { unsafeCharacter } from '../../../workflows/runbook/text';
import { connectHarness, startWorker, waitForStatus, type Harness, type RunningWorker } from '../../support/harness';
import { fastCloud, fastRunbook } from '../../support/runbooks';
import { cliEnv, cutover, describeResult, tempDir, uniqueId } from './support';

/** Nothing listens here: a command that tried to reach Temporal would exit 6, not 2. */
const NOWHERE = ['--address', '127.0.0.1:9'];

describe('names at the command line', () => {
  it.each([
    ['an escape sequence', '\x1b[2Jbob', '"\\x1b[2Jbob" contains ESC (U+001B)'],
    ['a zero-width space', 'car\u200bol', '"car\\u200bol" contains a zero-width space (U+200B)'],
  ])('refuses --as with %s before sending anything (exit 2)', async (_, name, message) => {
    const result = await cutover(['approve', 'orders-1', '--gate', 'half-way', '--as', name, ...NOWHERE]);
    expect({ code: result.code, output: describeResult(result) }).toEqual({ code: 2, output: expect.stringContaining(`--as ${message}`) });
    expect(unsafeCharacter(result.stdout + result.stderr)).toBeNull();
  });

  it('refuses CUTOVER_IDENTITY with a zero-width space and a config identity with a NUL byte, naming where each came from', async () => {
    const fromEnv = await cutover(['pause', 'orders-1', ...NOWHERE], { env: cliEnv({ CUTOVER_IDENTITY: 'car\u200bol' }) });
    expect({ code: fromEnv.code, output: describeResult(fromEnv) }).toEqual({ code: 2, output: expect.stringContaining('CUTOVER_IDENTITY "car\\u200bol" contains a zero-width space') });

    const config = path.join(tempDir('cutover-config'), 'config.yaml');
    writeFileSync(config, 'identity: "bob\\0"\n');
    const fromFile = await cutover(['abort', 'orders-1', '--reason', 'r', ...NOWHERE], { env: cliEnv({ CUTOVER_CONFIG: config }) });
    expect({ code: fromFile.code, output: describeResult(fromFile) }).toEqual({ code: 2, output: expect.stringContaining(`identity in ${config} "bob\\x00" contains NUL (U+0000)`) });
    expect(unsafeCharacter(fromEnv.stderr + fromFile.stderr)).toBeNull();
  });

  it('refuses a --comment or --reason with control characters before sending anything (exit 2)', async () => {
    const comment = await cutover(['approve', 'orders-1', '--gate', 'half-way', '--as', 'bob', '--comment', 'fine\x1b]0;owned\x07', ...NOWHERE]);
    expect({ code: comment.code, output: describeResult(comment) }).toEqual({ code: 2, output: expect.stringContaining('--comment contains ESC (U+001B)') });
    const reason = await cutover(['reject', 'orders-1', '--gate', 'half-way', '--as', 'bob', '--reason', 'no \u202eenilno', ...NOWHERE]);
    expect({ code: reason.code, output: describeResult(reason) }).toEqual({ code: 2, output: expect.stringContaining('--reason contains a right-to-left override (U+202E)') });
  });
});

describe("a cutover's own text on the terminal", () => {
  let harness: Harness;
  let worker: RunningWorker;
  const cloud = fastCloud();
  beforeAll(async () => {
    harness = await connectHarness();
    worker = await startWorker(harness, cloud);
  });
  afterAll(async () => {
    await worker?.stop();
    await harness?.close();
  });

  it('is printed escaped by status and report, and as \\u escapes in their JSON', async () => {
    const description = 'orders \x1b[2J\x1b]0;owned\x07 move \u202eenilno';
    // Started as a raw API call would: the runbook's own checks are not what this test is about.
    const runbook = { ...fastRunbook(), description };
    const handle = await harness.client.workflow.start(cutoverWorkflow, { taskQueue: worker.taskQueue, workflowId: uniqueId('hostile'), args: [{ runbook, startedBy: 'olivia' }] });
    await waitForStatus(handle, (status) => status.outcome !== 'running', 60_000);
    await handle.result();

    const [status, report, statusJson, reportJson] = await Promise.all([
      cutover(['status', handle.workflowId]),
      cutover(['report', handle.workflowId]),
      cutover(['status', handle.workflowId, '--json']),
      cutover(['report', handle.workflowId, '--format', 'json']),
    ]);
    for (const result of [status, report, statusJson, reportJson]) {
      expect({ code: result.code, output: describeResult(result) }).toEqual({ code: 0, output: expect.any(String) });
      expect(unsafeCharacter(result.stdout)).toBeNull();
    }
    expect(status.stdout).toContain('orders \\x1b[2J\\x1b]0;owned\\x07 move \\u202eenilno');
    expect(report.stdout).toContain('| Description | orders \\x1b[2J\\x1b]0;owned\\x07 move \\u202eenilno |');
    expect(JSON.parse(statusJson.stdout).description).toBe(description);
    expect(JSON.parse(reportJson.stdout).description).toBe(description);
    expect(reportJson.stdout).toContain('\\u202e');
  });
});
