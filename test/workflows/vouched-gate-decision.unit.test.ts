import { judgeGateDecision, type GateDecisionFacts } from '../../workflows/decisions/gate-decision';
import { gate as gateSchema } from '../../workflows/runbook/schema';
import { trustedSigners } from '../../workflows/signing/gate-signers';
import { DECISION_NAMESPACE, statementText, type DecisionStatement } from '../../workflows/signing/statement';
import { vouchersFor, type ConsoleVoucher } from '../../workflows/signing/vouchers';
import type { OpenGate } from '../../workflows/status';
import { SshWorkspace } from '../support/ssh';

const opened = Date.UTC(2026, 10, 30, 1, 0);
const issuer = 'https://login.example.com/';
const open: OpenGate = {
  name: 'half-way',
  approvers: ['alice', 'bob'],
  twoPersonRule: false,
  openedAt: new Date(opened).toISOString(),
  deadline: null,
  shown: 'sha256:00',
  required: 1,
  approvals: [],
  context: { weights: { blue: 50, green: 50 }, step: null, lagSeconds: 1, metrics: {} },
};
const vouchers: ConsoleVoucher[] = [
  { principal: 'console@ops.example.com', issuer, subjects: { '00u1abcd': 'bob', '00u2alic': 'alice', '00u9carl': 'carol' } },
  { principal: 'idle-console@ops.example.com', issuer, subjects: { '00u7': 'carol' } },
];

describe('a gate decision a console signed for a signed-in person', () => {
  const ssh = new SshWorkspace();
  const bob = ssh.key('ed25519');
  const console_ = ssh.key('ed25519');
  const idle = ssh.key('ed25519');
  const stranger = ssh.key('ed25519');
  afterAll(() => ssh.close());

  const gateVouchers = vouchersFor(vouchers, ['alice', 'bob']);
  const facts = (change: Partial<GateDecisionFacts> = {}): GateDecisionFacts => ({
    policy: 'signed',
    cutoverId: 'orders-1',
    firstRunId: 'run-1',
    startedBy: 'olivia',
    gates: [gateSchema.parse({ name: 'half-way', approvers: ['alice', 'bob'] })],
    open,
    notRunning: null,
    trusted: trustedSigners({
      configured: true,
      lines: `bob ${bob.publicKey}\n`,
      others: { [idle.fingerprint]: ['idle-console@ops.example.com'] },
      consoles: { lines: `console@ops.example.com ${console_.publicKey}\n`, vouchers: gateVouchers },
    }),
    now: opened + 1_000,
    ...change,
  });
  const signed = (by: string, key: typeof bob, via: DecisionStatement['via']) => {
    const statement = statementText({ cutoverId: 'orders-1', firstRunId: 'run-1', gate: 'half-way', by, decision: 'approve', reason: null, gateOpenedAt: open.openedAt, shown: 'sha256:00', expiresAt: new Date(opened + 600_000).toISOString(), via });
    return { gate: 'half-way', by, signed: { statement, signature: ssh.sign(key, DECISION_NAMESPACE, statement) } };
  };
  const judge = (request: ReturnType<typeof signed>, change?: Partial<GateDecisionFacts>) => judgeGateDecision('approve', request, facts(change));
  const reason = (request: ReturnType<typeof signed>, change?: Partial<GateDecisionFacts>) => {
    const judgement = judge(request, change);
    return judgement.accepted ? 'accepted' : judgement.reason;
  };

  it('passes when the console key vouches for a subject mapped to the approver, and the proof names subject, issuer and console', () => {
    expect(judge(signed('bob', console_, { issuer, subject: '00u1abcd' }))).toMatchObject({
      accepted: true,
      proof: { verified: true, principal: 'bob', fingerprint: console_.fingerprint, keyType: 'ssh-ed25519', via: { console: 'console@ops.example.com', issuer, subject: '00u1abcd' } },
    });
  });

  it('records a person signing with their own key as verified without a console', () => {
    expect(judge(signed('bob', bob, null))).toMatchObject({ accepted: true, proof: { verified: true, fingerprint: bob.fingerprint, via: null } });
  });

  it('refuses a subject the console may not vouch for, at this issuer or at all', () => {
    expect(reason(signed('bob', console_, { issuer, subject: '00u0nobody' }))).toBe('unknown-subject');
    expect(reason(signed('bob', console_, { issuer: 'https://evil.example.com/', subject: '00u1abcd' }))).toBe('unknown-subject');
    expect(reason(signed('bob', console_, { issuer: 'https://login.example.com', subject: '00u1abcd' }))).toBe('unknown-subject');
  });

  it('refuses a subject the console maps to another principal, naming whom', () => {
    const judgement = judge(signed('bob', console_, { issuer, subject: '00u2alic' }));
    expect(judgement).toMatchObject({ accepted: false, aboutIdentity: true, reason: 'subject-not-principal', fingerprint: console_.fingerprint });
    expect(judgement.accepted ? '' : judgement.message).toContain('as alice, not as bob');
  });

  it('refuses a console key signing without via, and a person\'s key signing with via', () => {
    expect(reason(signed('bob', console_, null))).toBe('console-without-via');
    expect(reason(signed('bob', bob, { issuer, subject: '00u1abcd' }))).toBe('not-a-console');
  });

  it('refuses an unknown key with via, and a console\'s key that vouches for no approver of this gate', () => {
    expect(reason(signed('bob', stranger, { issuer, subject: '00u1abcd' }))).toBe('unknown-key');
    expect(reason(signed('bob', idle, { issuer, subject: '00u1abcd' }))).toBe('other-principal');
  });

  it('still applies the gate\'s own rules to a vouched decision: approvers, expiry, already approved', () => {
    expect(reason(signed('bob', console_, { issuer, subject: '00u1abcd' }), { now: opened + 601_000 })).toBe('expired');
    expect(reason(signed('carol', console_, { issuer, subject: '00u9carl' }))).toBe('not-an-approver');
    const approved = { ...open, approvals: [{ principal: 'bob', fingerprint: bob.fingerprint, at: open.openedAt }] };
    expect(reason(signed('bob', console_, { issuer, subject: '00u1abcd' }), { open: approved })).toBe('already-approved');
  });

  it('keeps for a gate only the console entries and subjects that map to its approvers', () => {
    expect(vouchersFor(vouchers, ['alice', 'bob'])).toEqual([{ principal: 'console@ops.example.com', issuer, subjects: { '00u1abcd': 'bob', '00u2alic': 'alice' } }]);
    expect(vouchersFor(vouchers, ['dave'])).toEqual([]);
  });
});
