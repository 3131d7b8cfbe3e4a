/**
 * Bad runbooks stopped at the door: `cutover validate` and `cutover start` (the real binary, against
 * the suite's Temporal server, no worker) exit 3 naming the field, and no workflow is started; a
 * runbook at the limits that validate accepts is taken by the server.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client, Connection, WorkflowNotFoundError } from '@temporalio/client';
import { LIMITS } from '../../../workflows/runbook/limits';
import { MINIMAL, minimalWith } from '../../runbook/fixtures';
import { cutover, describeResult, tempDir, uniqueId, writeRunbook } from './support';

const SERVER_ERRORS = /RESOURCE_EXHAUSTED|INVALID_ARGUMENT|grpc|unexpected error|^\s+at /m;
/** Raw control, bidi and invisible characters: what an approver's terminal would obey. */
const RAW_UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/;

const withGate = (approvers: string, twoPersonRule = false) =>
  `${MINIMAL}gates:\n  - name: go-live\n    approvers: ${approvers}\n    twoPersonRule: ${twoPersonRule}\nstartGate: go-live\n`;
const prometheus = (lines: string) =>
  `${MINIMAL}    - name: extra\n      provider: prometheus\n      query: up\n      threshold: { above: 1 }\n${lines.replace(/^/gm, '      ')}\n`;

function fileWith(bytes: Buffer): string {
  const file = path.join(tempDir('cutover-cli-runbook'), 'runbook.yaml');
  writeFileSync(file, bytes);
  return file;
}

describe('cutover validate and start refuse a bad runbook before anything reaches Temporal', () => {
  let connection: Connection;
  let client: Client;
  beforeAll(async () => {
    connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS! });
    client = new Client({ connection, namespace: process.env.TEMPORAL_NAMESPACE ?? 'default' });
  });
  afterAll(async () => connection?.close());

  async function expectNoWorkflow(id: string) {
    await expect(client.workflow.getHandle(id).describe()).rejects.toBeInstanceOf(WorkflowNotFoundError);
  }

  it.each<[string, () => string, string, string?]>([
    ['a bake of 99999999999999999999999d', () => writeRunbook(minimalWith('      bake: 2s\n    - weight: 100', '      bake: 99999999999999999999999d\n    - weight: 100')), 'canary.steps[0].bake: "99999999999999999999999d" is longer than 30 days'],
    ['a name too long for a cutover id', () => writeRunbook(minimalWith('name: minimal', `name: ${'n'.repeat(LIMITS.nameLength + 1)}`)), 'name: is 101 characters long; shorten it to at most 100'],
    ['a poll interval of 0s', () => writeRunbook(minimalWith('  timeout: 1m\n', '  timeout: 1m\n  pollInterval: 0s\n')), 'replication.pollInterval: 0ms is shorter than 100ms'],
    ['more canary steps than 20', () => writeRunbook(minimalWith('canary:\n  steps:\n', `canary:\n  steps:\n${Array.from({ length: 20 }, (_, i) => `    - { weight: ${i + 1}, bake: 2s }\n`).join('')}`)), 'canary.steps: 22 items; list at most 20'],
    ['blue and green the same', () => writeRunbook(minimalWith('green: app-azure', 'green: app-aws')), 'dns.green: is the same as dns.blue'],
    ['no metrics without automaticRollback: false', () => writeRunbook(MINIMAL.replace(/  metrics:[\s\S]*$/, '')), 'analysis.metrics: no metrics: nothing would roll back automatically'],
    ['giving up before escalating', () => writeRunbook(`${MINIMAL}rollback:\n  escalateAfter: 5m\n  giveUpAfter: 1m\n`), 'rollback.giveUpAfter: 1m is shorter than rollback.escalateAfter 5m'],
    ['a two-person gate whose only approver starts it', () => writeRunbook(withGate('[olivia]', true)), 'gates[0].approvers: a gate under the two-person rule needs at least two approvers', 'olivia'],
    ['a duplicate approver', () => writeRunbook(withGate('[alice, bob, alice]')), 'gates[0].approvers[2]: "alice" is already listed'],
    ['credentials in a URL', () => writeRunbook(prometheus('endpoint: https://admin:hunter2@prometheus.example.com')), 'analysis.metrics[1].endpoint: carries credentials before "@"'],
    ['an Authorization header outside secretHeaders', () => writeRunbook(prometheus('endpoint: https://prometheus.example.com\nheaders: { Authorization: hunter2 }')), 'analysis.metrics[1].headers.Authorization: "Authorization" carries a secret: move it to secretHeaders'],
    ['a GitHub token where a variable name belongs', () => writeRunbook(prometheus('endpoint: https://prometheus.example.com\nsecretHeaders: { Authorization: ghp_16C7e42F292c6912E7710c838347Ae178B4a }')), 'analysis.metrics[1].secretHeaders.Authorization: looks like a GitHub token'],
    ['a description with an escape sequence', () => writeRunbook(`${MINIMAL}description: "orders \\e[2J moved"\n`), 'description: contains ESC (U+001B)'],
    ['a UTF-16 file', () => fileWith(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(MINIMAL, 'utf16le')])), 'the file is UTF-16'],
    ['a file over 1 MiB', () => writeRunbook(`${MINIMAL}# ${'x'.repeat(LIMITS.fileBytes)}\n`), 'a runbook may be at most 1 MiB'],
    ['two YAML documents', () => writeRunbook(`${MINIMAL}---\n${MINIMAL}`), 'the file holds more than one document'],
    ['an input over the payload budget', () => writeRunbook(`${MINIMAL}${Array.from({ length: 40 }, (_, i) => `    - { name: m${i}, provider: simulated, query: ${'q'.repeat(LIMITS.queryLength)}, threshold: { above: 1 } }\n`).join('')}`), "as the cutover's input, more than the 128 KiB allowed"],
  ])('refuses %s: exit 3 naming the field, no workflow started', async (_, write, says, startedBy = 'dave') => {
    const file = write();
    const validated = await cutover(['validate', file]);
    expect({ code: validated.code, stderr: validated.stderr }).toEqual({ code: 3, stderr: expect.stringContaining(says) });

    const id = uniqueId('refused');
    const started = await cutover(['start', file, '--id', id, '--as', startedBy, '--task-queue', uniqueId('nobody')]);
    expect({ code: started.code, output: describeResult(started) }).toEqual({ code: 3, output: expect.stringContaining(says) });
    expect(`${started.stdout}${started.stderr}`).not.toMatch(SERVER_ERRORS);
    expect(`${started.stdout}${started.stderr}`).not.toMatch(RAW_UNSAFE);
    await expectNoWorkflow(id);
  });

  it('refuses approvers with an escape sequence, a zero-width character and a NUL byte, printing none of them', async () => {
    const file = writeRunbook(withGate('["mal\\e]0;pwned\\aory", "car\\u200bol", "bo\\0b", dave]'));
    for (const args of [['validate', file], ['start', file, '--id', uniqueId('approvers'), '--as', 'dave', '--task-queue', uniqueId('nobody')]]) {
      const result = await cutover(args);
      expect({ code: result.code, output: describeResult(result) }).toEqual({ code: 3, output: expect.stringContaining('gates[0].approvers[0]') });
      expect(result.stderr).toContain("gates[0].approvers[0]: an approver's name contains ESC (U+001B)");
      expect(result.stderr).toContain("gates[0].approvers[1]: an approver's name contains a zero-width space (U+200B)");
      expect(result.stderr).toContain("gates[0].approvers[2]: an approver's name contains NUL (U+0000)");
      expect(`${result.stdout}${result.stderr}`).not.toMatch(RAW_UNSAFE);
      if (args[0] === 'start') await expectNoWorkflow(args[3]!);
    }
  });

  it('refuses a --id that is too long or holds control characters as a bad argument (exit 2), before starting anything', async () => {
    const file = writeRunbook(MINIMAL);
    for (const [id, says] of [
      ['x'.repeat(LIMITS.cutoverIdLength + 1), `--id is ${LIMITS.cutoverIdLength + 1} characters long; use at most ${LIMITS.cutoverIdLength}`],
      ['orders\u001b[2J-1', '--id contains ESC (U+001B)'],
    ] as const) {
      const result = await cutover(['start', file, '--id', id, '--as', 'dave', '--task-queue', uniqueId('nobody')]);
      expect({ code: result.code, output: describeResult(result) }).toEqual({ code: 2, output: expect.stringContaining(says) });
      expect(`${result.stdout}${result.stderr}`).not.toMatch(SERVER_ERRORS);
      expect(`${result.stdout}${result.stderr}`).not.toMatch(RAW_UNSAFE);
    }
  });

  it('starts a runbook at the limits validate accepts: the longest name with the default id, an input near its budget', async () => {
    const name = 'n'.repeat(LIMITS.nameLength);
    // Big queries, just under the input budget once defaults are filled in.
    const metrics = Array.from({ length: 28 }, (_, i) => `    - { name: m${i}, provider: simulated, query: ${'q'.repeat(LIMITS.queryLength)}, threshold: { above: 1 } }\n`).join('');
    const file = writeRunbook(`${minimalWith('name: minimal', `name: ${name}`)}${metrics}description: ${'d'.repeat(LIMITS.descriptionLength)}\n`);
    expect(await cutover(['validate', file])).toMatchObject({ code: 0 });

    const started = await cutover(['start', file, '--as', 'dave', '--task-queue', uniqueId('nobody')]);
    expect({ code: started.code, output: describeResult(started) }).toEqual({ code: 0, output: expect.stringContaining(`started cutover ${name}-`) });
    const id = /started cutover (\S+)/.exec(started.stdout)![1]!;
    const handle = client.workflow.getHandle(id);
    expect((await handle.describe()).status.name).toBe('RUNNING');
    await handle.terminate('test: nothing to run it');
  });

  it('says plainly when it starts a runbook whose identities will not be verified', async () => {
    const started = await cutover(['start', writeRunbook(`approvals: unverified\n${MINIMAL}`), '--id', uniqueId('unverified'), '--as', 'dave', '--task-queue', uniqueId('nobody')]);
    expect({ code: started.code, output: describeResult(started) }).toEqual({ code: 0, output: expect.stringContaining('identities were not verified (approvals: unverified): gates pass on the name the caller gives') });
    await client.workflow.getHandle(/started cutover (\S+)/.exec(started.stdout)![1]!).terminate('test: nothing to run it');
  });
});
