import { judgeGateDecision, type GateDecisionFacts } from '../../workflows/decisions/gate-decision';
import { gate as gateSchema } from '../../workflows/runbook/schema';
import { trustedSigners } from '../../workflows/signing/gate-signers';
import { DECISION_NAMESPACE, statementText, type DecisionStatement } from '../../workflows/signing/statement';
import type { OpenGate } from '../../workflows/status';
import { SshWorkspace } from '../support/ssh';

const opened = Date.UTC(2026, 10, 30, 1, 0);
const open: OpenGate = {
  name: 'go-live',
  approvers: ['olivia', 'bob', 'carol'],
  twoPersonRule: true,
  openedAt: new Date(opened).toISOString(),
  deadline: null,
  shown: 'sha256:00',
  required: 2,
  approvals: [],
  context: { weights: { blue: 100, green: 0 }, step: null, lagSeconds: 1, metrics: {} },
};

describe('judging a gate decision', () => {
  const ssh = new SshWorkspace();
  const bob = ssh.key('ed25519');
  const olivia = ssh.key('ed25519');
  const mallory = ssh.key('ed25519');
  afterAll(() => ssh.close());
  const facts = (change: Partial<GateDecisionFacts> = {}): GateDecisionFacts => ({
    policy: 'signed',
    cutoverId: 'orders-1',
    firstRunId: 'run-1',
    startedBy: 'olivia',
    gates: [gateSchema.parse({ name: 'go-live', approvers: ['olivia', 'bob', 'carol'], twoPersonRule: true, approvals: 2 })],
    open,
    notRunning: null,
    trusted: trustedSigners({ configured: true, lines: `bob ${bob.publicKey}\nolivia ${olivia.publicKey}\n`, others: { [mallory.fingerprint]: ['mallory'] } }),
    now: opened + 1_000,
    ...change,
  });
  const signed = (by: string, key = bob, change: Partial<DecisionStatement> = {}) => {
    const statement = statementText({
      cutoverId: 'orders-1',
      firstRunId: 'run-1',
      gate: 'go-live',
      by,
      decision: 'approve',
      reason: null,
      gateOpenedAt: open.openedAt,
      shown: 'sha256:00',
      expiresAt: new Date(opened + 600_000).toISOString(),
      ...change,
    });
    return { gate: 'go-live', by, signed: { statement, signature: ssh.sign(key, DECISION_NAMESPACE, statement) } };
  };

  it('accepts a verified approval with its proof', () => {
    expect(judgeGateDecision('approve', signed('bob'), facts())).toMatchObject({ accepted: true, proof: { verified: true, principal: 'bob', fingerprint: bob.fingerprint, unverifiedBecause: null } });
  });

  it('refuses what says nothing about identity without asking for a record', () => {
    expect(judgeGateDecision('approve', signed('bob'), facts({ open: null }))).toEqual({ accepted: false, aboutIdentity: false, reason: 'gate-not-open', message: 'gate "go-live" is not open: no gate is open now' });
    expect(judgeGateDecision('reject', { gate: 'go-live', by: 'bob', reason: ' ' }, facts())).toMatchObject({ accepted: false, aboutIdentity: false });
  });

  it('refuses on identity with a reason of its own each', () => {
    const reason = (request: Parameters<typeof judgeGateDecision>[1], change?: Partial<GateDecisionFacts>) => {
      const judgement = judgeGateDecision('approve', request, facts(change));
      return judgement.accepted ? 'accepted' : judgement.aboutIdentity ? judgement.reason : 'cheap';
    };
    expect(reason({ gate: 'go-live', by: 'bob' })).toBe('unsigned');
    expect(reason(signed('bob', mallory))).toBe('other-principal');
    expect(reason(signed('bob', olivia))).toBe('other-principal');
    expect(reason(signed('olivia', olivia))).toBe('two-person-rule');
    expect(reason(signed('mallory', mallory))).toBe('not-an-approver');
    expect(reason(signed('bob'), { now: opened + 601_000 })).toBe('expired');
    expect(reason(signed('bob', bob, { shown: 'sha256:01' }))).toBe('shown-mismatch');
    expect(reason(signed('bob'), { open: { ...open, approvals: [{ principal: 'bob', fingerprint: bob.fingerprint, at: open.openedAt }] } })).toBe('already-approved');
  });

  it('names the principal a stray key belongs to', () => {
    const judgement = judgeGateDecision('approve', signed('bob', mallory), facts());
    expect(judgement).toMatchObject({ message: `key ${mallory.fingerprint} is listed for mallory, not for bob`, fingerprint: mallory.fingerprint });
  });

  it('accepts names as typed under unverified approvals, and says so in the proof', () => {
    expect(judgeGateDecision('approve', { gate: 'go-live', by: 'bob' }, facts({ policy: 'unverified' }))).toMatchObject({
      accepted: true,
      proof: { verified: false, principal: 'bob', fingerprint: null, unverifiedBecause: 'approvals-unverified' },
    });
  });
});
