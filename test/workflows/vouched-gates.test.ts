/**
 * A console decides for a person who signed in through OpenID Connect: it signs with its own key,
 * naming the issuer and subject, and the worker's console vouchers say which subject decides as
 * which approver. Through a raw Temporal client against a worker with allowed signers and vouchers;
 * `cutover verify` re-checks the decision from history through the real binary.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { reportOf } from '../../client/report';
import { reportMarkdown } from '../../client/render/report-markdown';
import { approveSignal, approveUpdate } from '../../workflows/messages';
import type { DecisionProof, RefusedAttempt } from '../../workflows/signing/proof';
import type { StatementVia } from '../../workflows/signing/statement';
import { cutover, describeResult } from '../client/cli/support';
import { cutoverSuite, waitForStatus } from '../support/harness';
import { fastCloud, fastRunbook } from '../support/runbooks';
import { keyring, refusal, refusedEntries, signedFor, statusOf } from './support/signed';

const ISSUER = 'https://login.example.com/';
const CONSOLE = 'console@ops.example.com';
const runbook = fastRunbook({ approvals: 'signed', gates: [{ name: 'go-live', approvers: ['bob', 'carol'] }], startGate: 'go-live' });

describe('decisions a console signs for people signed in through OpenID Connect', () => {
  const suite = cutoverSuite();
  const ring = keyring();
  const consoleKey = ring.ssh.key('ed25519');
  const allowedSigners = join(ring.ssh.dir, 'allowed_signers_with_console');
  const vouchers = join(ring.ssh.dir, 'console-vouchers.yaml');
  afterAll(() => ring.close());

  beforeAll(() => {
    writeFileSync(allowedSigners, `${readFileSync(ring.allowedSigners, 'utf8')}${CONSOLE} ${consoleKey.publicKey}\n`);
    writeFileSync(vouchers, `consoles:\n  - principal: ${CONSOLE}\n    issuer: ${ISSUER}\n    subjects:\n      "00u1bob": bob\n      "00u2carol": carol\n      "00u3mallory": mallory\n`);
  });

  it('passes a gate on a console signature for a mapped subject, records who and through which console, refuses the rest with their reasons, and verify checks it with the vouchers only', async () => {
    await suite.startWorker(fastCloud(), { allowedSigners, consoleVouchers: vouchers });
    const handle = await suite.start(runbook, 'olivia');
    const status = await waitForStatus(handle, (s) => s.openGate?.name === 'go-live');
    const viaConsole = (by: string, via: StatementVia | null, key = consoleKey) => signedFor(ring, handle, status, { by, key, change: { via } });

    expect(await refusal(handle.executeUpdate(approveUpdate, { args: [viaConsole('bob', { issuer: ISSUER, subject: '00u9nobody' })] }))).toContain(`console ${CONSOLE} may not vouch for the person signed in at "${ISSUER}" as subject "00u9nobody"`);
    expect(await refusal(handle.executeUpdate(approveUpdate, { args: [viaConsole('bob', { issuer: ISSUER, subject: '00u2carol' })] }))).toContain('as carol, not as bob');
    expect(await refusal(handle.executeUpdate(approveUpdate, { args: [viaConsole('bob', null)] }))).toContain("is a console's: a console signs only for a signed-in person");
    expect(await refusal(handle.executeUpdate(approveUpdate, { args: [viaConsole('bob', { issuer: ISSUER, subject: '00u1bob' }, ring.keys.bob)] }))).toContain('belongs to no console');
    // A subject mapped to someone who is no approver of this gate is not handed to the gate at all.
    await handle.signal(approveSignal, viaConsole('bob', { issuer: ISSUER, subject: '00u3mallory' }));
    const refused = await waitForStatus(handle, (s) => refusedEntries(s).length === 5);
    expect(refusedEntries(refused).map((entry) => (entry.data as unknown as RefusedAttempt).reason)).toEqual(['unknown-subject', 'subject-not-principal', 'console-without-via', 'not-a-console', 'unknown-subject']);
    expect(refused.openGate?.approvals).toEqual([]);

    const receipt = await handle.executeUpdate(approveUpdate, { args: [viaConsole('bob', { issuer: ISSUER, subject: '00u1bob' })] });
    expect(receipt.message).toContain('gate "go-live" approved by bob');
    const passed = await waitForStatus(handle, (s) => s.openGate === null && s.phase !== 'gate');
    const approval = passed.timeline.find((entry) => entry.kind === 'approval')!;
    expect(approval.data?.proof).toMatchObject({ verified: true, principal: 'bob', keyType: 'ssh-ed25519', fingerprint: consoleKey.fingerprint, via: { console: CONSOLE, issuer: ISSUER, subject: '00u1bob' } } satisfies Partial<DecisionProof>);

    await handle.result();
    const report = reportOf(handle.workflowId, 'completed', await statusOf(handle));
    expect(reportMarkdown(report)).toContain(`bob (OIDC subject 00u1bob at ${ISSUER}, via console ${CONSOLE}, ssh-ed25519 ${consoleKey.fingerprint}, signature verified)`);
    expect(report.decisions.find((decision) => decision.kind === 'approval')?.proof?.via).toEqual({ console: CONSOLE, issuer: ISSUER, subject: '00u1bob' });

    const verify = (extra: string[]) => cutover(['verify', handle.workflowId, '--allowed-signers', allowedSigners, ...extra]);
    const withVouchers = await verify(['--console-vouchers', vouchers]);
    expect({ code: withVouchers.code, output: describeResult(withVouchers) }).toEqual({ code: 0, output: expect.stringContaining(`(OIDC subject 00u1bob at ${ISSUER}, via console ${CONSOLE}, ssh-ed25519 ${consoleKey.fingerprint})`) });
    const without = await verify([]);
    expect({ code: without.code, output: describeResult(without) }).toEqual({ code: 7, output: expect.stringContaining('give --console-vouchers <file> to check it') });
  });
});
