import { controlProof, type ControlFacts } from '../../workflows/decisions/control-proof';
import { trustedSigners } from '../../workflows/signing/gate-signers';
import { controlStatementText, type ControlStatement } from '../../workflows/signing/control-statement';
import { DECISION_NAMESPACE } from '../../workflows/signing/statement';
import { SshWorkspace } from '../support/ssh';

const now = Date.UTC(2026, 10, 30, 1, 0);

describe('the proof of a pause, resume or abort', () => {
  const ssh = new SshWorkspace();
  const bob = ssh.key('ed25519');
  const stranger = ssh.key('ed25519');
  afterAll(() => ssh.close());
  const facts: ControlFacts = { policy: 'signed', cutoverId: 'orders-1', firstRunId: 'run-1', trusted: trustedSigners({ configured: true, lines: `bob ${bob.publicKey}\n`, others: {} }), now };
  const request = (change: Partial<ControlStatement> = {}, key = bob) => {
    const statement = controlStatementText({
      cutoverId: 'orders-1',
      firstRunId: 'run-1',
      action: 'abort',
      by: 'bob',
      reason: 'window closed',
      signedAt: new Date(now).toISOString(),
      expiresAt: new Date(now + 60_000).toISOString(),
      ...change,
    });
    return { by: 'bob', reason: 'window closed', signed: { statement, signature: ssh.sign(key, DECISION_NAMESPACE, statement) } };
  };
  const because = (proof: ReturnType<typeof controlProof>) => proof.unverifiedBecause;

  it('is verified with the signer\'s fingerprint when the statement is this request to this cutover', () => {
    expect(controlProof('abort', request(), facts)).toMatchObject({ verified: true, principal: 'bob', fingerprint: bob.fingerprint, keyType: 'ssh-ed25519' });
  });

  it('says why it is not verified, without refusing', () => {
    expect(because(controlProof('abort', { by: 'bob', reason: 'x' }, facts))).toBe('unsigned');
    expect(because(controlProof('abort', request({}, stranger), facts))).toBe('unknown-key');
    expect(because(controlProof('pause', request(), facts))).toBe('another-action');
    expect(because(controlProof('abort', request({ cutoverId: 'orders-2' }), facts))).toBe('another-cutover');
    expect(because(controlProof('abort', request({ expiresAt: new Date(now - 1).toISOString() }), facts))).toBe('expired');
    expect(because(controlProof('abort', request(), { ...facts, policy: 'unverified' }))).toBe('approvals-unverified');
  });
});
