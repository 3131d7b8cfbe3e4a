/**
 * Signed decisions through the real `cutover` binary, against a worker that trusts an allowed-signers
 * file: a signed approval passes and its proof is in the report; `cutover verify` re-verifies it from
 * history and names the entry whose signature was changed in an exported copy; a key held only by
 * ssh-agent signs; a key the worker does not trust is refused; no private key or agent socket leaks.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Report } from '../../../client/report';
import { TEMPORAL_CLI_PATH } from '../../../worker/temporal-server';
import { SshWorkspace, startAgent, type TestAgent } from '../../support/ssh';
import { blueAgain, CliProcess, cliEnv, cutover, describeResult, gatedRunbookYaml, startCliWorker, tempDir, TestSigners, uniqueId, writeRunbook, type CliResult, type CliWorker } from './support';

describe('signed decisions from the command line', () => {
  const signers = new TestSigners(['alice', 'bob', 'carol', 'olivia']);
  const strangers = new SshWorkspace();
  const runbookFile = writeRunbook(gatedRunbookYaml());
  const outputs: CliResult[] = [];
  const watches: CliProcess[] = [];
  let worker: CliWorker;
  let agent: TestAgent;
  let approvedId: string;

  const run = async (args: string[], env?: Record<string, string>): Promise<CliResult> => {
    const result = await cutover(args, env ? { env } : {});
    outputs.push(result);
    return result;
  };

  beforeAll(async () => {
    worker = await startCliWorker({ signers });
    agent = startAgent(tempDir('cutover-agent'));
  });
  afterAll(async () => {
    for (const watch of watches) await watch.stop();
    await worker?.stop();
    agent?.stop();
    signers.close();
    strangers.close();
  });

  async function startAtGate(file = runbookFile): Promise<string> {
    // Each test's cutover has ended before the next starts on the same record.
    blueAgain(worker);
    const id = uniqueId('signed');
    const started = await run(['start', file, '--id', id, '--as', 'olivia', '--task-queue', worker.taskQueue, ...signers.sign('olivia')]);
    expect({ code: started.code, output: describeResult(started) }).toEqual({ code: 0, output: expect.stringContaining(`started cutover ${id}`) });
    const watch = new CliProcess(['watch', id, '--interval', '0.5']);
    watches.push(watch);
    await watch.waitFor(`cutover approve ${id} --gate half-way`);
    return id;
  }

  /** The history as an auditor exports it, with the temporal CLI (each of these cutovers has one run). */
  function exportedHistory(id: string): string {
    const file = path.join(tempDir('cutover-history'), `${id}.json`);
    writeFileSync(file, execFileSync(TEMPORAL_CLI_PATH, ['workflow', 'show', '--address', process.env.TEMPORAL_ADDRESS!, '--workflow-id', id, '--output', 'json']));
    return file;
  }

  it('refuses a key the worker does not trust (exit 4), then passes a signed approval whose proof the report shows', async () => {
    const id = await startAtGate();
    const mallory = strangers.key('ed25519');
    const forged = await run(['approve', id, '--gate', 'half-way', '--as', 'bob', '--key', mallory.path]);
    expect({ code: forged.code, output: describeResult(forged) }).toEqual({ code: 4, output: expect.stringContaining(`refused: key ssh-ed25519 ${mallory.fingerprint} is not in the allowed signers`) });

    const approved = await run(['approve', id, '--gate', 'half-way', '--as', 'bob', '--comment', 'flat', ...signers.sign('bob')]);
    expect({ code: approved.code, output: describeResult(approved) }).toEqual({ code: 0, output: expect.stringContaining(`signed with ssh-ed25519 ${signers.key('bob').fingerprint} (from --key)`) });
    expect(await watches.at(-1)!.exited).toBe(0);

    const [markdown, json] = await Promise.all([run(['report', id]), run(['report', id, '--format', 'json'])]);
    expect(markdown.stdout).toContain(`| approval | bob (ssh-ed25519 ${signers.key('bob').fingerprint}, verified) | half-way | flat |`);
    expect(markdown.stdout).toMatch(/\| refused \| bob refused \(unknown-key, key SHA256:[^)]+\) \| half-way \|/);
    const report = JSON.parse(json.stdout) as Report;
    expect(report.decisions.find((decision) => decision.kind === 'approval')?.proof).toMatchObject({ verified: true, fingerprint: signers.key('bob').fingerprint, statement: expect.stringContaining(`cutover: "${id}"`) });
    approvedId = id;
  });

  it('verify passes on that run from Temporal and from an exported history, and names the entry whose signature was changed in a copy', async () => {
    const passed = await run(['verify', approvedId, '--allowed-signers', signers.file]);
    expect({ code: passed.code, output: describeResult(passed) }).toEqual({ code: 0, output: expect.stringMatching(new RegExp(`verified +#\\d+ approve gate "half-way" by bob at \\S+ \\(ssh-ed25519 ${escape(signers.key('bob').fingerprint)}\\)`)) });

    const exported = exportedHistory(approvedId);
    const fromFile = await run(['verify', approvedId, '--allowed-signers', signers.file, '--history', exported]);
    expect({ code: fromFile.code, output: describeResult(fromFile) }).toEqual({ code: 0, output: expect.stringContaining(passed.stdout.trim().split('\n')[1]!) });

    const seq = /#(\d+) approve/.exec(passed.stdout)![1];
    const changed = path.join(tempDir('cutover-history'), 'changed.json');
    writeFileSync(changed, withOneSignatureByteChanged(readFileSync(exported, 'utf8')));
    const failed = await run(['verify', approvedId, '--allowed-signers', signers.file, '--history', changed]);
    expect({ code: failed.code, output: describeResult(failed) }).toEqual({ code: 7, output: expect.stringContaining(`NOT VERIFIED  #${seq} approve gate "half-way" by bob`) });
    expect(failed.stdout).toContain('the history was changed');
    expect(failed.stderr).toContain(`cutover ${approvedId} does not verify: #${seq}`);

    // The accepted approval erased: its update events and its memo entry. The gate it passed was passed all the same.
    const erased = path.join(tempDir('cutover-history'), 'erased.json');
    writeFileSync(erased, withDecisionErased(readFileSync(exported, 'utf8'), 'approve'));
    const audited = await run(['verify', approvedId, '--allowed-signers', signers.file, '--history', erased]);
    expect({ code: audited.code, output: describeResult(audited) }).toEqual({ code: 7, output: expect.stringMatching(/NOT VERIFIED {2}gate "half-way" was passed at \S+Z \(open since \S+Z\) without an accepted, verified approval recorded for it/) });
    expect(audited.stdout).not.toMatch(/#\d+ approve/);
    expect(audited.stderr).toMatch(new RegExp(`cutover ${approvedId} does not verify: gate "half-way" passed at \\S+Z`));
  });

  it('keeps a two-signature gate open after one signer and passes it on a second, different one; pause and resume say whether they were signed', async () => {
    const twoSigners = writeRunbook(gatedRunbookYaml().replace('    approvers: [alice, bob]\n', '    approvers: [alice, bob, carol]\n    approvals: 2\n'));
    const id = await startAtGate(twoSigners);
    // No key at all: said before anything is sent, with how to set one up.
    const keyless = await run(['approve', id, '--gate', 'half-way', '--as', 'bob']);
    expect({ code: keyless.code, output: describeResult(keyless) }).toEqual({ code: 2, output: expect.stringContaining('no SSH key to sign this approval with: gate "half-way" takes signed decisions only') });
    expect(keyless.stderr).toContain('ssh-keygen -t ed25519');
    const first = await run(['approve', id, '--gate', 'half-way', '--as', 'bob', ...signers.sign('bob')]);
    expect({ code: first.code, output: describeResult(first) }).toEqual({ code: 0, output: expect.stringContaining('signed with ssh-ed25519') });
    const waiting = await run(['status', id]);
    expect(waiting.stdout).toMatch(/phase +canary, step 1\/2, waiting at gate "half-way"/);
    expect(waiting.stdout).toContain('needs 2 different signers; 1 so far: bob');
    expect(waiting.stdout).not.toMatch(/decision attempts? refused/);
    const again = await run(['approve', id, '--gate', 'half-way', '--as', 'bob', ...signers.sign('bob')]);
    expect({ code: again.code, output: describeResult(again) }).toEqual({ code: 4, output: expect.stringContaining('bob already approved this opening of gate "half-way"') });

    const paused = await run(['pause', id, '--as', 'carol', '--reason', 'a look at the dashboards', ...signers.sign('carol')]);
    expect({ code: paused.code, output: describeResult(paused) }).toEqual({ code: 0, output: expect.stringContaining(`signed with ssh-ed25519 ${signers.key('carol').fingerprint}`) });
    // A resume lets the cutover go on: without a key it is refused before anything is sent, saying how to sign.
    const keylessResume = await run(['resume', id, '--as', 'carol']);
    expect({ code: keylessResume.code, output: describeResult(keylessResume) }).toEqual({ code: 2, output: expect.stringContaining('no SSH key to sign this resume with: under approvals: signed a resume lets the cutover go on, so it needs a verified identity') });
    expect(keylessResume.stderr).toContain('--key <private key file>');
    expect((await run(['status', id])).stdout).toMatch(/paused/);
    const resumed = await run(['resume', id, '--as', 'carol', ...signers.sign('carol')]);
    expect({ code: resumed.code, output: describeResult(resumed) }).toEqual({ code: 0, output: expect.stringContaining(`signed with ssh-ed25519 ${signers.key('carol').fingerprint}`) });

    const second = await run(['approve', id, '--gate', 'half-way', '--as', 'carol', ...signers.sign('carol')]);
    expect({ code: second.code, output: describeResult(second) }).toEqual({ code: 0, output: expect.any(String) });
    expect(await watches.at(-1)!.exited).toBe(0);

    // The signed start and every decision are listed and verify.
    const verified = await run(['verify', id, '--allowed-signers', signers.file]);
    expect({ code: verified.code, output: describeResult(verified) }).toEqual({ code: 0, output: expect.any(String) });
    expect(verified.stdout.trim().split('\n')[1]).toMatch(new RegExp(`^verified +start by olivia at \\S+ \\(ssh-ed25519 ${escape(signers.key('olivia').fingerprint)}\\)$`));
    const lines = verified.stdout.trim().split('\n').slice(2);
    expect(lines.map((line) => /^(verified|NOT VERIFIED) +#\d+ (\w+)(?: gate "[^"]+")? by (\w+)/.exec(line)?.slice(1))).toEqual([
      ['verified', 'approve', 'bob'],
      ['verified', 'pause', 'carol'],
      ['verified', 'resume', 'carol'],
      ['verified', 'approve', 'carol'],
    ]);

    // The resume erased from an exported copy, update events and memo entry: it took effect all the same.
    const erased = path.join(tempDir('cutover-history'), 'resume-erased.json');
    writeFileSync(erased, withDecisionErased(readFileSync(exportedHistory(id), 'utf8'), 'resume'));
    const audited = await run(['verify', id, '--allowed-signers', signers.file, '--history', erased]);
    expect({ code: audited.code, output: describeResult(audited) }).toEqual({ code: 7, output: expect.stringMatching(/NOT VERIFIED {2}a resume took effect at \S+Z \(paused since \S+Z\) without an accepted, verified resume recorded for it/) });
    expect(audited.stderr).toMatch(/does not verify: a resume at \S+Z$/m);
    // A dozen CLI calls and a gate's whole run: generous under a loaded machine.
  }, 300_000);

  it('signs with an ed25519 key that only ssh-agent holds, with no key file given', async () => {
    const alice = signers.key('alice');
    agent.add(alice);
    rmSync(alice.path);
    const id = await startAtGate();
    const approved = await run(['approve', id, '--gate', 'half-way', '--as', 'alice'], cliEnv({ SSH_AUTH_SOCK: agent.socket }));
    expect({ code: approved.code, output: describeResult(approved) }).toEqual({ code: 0, output: expect.stringContaining(`signed with ssh-ed25519 ${alice.fingerprint} (from ssh-agent)`) });
    expect(await watches.at(-1)!.exited).toBe(0);
    const verified = await run(['verify', id, '--allowed-signers', signers.file]);
    expect({ code: verified.code, output: describeResult(verified) }).toEqual({ code: 0, output: expect.stringContaining(`by alice at`) });

    // Nothing secret anywhere: not in what the CLI printed, the reports, or the histories.
    const reports = await Promise.all([run(['report', id]), run(['report', id, '--format', 'json'])]);
    const histories = [id, approvedId].map((cutoverId) => readFileSync(exportedHistory(cutoverId), 'utf8'));
    const everything = [...outputs.flatMap((output) => [output.stdout, output.stderr]), ...reports.map((report) => report.stdout), ...histories, worker.process.stdout, worker.process.stderr].join('\n');
    expect(everything).not.toContain('PRIVATE KEY');
    expect(everything).not.toContain(agent.socket);
    expect(everything).not.toContain(path.dirname(agent.socket));
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** The history with one character of the accepted approval's signature changed (its base64 body). */
function withOneSignatureByteChanged(json: string): string {
  const history = JSON.parse(json) as { events: Array<Record<string, any>> };
  // The last approval: the forged one before it was accepted as an update too, then refused by its handler.
  const accepted = history.events.filter((event) => event.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name === 'approve').at(-1)!;
  const payload = accepted.workflowExecutionUpdateAcceptedEventAttributes.acceptedRequest.input.args.payloads[0];
  const request = JSON.parse(Buffer.from(payload.data, 'base64').toString('utf8'));
  const lines = (request.signed.signature as string).split('\n');
  const line = lines[2]!;
  lines[2] = `${line[0] === 'A' ? 'B' : 'A'}${line.slice(1)}`;
  request.signed.signature = lines.join('\n');
  payload.data = Buffer.from(JSON.stringify(request)).toString('base64');
  return JSON.stringify(history);
}

/**
 * The history with the last accepted `name` update erased, as someone hiding it would: its accepted
 * and completed events and the memo entry the cutover wrote for it.
 */
function withDecisionErased(json: string, name: string): string {
  const history = JSON.parse(json) as { events: Array<Record<string, any>> };
  const updateIdOf = (event: Record<string, any>) => event.workflowExecutionUpdateCompletedEventAttributes?.meta?.updateId as string | undefined;
  const succeeded = new Set(history.events.filter((event) => updateIdOf(event) && event.workflowExecutionUpdateCompletedEventAttributes.outcome?.success).map(updateIdOf));
  const accepted = history.events.filter((event) => {
    const attributes = event.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest;
    return attributes?.input?.name === name && succeeded.has(attributes.meta?.updateId);
  }).at(-1)!;
  const updateId = accepted.workflowExecutionUpdateAcceptedEventAttributes.acceptedRequest.meta.updateId as string;
  const memoAction = (event: Record<string, any>) =>
    Object.entries((event.workflowPropertiesModifiedEventAttributes?.upsertedMemo?.fields ?? {}) as Record<string, { data: string }>)
      .filter(([key]) => key.startsWith('decision.'))
      .map(([, payload]) => JSON.parse(Buffer.from(payload.data, 'base64').toString('utf8')).action as string);
  const memo = history.events.find((event) => Number(event.eventId) > Number(accepted.eventId) && memoAction(event).includes(name))!;
  const erased = new Set([accepted, memo, history.events.find((event) => updateIdOf(event) === updateId)!]);
  expect(erased.size).toBe(3);
  history.events = history.events.filter((event) => !erased.has(event));
  return JSON.stringify(history);
}
