import { controlIdentity, resumeRefusal } from '../../workflows/decisions/control-identity';
import { controlProof, type ControlFacts } from '../../workflows/decisions/control-proof';
import { trustedSigners } from '../../workflows/signing/gate-signers';
import { controlStatementText, type ControlStatement } from '../../workflows/signing/control-statement';
import { DECISION_NAMESPACE } from '../../workflows/signing/statement';
import { SshWorkspace } from '../support/ssh';

const now = Date.UTC(2026, 10, 30, 1, 0);
const issuer = 'https://login.example.com/';

describe('who a pause, resume or abort is recorded as, and whether a resume may go on', () => {
  const ssh = new SshWorkspace();
  const bob = ssh.key('ed25519');
  const console_ = ssh.key('ed25519');
  afterAll(() => ssh.close());
  const facts = (policy: ControlFacts['policy'] = 'signed'): ControlFacts => ({
    policy,
    cutoverId: 'orders-1',
    firstRunId: 'run-1',
    trusted: trustedSigners({
      configured: true,
      lines: `bob ${bob.publicKey}\n`,
      others: {},
      consoles: { lines: `console@ops ${console_.publicKey}\n`, vouchers: [{ principal: 'console@ops', issuer, subjects: { '00u1bob': 'bob' } }] },
    }),
    now,
  });
  const request = (action: ControlStatement['action'], by: string, options: { via?: ControlStatement['via']; key?: typeof bob | null } = {}) => {
    const key = options.key === undefined ? console_ : options.key;
    if (key === null) return { by, reason: 'look' };
    const statement = controlStatementText({ cutoverId: 'orders-1', firstRunId: 'run-1', action, by, reason: 'look', signedAt: new Date(now).toISOString(), expiresAt: new Date(now + 60_000).toISOString(), via: options.via ?? null });
    return { by, reason: 'look', signed: { statement, signature: ssh.sign(key, DECISION_NAMESPACE, statement) } };
  };
  const judge = (action: ControlStatement['action'], sent: ReturnType<typeof request>, policy: ControlFacts['policy'] = 'signed') => {
    const proof = controlProof(action, sent, facts(policy));
    return { by: controlIdentity(sent.by, proof), refusal: action === 'resume' ? resumeRefusal('orders-1', proof) : null, proof };
  };

  it('records a console\'s unmapped subject by issuer and subject, never the name it claims, and refuses its resume saying how to sign', () => {
    const paused = judge('pause', request('pause', 'bob', { via: { issuer, subject: '00u9mallory' } }));
    expect(paused.by).toBe('unverified: https://login.example.com/00u9mallory');
    expect(paused.proof.verified).toBe(false);
    const resumed = judge('resume', request('resume', 'bob', { via: { issuer, subject: '00u9mallory' } }));
    expect(resumed.by).toBe('unverified: https://login.example.com/00u9mallory');
    expect(resumed.refusal).toContain('a resume lets a held cutover go on, so under approvals: signed it needs a verified identity');
    expect(resumed.refusal).toContain('unverified: https://login.example.com/00u9mallory\'s is not (the console\'s vouchers map that signed-in subject to no approver)');
    expect(resumed.refusal).toContain('cutover resume orders-1 --as <you> --key <private key file>');
    expect(resumed.refusal).toContain('or resume from the console signed in as a subject its vouchers map to an approver');
  });

  it('records a control without a trusted key under the typed name marked unverified, and refuses such a resume', () => {
    expect(judge('abort', request('abort', 'bob', { key: null })).by).toBe('unverified: typed "bob"');
    const stranger = ssh.key('ed25519');
    expect(judge('pause', request('pause', 'bob', { key: stranger })).by).toBe('unverified: typed "bob"');
    expect(judge('resume', request('resume', 'bob', { key: null })).refusal).toContain('bob\'s is not (it is not signed)');
    expect(judge('resume', request('resume', 'bob', { key: stranger })).refusal).toContain('(its key is not in the worker\'s allowed signers)');
    // A name sent with terminal controls in it is recorded escaped.
    expect(judge('pause', request('pause', 'bob\x1b[2J', { key: null })).by).toBe('unverified: typed "bob\\x1b[2J"');
  });

  it('records a proven person by name and lets their resume go on, by key or through a console that vouches for them', () => {
    expect(judge('resume', request('resume', 'bob', { key: bob }))).toMatchObject({ by: 'bob', refusal: null });
    expect(judge('resume', request('resume', 'bob', { via: { issuer, subject: '00u1bob' } }))).toMatchObject({ by: 'bob', refusal: null });
  });

  it('keeps names and refuses nothing under approvals: unverified, where the run says no identity was verified', () => {
    expect(judge('resume', request('resume', 'bob', { key: null }), 'unverified')).toMatchObject({ by: 'bob', refusal: null });
  });
});
