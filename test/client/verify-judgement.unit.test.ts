import { defaultPayloadConverter } from '@temporalio/common';
import { msNumberToTs } from '@temporalio/common/lib/time';
import type { temporal } from '@temporalio/proto';
import { verificationLines } from '../../client/render/verification';
import { historyFacts } from '../../client/verify/history-facts';
import { signatureDigest, unsignedControlFails, verifyDecisions } from '../../client/verify/verify-decisions';
import { parseAllowedSigners } from '../../workflows/signing/allowed-signers';
import { controlStatementText } from '../../workflows/signing/control-statement';
import { runbookDigest, startStatementText } from '../../workflows/signing/start-statement';
import { DECISION_NAMESPACE } from '../../workflows/signing/statement';
import { SshWorkspace } from '../support/ssh';

type Event = temporal.api.history.v1.IHistoryEvent;
const T = Date.UTC(2026, 2, 1, 9, 20);
const payload = (value: unknown) => defaultPayloadConverter.toPayload(value)!;
const iso = (ms: number) => new Date(ms).toISOString();
const plainRunbook = { name: 'orders', approvals: 'signed', gates: [{ name: 'go-live', approvers: ['bob'], twoPersonRule: false }] };
const twoPerson = { ...plainRunbook, gates: [{ name: 'go-live', approvers: ['olivia', 'bob'], twoPersonRule: true }] };

describe('what cutover verify makes of the start and of unsigned controls', () => {
  const ssh = new SshWorkspace();
  const olivia = ssh.key('ed25519');
  const mallory = ssh.key('ed25519');
  const signers = parseAllowedSigners(`olivia ${olivia.publicKey}\n`);
  afterAll(() => ssh.close());

  const startSigned = (runbook: object, key = olivia, change: Record<string, string | boolean> = {}) => {
    const statement = startStatementText({ cutoverId: 'orders-1', runbook: runbookDigest(runbook), by: 'olivia', signedAt: iso(T - 61_000), expiresAt: iso(T + 600_000), ...change });
    return { statement, signature: ssh.sign(key, DECISION_NAMESPACE, statement) };
  };

  interface Control {
    action: 'pause' | 'resume' | 'abort';
    signed?: { statement: string; signature: string } | null;
  }

  function history(options: { runbook?: object; signedStart?: { statement: string; signature: string } | null; controls?: Control[]; adoptWeights?: boolean }) {
    const input = { runbook: options.runbook ?? plainRunbook, startedBy: 'olivia', ...(options.signedStart ? { signedStart: options.signedStart } : {}), ...(options.adoptWeights ? { adoptWeights: true } : {}) };
    const events: Event[] = [{ eventId: 1 as never, eventTime: msNumberToTs(T - 60_000), workflowExecutionStartedEventAttributes: { firstExecutionRunId: 'run-1', originalExecutionRunId: 'run-1', input: { payloads: [payload(input)] } } }];
    (options.controls ?? []).forEach((control, index) => {
      const at = T + index * 1_000;
      const signed = control.signed ?? null;
      events.push({ eventId: (10 + index * 2) as never, eventTime: msNumberToTs(at), workflowExecutionUpdateAcceptedEventAttributes: { acceptedRequest: { input: { name: control.action, args: { payloads: [payload({ by: 'olivia', reason: 'why', ...(signed ? { signed } : {}) })] } } } } });
      const memo = { seq: 20 + index, action: control.action, via: 'update', gate: null, principal: 'olivia', verified: false, fingerprint: null, signatureDigest: signed ? signatureDigest(signed.signature) : null, at: iso(at) };
      events.push({ eventId: (11 + index * 2) as never, eventTime: msNumberToTs(at + 5), workflowPropertiesModifiedEventAttributes: { upsertedMemo: { fields: { [`decision.${20 + index}`]: payload(memo) } } } });
    });
    return historyFacts([{ events } as temporal.api.history.v1.IHistory]);
  }

  it('verifies a start signed by the starter\'s key and prints it first', () => {
    const verification = verifyDecisions('orders-1', history({ runbook: twoPerson, signedStart: startSigned(twoPerson) }), signers);
    expect(verification).toMatchObject({ ok: true, start: { verified: true, principal: 'olivia', fingerprint: olivia.fingerprint } });
    expect(verificationLines(verification)[1]).toBe(`verified      start by olivia at ${iso(T - 60_000)} (ssh-ed25519 ${olivia.fingerprint})`);
  });

  it.each([
    ['signed with another key', () => startSigned(twoPerson, mallory), 'is not in the allowed signers'],
    ['signed for another runbook', () => startSigned(plainRunbook), 'the statement\'s runbook digest'],
    ['signed for another cutover', () => startSigned(twoPerson, olivia, { cutoverId: 'orders-2' }), 'the statement\'s cutover is "orders-2"'],
    ['unsigned under a two-person gate', () => null, 'the runbook\'s two-person rule needs a signed start'],
  ])('fails on a start %s, naming it', (_, signed, problem) => {
    const verification = verifyDecisions('orders-1', history({ runbook: twoPerson, signedStart: signed() }), signers);
    expect(verification.ok).toBe(false);
    expect(verification.start).toMatchObject({ verified: false, fails: true, problem: expect.stringContaining(problem) });
    expect(verificationLines(verification)[1]).toMatch(/^NOT VERIFIED {2}start by olivia/);
  });

  it('verifies a start that adopted the weights only when its statement says so too, either way', () => {
    const adopting = startSigned(plainRunbook, olivia, { adoptWeights: true });
    expect(verifyDecisions('orders-1', history({ signedStart: adopting, adoptWeights: true }), signers)).toMatchObject({ ok: true, start: { verified: true } });
    for (const [signedStart, adoptWeights] of [[startSigned(plainRunbook), true], [adopting, false]] as const) {
      const verification = verifyDecisions('orders-1', history({ signedStart, adoptWeights }), signers);
      expect(verification).toMatchObject({ ok: false, start: { verified: false, fails: true, problem: expect.stringContaining("the statement's choice to adopt the weights is") } });
    }
  });

  it('lists an unsigned start of a runbook without a two-person gate, and fails on it only under --strict', () => {
    const facts = history({});
    expect(verifyDecisions('orders-1', facts, signers)).toMatchObject({ ok: true, start: { unsigned: true, fails: false } });
    expect(verificationLines(verifyDecisions('orders-1', facts, signers))[1]).toBe(`unsigned      start by olivia at ${iso(T - 60_000)}: unsigned (recorded unverified by the cutover)`);
    expect(verifyDecisions('orders-1', facts, signers, { strict: true })).toMatchObject({ ok: false, start: { fails: true } });
  });

  it('lists an unsigned pause and abort without failing, fails on an unsigned resume, and on all three under --strict', () => {
    const stops = history({ signedStart: startSigned(plainRunbook), controls: [{ action: 'pause' }, { action: 'abort' }] });
    const lenient = verifyDecisions('orders-1', stops, signers);
    expect(lenient.ok).toBe(true);
    expect(lenient.decisions.map((decision) => [decision.action, decision.unsigned, decision.fails])).toEqual([['pause', true, false], ['abort', true, false]]);
    expect(verificationLines(lenient)[3]).toBe(`unsigned      #21 abort by olivia at ${iso(T + 1_000)}: unsigned (recorded unverified by the cutover)`);
    expect(verifyDecisions('orders-1', stops, signers, { strict: true }).ok).toBe(false);

    const resumed = verifyDecisions('orders-1', history({ signedStart: startSigned(plainRunbook), controls: [{ action: 'pause' }, { action: 'resume' }] }), signers);
    expect(resumed.ok).toBe(false);
    expect(resumed.decisions[1]).toMatchObject({ action: 'resume', unsigned: true, fails: true });
    expect(verificationLines(resumed)[3]).toMatch(/^NOT VERIFIED {2}#21 resume by olivia/);
    expect([unsignedControlFails('abort', false), unsignedControlFails('pause', false), unsignedControlFails('resume', false), unsignedControlFails('abort', true)]).toEqual([false, false, true, true]);
  });

  it('fails on an abort whose signature does not verify: a forged signature is not an unsigned control', () => {
    const statement = controlStatementText({ cutoverId: 'orders-1', firstRunId: 'run-1', action: 'abort', by: 'olivia', reason: 'why', signedAt: iso(T), expiresAt: iso(T + 600_000) });
    const verification = verifyDecisions('orders-1', history({ signedStart: startSigned(plainRunbook), controls: [{ action: 'abort', signed: { statement, signature: ssh.sign(mallory, DECISION_NAMESPACE, statement) } }] }), signers);
    expect(verification.ok).toBe(false);
    expect(verification.decisions[0]).toMatchObject({ action: 'abort', unsigned: false, fails: true, problem: expect.stringContaining('is not in the allowed signers') });
  });
});
