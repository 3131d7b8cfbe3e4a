import { defaultPayloadConverter } from '@temporalio/common';
import { msNumberToTs } from '@temporalio/common/lib/time';
import type { temporal } from '@temporalio/proto';
import { historyFacts } from '../../client/verify/history-facts';
import { signatureDigest, verifyDecisions } from '../../client/verify/verify-decisions';
import { verificationLines } from '../../client/render/verification';
import { parseAllowedSigners } from '../../workflows/signing/allowed-signers';
import { DECISION_NAMESPACE, statementText } from '../../workflows/signing/statement';
import type { AcceptedDecisionMemo } from '../../workflows/signing/proof';
import { SshWorkspace } from '../support/ssh';

type Event = temporal.api.history.v1.IHistoryEvent;
const T = Date.UTC(2026, 2, 1, 9, 20);
const payload = (value: unknown) => defaultPayloadConverter.toPayload(value)!;

describe('verifying a cutover\'s decisions from its history', () => {
  const ssh = new SshWorkspace();
  const bob = ssh.key('ed25519');
  const mallory = ssh.key('ed25519');
  const signers = parseAllowedSigners(`bob ${bob.publicKey}\n`);
  afterAll(() => ssh.close());

  const statement = (overrides: Record<string, unknown> = {}) =>
    statementText({ cutoverId: 'orders-1', firstRunId: 'run-1', gate: 'half-way', by: 'bob', decision: 'approve', reason: 'flat', gateOpenedAt: new Date(T).toISOString(), shown: 'sha256:00', expiresAt: new Date(T + 600_000).toISOString(), ...overrides });

  function history(options: { signed?: { statement: string; signature: string } | null; approvals?: string; arrivesAt?: number; memo?: Partial<AcceptedDecisionMemo> } = {}) {
    const text = statement();
    const signed = options.signed === undefined ? { statement: text, signature: ssh.sign(bob, DECISION_NAMESPACE, text) } : options.signed;
    const at = options.arrivesAt ?? T + 5_000;
    const events: Event[] = [
      { eventId: 1 as never, eventTime: msNumberToTs(T - 60_000), workflowExecutionStartedEventAttributes: { firstExecutionRunId: 'run-1', originalExecutionRunId: 'run-1', input: { payloads: [payload({ runbook: { approvals: options.approvals ?? 'signed' } })] } } },
      { eventId: 7 as never, eventTime: msNumberToTs(at), workflowExecutionUpdateAcceptedEventAttributes: { acceptedRequest: { input: { name: 'approve', args: { payloads: [payload({ gate: 'half-way', by: 'bob', comment: 'flat', ...(signed ? { signed } : {}) })] } } } } },
      {
        eventId: 9 as never,
        eventTime: msNumberToTs(at + 10),
        workflowPropertiesModifiedEventAttributes: {
          upsertedMemo: { fields: { 'decision.12': payload({ seq: 12, action: 'approve', via: 'update', gate: 'half-way', principal: 'bob', verified: true, fingerprint: bob.fingerprint, signatureDigest: signed ? signatureDigest(signed.signature) : null, at: new Date(at).toISOString(), ...options.memo }) } },
        },
      },
    ];
    return { events } as temporal.api.history.v1.IHistory;
  }

  it('verifies a signed approval and prints its key', () => {
    const verification = verifyDecisions('orders-1', historyFacts([history()]), signers);
    expect(verification).toMatchObject({ ok: true, firstRunId: 'run-1', decisions: [{ seq: 12, verified: true, keyType: 'ssh-ed25519', fingerprint: bob.fingerprint }] });
    expect(verificationLines(verification)[1]).toBe(`verified      #12 approve gate "half-way" by bob at ${new Date(T + 5_000).toISOString()} (ssh-ed25519 ${bob.fingerprint})`);
  });

  it('names the decision whose signature in the history was changed', () => {
    const text = statement();
    const signature = ssh.sign(bob, DECISION_NAMESPACE, text);
    const good = history({ signed: { statement: text, signature } });
    const args = good.events![1]!.workflowExecutionUpdateAcceptedEventAttributes!.acceptedRequest!.input!.args!.payloads!;
    const changed = signature.replace(/(\n.{10})(.)/, (_, head: string, char: string) => `${head}${char === 'A' ? 'B' : 'A'}`);
    args[0] = payload({ gate: 'half-way', by: 'bob', comment: 'flat', signed: { statement: text, signature: changed } });
    const verification = verifyDecisions('orders-1', historyFacts([good]), signers);
    expect(verification.ok).toBe(false);
    expect(verification.decisions[0]).toMatchObject({ seq: 12, verified: false, problem: expect.stringContaining('the history was changed') });
  });

  it.each([
    ['a key the auditor does not list for the principal', () => { const text = statement(); return { signed: { statement: text, signature: ssh.sign(mallory, DECISION_NAMESPACE, text) }, memo: { fingerprint: null } }; }, 'is not in the allowed signers'],
    ['a statement for another cutover', () => { const text = statement({ cutoverId: 'payments-1' }); return { signed: { statement: text, signature: ssh.sign(bob, DECISION_NAMESPACE, text) } }; }, 'the statement\'s cutover is "payments-1", not "orders-1"'],
    ['a statement that expired before it arrived', () => ({ arrivesAt: T + 700_000 }), 'expired'],
    ['a signature in another namespace', () => { const text = statement(); return { signed: { statement: text, signature: ssh.sign(bob, 'git', text) } }; }, 'bad signature'],
    ['an unsigned decision', () => ({ signed: null }), 'not signed'],
  ])('refuses %s', (_, make, problem) => {
    const verification = verifyDecisions('orders-1', historyFacts([history(make() as Parameters<typeof history>[0])]), signers);
    expect(verification.ok).toBe(false);
    expect(verification.decisions[0]!.problem).toContain(problem);
  });

  it('says when a run is missing: the first history given continues another, or the last continued as one not given', () => {
    const started = (runId: string, continued: string | null): Event => ({ eventId: 1 as never, eventTime: msNumberToTs(T), workflowExecutionStartedEventAttributes: { firstExecutionRunId: 'run-1', originalExecutionRunId: runId, continuedExecutionRunId: continued ?? '' } });
    const continuedAs = (next: string): Event => ({ eventId: 2 as never, eventTime: msNumberToTs(T), workflowExecutionContinuedAsNewEventAttributes: { newExecutionRunId: next } });
    expect(historyFacts([{ events: [started('run-2', 'run-1')] }]).gaps).toEqual(['the first history given is run run-2, which continues run run-1: give every run, first run first']);
    expect(historyFacts([{ events: [started('run-1', null), continuedAs('run-2')] }]).gaps).toEqual(['the last history given (run run-1) continued as run run-2: give that run too']);
    expect(historyFacts([{ events: [started('run-1', null), continuedAs('run-2')] }, { events: [started('run-3', 'run-2')] }]).gaps).toEqual(['history 2 (run run-3) does not continue the one before it (run run-1): give every run, in order']);
    expect(historyFacts([{ events: [started('run-1', null), continuedAs('run-2')] }, { events: [started('run-2', 'run-1')] }]).gaps).toEqual([]);
  });

  it('prints what a crafted history holds escaped, never as terminal controls', () => {
    const crafted = history({ memo: { principal: 'bob\x1b[2J', at: '2026\u202e' } });
    const lines = verificationLines(verifyDecisions('orders-1\x1b]0;x\x07', historyFacts([crafted]), signers));
    expect(lines.join('\n')).not.toMatch(/[\x1b\x07\u202e]/);
    expect(lines.join('\n')).toContain('bob\\x1b[2J');
  });

  it('does not pass a history whose decision memo the cutover could not have written', () => {
    const verification = verifyDecisions('orders-1', historyFacts([history({ memo: { seq: 'twelve' as never } })]), signers);
    expect(verification).toMatchObject({ ok: false, decisions: [], runProblems: ['the memo entry decision.12 of run run-1 is not a decision the cutover could have written'] });
  });

  it('does not pass a run under approvals: unverified', () => {
    const verification = verifyDecisions('orders-1', historyFacts([history({ approvals: 'unverified' })]), signers);
    expect(verification.ok).toBe(false);
    expect(verificationLines(verification)).toContain('NOT VERIFIED  the run: the runbook says approvals: unverified: identities in this cutover were not verified');
  });
});
