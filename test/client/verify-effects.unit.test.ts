import { defaultPayloadConverter } from '@temporalio/common';
import { msNumberToTs } from '@temporalio/common/lib/time';
import type { temporal } from '@temporalio/proto';
import { historyFacts } from '../../client/verify/history-facts';
import { gatesPassed, resumesTookEffect, type KnownState } from '../../client/verify/history-states';
import { signatureDigest, verifyDecisions } from '../../client/verify/verify-decisions';
import { verificationLines } from '../../client/render/verification';
import { parseAllowedSigners } from '../../workflows/signing/allowed-signers';
import { controlStatementText } from '../../workflows/signing/control-statement';
import { DECISION_NAMESPACE, statementText } from '../../workflows/signing/statement';
import { SshWorkspace } from '../support/ssh';

type Event = temporal.api.history.v1.IHistoryEvent;
const T = Date.UTC(2026, 2, 1, 9, 20);
const at = (seconds: number) => new Date(T + seconds * 1_000).toISOString();
const payload = (value: unknown) => defaultPayloadConverter.toPayload(value)!;

describe('verify holds what the history shows the cutover did against the decisions it lists', () => {
  const ssh = new SshWorkspace();
  const bob = ssh.key('ed25519');
  const carol = ssh.key('ed25519');
  const keys = { bob, carol };
  const signers = parseAllowedSigners(`bob ${bob.publicKey}\ncarol ${carol.publicKey}\n`);
  afterAll(() => ssh.close());

  let events: Event[];
  let seq: number;
  const push = (seconds: number, attributes: Event) => events.push({ eventId: (events.length + 1) as never, eventTime: msNumberToTs(T + seconds * 1_000), ...attributes });
  const known = (seconds: number, state: { openGate?: string | null; paused?: boolean; phase?: string; outcome?: string }) =>
    push(seconds, { workflowPropertiesModifiedEventAttributes: { upsertedMemo: { fields: { lastKnown: payload({ phase: 'canary', outcome: 'running', step: null, weights: null, openGate: null, paused: false, ...state, at: at(seconds) }) } } } });

  function start(gates: Array<{ name: string; approvals?: number }> = [{ name: 'half-way' }]) {
    events = [];
    seq = 10;
    push(-60, { workflowExecutionStartedEventAttributes: { firstExecutionRunId: 'run-1', originalExecutionRunId: 'run-1', input: { payloads: [payload({ runbook: { approvals: 'signed', gates: gates.map((gate) => ({ approvers: ['bob', 'carol'], ...gate })) } })] } } });
  }

  /** An update as the cutover took it: accepted, its memo entry, completed; `erase` leaves out its events and its memo entry. */
  function update(seconds: number, name: 'approve' | 'pause' | 'resume', by: 'bob' | 'carol', options: { signed?: boolean; memo?: boolean; outcome?: 'success' | 'failure' } = {}) {
    const signedOne = options.signed ?? true;
    const text =
      name === 'approve'
        ? statementText({ cutoverId: 'orders-1', firstRunId: 'run-1', gate: 'half-way', by, decision: 'approve', reason: null, gateOpenedAt: at(0), shown: 'sha256:00', expiresAt: at(600) })
        : controlStatementText({ cutoverId: 'orders-1', firstRunId: 'run-1', action: name, by, reason: null, signedAt: at(seconds), expiresAt: at(seconds + 600) });
    const signed = signedOne ? { statement: text, signature: ssh.sign(keys[by], DECISION_NAMESPACE, text) } : null;
    const updateId = `u-${events.length}`;
    push(seconds, { workflowExecutionUpdateAcceptedEventAttributes: { acceptedRequest: { meta: { updateId }, input: { name, args: { payloads: [payload({ by, ...(name === 'approve' ? { gate: 'half-way' } : {}), ...(signed ? { signed } : {}) })] } } } } });
    if (options.memo ?? true) {
      seq += 1;
      const memo = { seq, action: name, via: 'update', gate: name === 'approve' ? 'half-way' : null, principal: by, verified: signedOne, fingerprint: signedOne ? keys[by].fingerprint : null, signatureDigest: signed ? signatureDigest(signed.signature) : null, at: at(seconds) };
      push(seconds, { workflowPropertiesModifiedEventAttributes: { upsertedMemo: { fields: { [`decision.${seq}`]: payload(memo) } } } });
    }
    push(seconds, { workflowExecutionUpdateCompletedEventAttributes: { meta: { updateId }, outcome: options.outcome === 'failure' ? { failure: { message: 'refused' } } : { success: {} } } });
  }

  const verify = () => verifyDecisions('orders-1', historyFacts([{ events } as temporal.api.history.v1.IHistory]), signers);

  it('passes a gate passed with its verified approval, and a resume with its verified resume', () => {
    start();
    known(0, { openGate: 'half-way' });
    known(5, { openGate: 'half-way', paused: true });
    update(5, 'pause', 'carol');
    update(8, 'approve', 'bob');
    known(9, { openGate: 'half-way', paused: false });
    update(9, 'resume', 'carol');
    known(10, { openGate: null });
    expect(verify()).toMatchObject({ ok: true, effects: [] });
  });

  it('names the gate and the time when its approval was erased, update events and memo entry both', () => {
    start();
    known(0, { openGate: 'half-way' });
    known(10, { openGate: null, phase: 'canary' });
    const verification = verify();
    expect(verification.ok).toBe(false);
    expect(verification.effects).toEqual([{ kind: 'gate-passed', gate: 'half-way', at: at(10), problem: `gate "half-way" was passed at ${at(10)} (open since ${at(0)}) without an accepted, verified approval recorded for it` }]);
    expect(verificationLines(verification)).toContain(`NOT VERIFIED  gate "half-way" was passed at ${at(10)} (open since ${at(0)}) without an accepted, verified approval recorded for it`);
  });

  it('says nothing of a gate that closed because the run stopped (a rejection, timeout, abort or breach unwinds it)', () => {
    start();
    known(0, { openGate: 'half-way' });
    known(10, { openGate: null, phase: 'rollback' });
    known(20, { openGate: null, phase: 'rollback', outcome: 'rolled-back' });
    expect(verify()).toMatchObject({ ok: true, effects: [] });
  });

  it('counts different verified approvers against the gate\'s approvals: n', () => {
    start([{ name: 'half-way', approvals: 2 }]);
    known(0, { openGate: 'half-way' });
    update(5, 'approve', 'bob');
    known(10, { openGate: null });
    expect(verify().effects.map((effect) => effect.problem)).toEqual([`gate "half-way" was passed at ${at(10)} (open since ${at(0)}) with 1 of the 2 accepted, verified approvals it needs recorded for it`]);
  });

  it('fails a resume that took effect with no resume recorded, or only an unsigned one', () => {
    start();
    known(5, { paused: true });
    known(9, { paused: false });
    expect(verify().effects).toEqual([expect.objectContaining({ kind: 'resumed', at: at(9), problem: `a resume took effect at ${at(9)} (paused since ${at(5)}) without an accepted, verified resume recorded for it` })]);
    start();
    known(5, { paused: true });
    known(9, { paused: false });
    update(9, 'resume', 'carol', { signed: false });
    expect(verify()).toMatchObject({ ok: false, effects: [expect.objectContaining({ kind: 'resumed', at: at(9) })] });
  });

  it('fails when the memo and the events disagree: an accepted update the memo does not list, a memo entry for an update refused', () => {
    start();
    known(5, { paused: true });
    update(5, 'pause', 'carol', { memo: false });
    expect(verify().effects).toEqual([expect.objectContaining({ kind: 'update-not-in-memo', problem: expect.stringMatching(/^the history shows pause by carol accepted at \S+ \(update u-\d+, run run-1\), but the memo lists no decision for it/) })]);
    start();
    update(5, 'pause', 'carol', { outcome: 'failure' });
    expect(verify()).toMatchObject({ ok: false, decisions: [expect.objectContaining({ action: 'pause', problem: 'no update request for it from carol is in the history' })] });
  });

  it('reads gates passed and resumes from the last-known states alone', () => {
    const state = (order: number, fields: Partial<KnownState>): KnownState => ({ openGate: null, paused: false, phase: 'canary', outcome: 'running', at: T + order, runId: 'r', eventId: String(order), order, ...fields });
    const states = [state(1, { openGate: 'a' }), state(2, { openGate: 'a', paused: true }), state(3, { openGate: 'b', paused: true }), state(4, { openGate: 'b' }), state(5, { phase: 'complete' })];
    expect(gatesPassed(states).map((passed) => [passed.gate, passed.opened.order, passed.passed.order])).toEqual([['a', 1, 3], ['b', 3, 5]]);
    expect(resumesTookEffect(states).map((resume) => [resume.paused.order, resume.resumed.order])).toEqual([[2, 4]]);
  });
});
