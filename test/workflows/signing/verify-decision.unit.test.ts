import { parseAllowedSigners } from '../../../workflows/signing/allowed-signers';
import { DECISION_NAMESPACE, gateViewDigest, statementText, type DecisionStatement, type OpenGateFacts } from '../../../workflows/signing/statement';
import { verifySignedDecision } from '../../../workflows/signing/verify-decision';
import { SshWorkspace } from '../../support/ssh';

const opened = Date.UTC(2026, 10, 29, 23, 0);
const shown = gateViewDigest({ step: 2, weights: { blue: 50, green: 50 }, lagSeconds: 0.4, metrics: { 'error-rate': 0.001 } });
const gate: OpenGateFacts = { cutoverId: 'orders-2026', firstRunId: 'run-1', gate: 'half-way', openedAt: opened, shown };
const request = { by: 'bob@example.com', decision: 'approve' as const, reason: null };
const now = opened + 60_000;

function statement(change: Partial<DecisionStatement> = {}): string {
  return statementText({
    cutoverId: 'orders-2026',
    firstRunId: 'run-1',
    gate: 'half-way',
    by: 'bob@example.com',
    decision: 'approve',
    reason: null,
    gateOpenedAt: new Date(opened).toISOString(),
    shown,
    expiresAt: new Date(opened + 15 * 60_000).toISOString(),
    ...change,
  });
}

describe('a signed gate decision', () => {
  const ssh = new SshWorkspace();
  const bob = ssh.key('ed25519');
  const carol = ssh.key('ecdsa-256');
  const mallory = ssh.key('ed25519');
  const allowed = `bob@example.com ${bob.publicKey}\ncarol@example.com ${carol.publicKey}\n`;
  const signers = parseAllowedSigners(allowed);
  afterAll(() => ssh.close());

  const signed = (key = bob, text = statement()) => ({ statement: text, signature: ssh.sign(key, DECISION_NAMESPACE, text) });

  it('passes with the approver\'s key, naming the principal and fingerprint; stock ssh-keygen -Y verify agrees', () => {
    const decision = signed();
    expect(verifySignedDecision(decision, signers, gate, request, now)).toMatchObject({ ok: true, principal: 'bob@example.com', keyType: 'ssh-ed25519', fingerprint: bob.fingerprint });
    expect(ssh.opensshVerifies(allowed, 'bob@example.com', DECISION_NAMESPACE, decision.statement, decision.signature)).toBe(true);
  });

  it('is refused unsigned, with a bad signature, or signed for another namespace', () => {
    expect(verifySignedDecision(null, signers, gate, request, now)).toMatchObject({ ok: false, reason: 'unsigned' });
    expect(verifySignedDecision({ statement: statement(), signature: '' }, signers, gate, request, now)).toMatchObject({ ok: false, reason: 'unsigned' });
    const otherStatement = signed(bob, statement({ reason: 'x' }));
    expect(verifySignedDecision({ statement: statement(), signature: otherStatement.signature }, signers, gate, request, now)).toMatchObject({ ok: false, reason: 'bad-signature' });
    const gitSignature = ssh.sign(bob, 'git', statement());
    expect(verifySignedDecision({ statement: statement(), signature: gitSignature }, signers, gate, request, now)).toMatchObject({ ok: false, reason: 'bad-signature' });
  });

  it('is refused with a key the allowed signers do not list, or list under another principal', () => {
    expect(verifySignedDecision(signed(mallory), signers, gate, request, now)).toMatchObject({ ok: false, reason: 'unknown-key' });
    const carolSigns = signed(carol);
    expect(verifySignedDecision(carolSigns, signers, gate, request, now)).toMatchObject({ ok: false, reason: 'other-principal' });
    expect(ssh.opensshVerifies(allowed, 'bob@example.com', DECISION_NAMESPACE, carolSigns.statement, carolSigns.signature)).toBe(false);
  });

  it('is refused when replayed to another gate, another cutover or a later opening of the same gate, or after its expiry', () => {
    const decision = signed();
    expect(verifySignedDecision(decision, signers, { ...gate, gate: 'sign-off' }, request, now)).toMatchObject({ ok: false, reason: 'another-gate' });
    expect(verifySignedDecision(decision, signers, { ...gate, cutoverId: 'billing-2026' }, request, now)).toMatchObject({ ok: false, reason: 'another-cutover' });
    expect(verifySignedDecision(decision, signers, { ...gate, openedAt: opened + 600_000 }, request, opened + 660_000)).toMatchObject({ ok: false, reason: 'earlier-opening' });
    expect(verifySignedDecision(decision, signers, gate, request, opened + 16 * 60_000)).toMatchObject({ ok: false, reason: 'expired' });
  });

  it('is refused when the key is listed only for other namespaces', () => {
    const narrow = parseAllowedSigners(`bob@example.com namespaces="git" ${bob.publicKey}`);
    expect(verifySignedDecision(signed(), narrow, gate, request, now)).toMatchObject({ ok: false, reason: 'key-not-valid' });
  });
});
