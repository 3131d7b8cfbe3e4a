import { controlProof, type ControlFacts } from '../../workflows/decisions/control-proof';
import { trustedSigners } from '../../workflows/signing/gate-signers';
import { controlStatementText, parseControlStatement, type ControlStatement } from '../../workflows/signing/control-statement';
import { DECISION_NAMESPACE } from '../../workflows/signing/statement';
import { SshWorkspace } from '../support/ssh';

const now = Date.UTC(2026, 10, 30, 1, 0);
const issuer = 'https://login.example.com/';

describe('a pause, resume or abort a console signed for a signed-in person', () => {
  const ssh = new SshWorkspace();
  const bob = ssh.key('ed25519');
  const console_ = ssh.key('ed25519');
  afterAll(() => ssh.close());
  const facts: ControlFacts = {
    policy: 'signed',
    cutoverId: 'orders-1',
    firstRunId: 'run-1',
    trusted: trustedSigners({
      configured: true,
      lines: `bob ${bob.publicKey}\n`,
      others: {},
      consoles: { lines: `console@ops ${console_.publicKey}\n`, vouchers: [{ principal: 'console@ops', issuer, subjects: { '00u1bob': 'bob', '00u2carol': 'carol' } }] },
    }),
    now,
  };
  const base: ControlStatement = { cutoverId: 'orders-1', firstRunId: 'run-1', action: 'pause', by: 'bob', reason: 'look closer', signedAt: new Date(now).toISOString(), expiresAt: new Date(now + 60_000).toISOString() };
  const request = (via: ControlStatement['via'], key = console_) => {
    const statement = controlStatementText({ ...base, via });
    return { by: 'bob', reason: 'look closer', signed: { statement, signature: ssh.sign(key, DECISION_NAMESPACE, statement) } };
  };

  it('writes cutover-control v2 with the via line, and v1 unchanged without it', () => {
    const text = controlStatementText({ ...base, via: { subject: '00u1bob', issuer } });
    expect(text.split('\n')[0]).toBe('cutover-control v2');
    expect(text.endsWith(`via: {"issuer":"${issuer}","subject":"00u1bob"}\n`)).toBe(true);
    expect(parseControlStatement(text)).toEqual({ ...base, via: { issuer, subject: '00u1bob' } });
    expect(controlStatementText({ ...base, via: null })).toBe(controlStatementText(base));
    expect(controlStatementText(base).startsWith('cutover-control v1\n')).toBe(true);
  });

  it('is verified through the console, naming subject, issuer and console', () => {
    expect(controlProof('pause', request({ issuer, subject: '00u1bob' }), facts)).toMatchObject({ verified: true, principal: 'bob', fingerprint: console_.fingerprint, via: { console: 'console@ops', issuer, subject: '00u1bob' } });
  });

  it('says why not, never refusing: another subject\'s principal, an unknown subject, a console without via, a person with via', () => {
    const because = (via: ControlStatement['via'], key = console_) => controlProof('pause', request(via, key), facts).unverifiedBecause;
    expect(because({ issuer, subject: '00u2carol' })).toBe('subject-not-principal');
    expect(because({ issuer, subject: '00u9' })).toBe('unknown-subject');
    expect(because(null)).toBe('console-without-via');
    expect(because({ issuer, subject: '00u1bob' }, bob)).toBe('not-a-console');
  });
});
