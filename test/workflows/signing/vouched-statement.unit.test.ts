import { parseStatement, statementText, DECISION_NAMESPACE, type DecisionStatement } from '../../../workflows/signing/statement';
import { verifySshsig } from '../../../workflows/signing/sshsig';
import { SshWorkspace } from '../../support/ssh';

const own: DecisionStatement = {
  cutoverId: 'orders-2026',
  firstRunId: 'run-1',
  gate: 'half-way',
  by: 'bob',
  decision: 'approve',
  reason: null,
  gateOpenedAt: '2026-11-29T23:00:00.000Z',
  shown: 'sha256:00',
  expiresAt: '2026-11-29T23:15:00.000Z',
};
const vouched: DecisionStatement = { ...own, via: { issuer: 'https://login.example.com/', subject: '00u1abcd' } };

describe('a statement a console signs for a signed-in person', () => {
  it('is v1 byte for byte when no console vouches, with via absent or null', () => {
    const v1 = statementText(own);
    expect(v1.startsWith('cutover-decision v1\n')).toBe(true);
    expect(v1).not.toContain('via');
    expect(statementText({ ...own, via: null })).toBe(v1);
    expect(parseStatement(v1)).toEqual(own);
  });

  it('says v2 and binds the issuer and subject on one more last line, keys sorted', () => {
    const text = statementText(vouched);
    const lines = text.split('\n');
    expect(lines[0]).toBe('cutover-decision v2');
    expect(lines.slice(1, 10)).toEqual(statementText(own).split('\n').slice(1, 10));
    expect(lines[10]).toBe('via: {"issuer":"https://login.example.com/","subject":"00u1abcd"}');
    expect(lines[11]).toBe('');
    expect(lines).toHaveLength(12);
    expect(statementText({ ...own, via: { subject: '00u1abcd', issuer: 'https://login.example.com/' } })).toBe(text);
    expect(parseStatement(text)).toEqual(vouched);
  });

  it('reads only the canonical v2 form: no via line, extra keys, empty values or a v1 header with via are refused', () => {
    const text = statementText(vouched);
    expect(() => parseStatement(text.replace(/via: .*\n$/, ''))).toThrow(/must be "via: \{…\}"/);
    expect(() => parseStatement(text.replace('"subject":"00u1abcd"', '"subject":"00u1abcd","role":"admin"'))).toThrow(/canonical form/);
    expect(() => parseStatement(text.replace('{"issuer"', '{ "issuer"'))).toThrow(/canonical form/);
    expect(() => parseStatement(text.replace('"00u1abcd"', '""'))).toThrow(/via must be/);
    expect(() => parseStatement(text.replace('cutover-decision v2', 'cutover-decision v1'))).toThrow(/canonical form/);
    expect(() => parseStatement(`${statementText(own).replace('v1', 'v2')}`)).toThrow(/must be "via: \{…\}"/);
  });

  it('is signed by ssh-keygen -Y sign and verified by stock ssh-keygen -Y verify and by the workflow code', () => {
    const ssh = new SshWorkspace();
    try {
      const key = ssh.key('ed25519');
      const text = statementText(vouched);
      const signature = ssh.sign(key, DECISION_NAMESPACE, text);
      expect(ssh.opensshVerifies(`console@ops.example.com ${key.publicKey}\n`, 'console@ops.example.com', DECISION_NAMESPACE, text, signature)).toBe(true);
      expect(verifySshsig(signature, new TextEncoder().encode(text), DECISION_NAMESPACE)).toMatchObject({ ok: true, fingerprint: key.fingerprint });
    } finally {
      ssh.close();
    }
  });
});
