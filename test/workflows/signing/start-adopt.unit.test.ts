/**
 * A start that adopts the weights DNS reads (`--adopt-weights`) says so in its signed statement: the
 * cutover verifies that choice as the starter's, refuses it unproven under signed approvals, and the
 * CLI will not send it unsigned there.
 */
import { UsageError } from '../../../client/errors';
import { starterText } from '../../../client/render/proof';
import { prepareStart } from '../../../client/signing/sign-start';
import { startProof, startRefusal, type StartFacts } from '../../../workflows/decisions/start-proof';
import { parseAllowedSigners } from '../../../workflows/signing/allowed-signers';
import { parseStartStatement, runbookDigest, startStatementText, type StartStatement } from '../../../workflows/signing/start-statement';
import { DECISION_NAMESPACE } from '../../../workflows/signing/statement';
import { fastRunbook } from '../../support/runbooks';
import { SshWorkspace } from '../../support/ssh';

const signedAt = Date.UTC(2026, 11, 7, 23, 0);
const runbook = fastRunbook({ approvals: 'signed', gates: [{ name: 'go-live', approvers: ['bob'] }], startGate: 'go-live' });

function statement(change: Partial<StartStatement> = {}): string {
  const base: StartStatement = { cutoverId: 'orders-2', runbook: runbookDigest(runbook), by: 'olivia', signedAt: new Date(signedAt).toISOString(), expiresAt: new Date(signedAt + 600_000).toISOString() };
  return startStatementText({ ...base, ...change });
}

describe('the statement of a start that adopts the weights', () => {
  it('is v2 with a last line saying so, and reads back; a start without it stays v1', () => {
    const text = statement({ adoptWeights: true });
    expect(text.split('\n')[0]).toBe('cutover-start v2');
    expect(text.endsWith('\nadopt-weights: true\n')).toBe(true);
    expect(parseStartStatement(text)).toMatchObject({ cutoverId: 'orders-2', by: 'olivia', adoptWeights: true });
    expect(statement({ adoptWeights: false })).toBe(statement());
    expect(statement().split('\n')[0]).toBe('cutover-start v1');
    expect(parseStartStatement(statement()).adoptWeights).toBeUndefined();
  });

  it('reads back only its canonical form', () => {
    const text = statement({ adoptWeights: true });
    expect(() => parseStartStatement(text.replace('adopt-weights: true', 'adopt-weights: false'))).toThrow('line 7 of a v2 start statement must be "adopt-weights: true"');
    expect(() => parseStartStatement(text.replace('cutover-start v2', 'cutover-start v3'))).toThrow('a start statement starts with "cutover-start v1" or "cutover-start v2"');
    expect(() => parseStartStatement(`${text}extra\n`)).toThrow('not in its canonical form');
  });
});

describe('the proof of a start that adopts the weights', () => {
  const ssh = new SshWorkspace();
  const olivia = ssh.key('ed25519');
  const signers = parseAllowedSigners(`olivia ${olivia.publicKey}\n`);
  const facts: StartFacts = { policy: 'signed', cutoverId: 'orders-2', runbook, startedBy: 'olivia', adoptWeights: true, trusted: { signers, others: {}, consoles: { signers: [], vouchers: [] } }, now: signedAt + 60_000 };
  const signed = (text: string) => ({ statement: text, signature: ssh.sign(olivia, DECISION_NAMESPACE, text) });
  afterAll(() => ssh.close());

  it('verifies when the statement and the start both adopt', () => {
    expect(startProof(signed(statement({ adoptWeights: true })), facts)).toMatchObject({ verified: true, unverifiedBecause: null });
  });

  it('is not verified when the statement and the start disagree about adopting, either way', () => {
    expect(startProof(signed(statement()), facts)).toMatchObject({ verified: false, unverifiedBecause: 'another-choice' });
    expect(startProof(signed(statement({ adoptWeights: true })), { ...facts, adoptWeights: false })).toMatchObject({ verified: false, unverifiedBecause: 'another-choice' });
  });

  it('refuses an unproven adopting start under signed approvals, naming why and what to do', () => {
    const proof = startProof(signed(statement()), facts);
    expect(startRefusal(proof, runbook, true)).toBe(
      'the start by olivia is not verified (the start statement does not say what the start does about adopting the weights DNS reads (--adopt-weights)); ' +
        '--adopt-weights continues from the weights DNS reads instead of 100% blue, which under approvals: signed needs a proven starter: ' +
        "start with cutover start, which signs with your SSH key, as a principal in the worker's allowed signers --adopt-weights",
    );
    expect(startRefusal(startProof(null, facts), runbook, true)).toContain('(the start is not signed); --adopt-weights continues');
  });

  it('lets an unproven start run when it does not adopt, or under approvals: unverified', () => {
    const unsigned = startProof(null, facts);
    expect(startRefusal(unsigned, runbook, false)).toBeNull();
    expect(startRefusal(unsigned, { ...runbook, approvals: 'unverified' }, true)).toBeNull();
    expect(startRefusal(startProof(signed(statement({ adoptWeights: true })), facts), runbook, true)).toBeNull();
  });
});

describe('cutover start --adopt-weights', () => {
  const signing = { id: 'orders-2', by: 'olivia', key: null, now: signedAt, expiresInMs: 600_000, env: {}, adoptWeights: true };

  it('will not send an adopting start unsigned under signed approvals', async () => {
    const refused = prepareStart(runbook, signing);
    await expect(refused).rejects.toBeInstanceOf(UsageError);
    await expect(refused).rejects.toThrow('no SSH key to sign the start with: --adopt-weights continues a half-done cutover');
  });

  it('signs the choice into the statement when it has a key', async () => {
    const ssh = new SshWorkspace();
    try {
      const key = ssh.key('ed25519');
      const prepared = await prepareStart(runbook, { ...signing, key: { file: key.path, source: '--key' }, env: process.env });
      expect(parseStartStatement(prepared.signedStart!.statement)).toMatchObject({ adoptWeights: true, by: 'olivia', cutoverId: 'orders-2' });
      expect(prepared.note).toBe('start signed with --adopt-weights (key from --key)');
    } finally {
      ssh.close();
    }
  });
});

describe('status, report and summary', () => {
  it('say beside the starter that the start adopted the weights, from the start entry\'s typed data', () => {
    const proof = { verified: true, principal: 'olivia', keyType: 'ssh-ed25519', fingerprint: 'SHA256:abc', statement: 's', signature: 'x', unverifiedBecause: null };
    expect(starterText('olivia', [{ kind: 'start', data: { proof, adoptWeights: true } }])).toBe('olivia (ssh-ed25519 SHA256:abc, verified), adopting the weights DNS read (--adopt-weights)');
    expect(starterText('olivia', [{ kind: 'start', data: { proof } }])).toBe('olivia (ssh-ed25519 SHA256:abc, verified)');
  });
});
