import { defaultPayloadConverter } from '@temporalio/common';
import { msNumberToTs } from '@temporalio/common/lib/time';
import type { temporal } from '@temporalio/proto';
import { historyFacts } from '../../client/verify/history-facts';
import { signatureDigest, verifyDecisions } from '../../client/verify/verify-decisions';
import { verificationLines } from '../../client/render/verification';
import { parseAllowedSigners } from '../../workflows/signing/allowed-signers';
import type { AcceptedDecisionMemo } from '../../workflows/signing/proof';
import { controlStatementText } from '../../workflows/signing/control-statement';
import { DECISION_NAMESPACE, statementText } from '../../workflows/signing/statement';
import type { ConsoleVoucher } from '../../workflows/signing/vouchers';
import { SshWorkspace } from '../support/ssh';

type Event = temporal.api.history.v1.IHistoryEvent;
const T = Date.UTC(2026, 2, 1, 9, 20);
const issuer = 'https://login.example.com/';
const payload = (value: unknown) => defaultPayloadConverter.toPayload(value)!;
const vouchers: ConsoleVoucher[] = [{ principal: 'console@ops', issuer, subjects: { '00u1abcd': 'bob', '00u2alic': 'alice' } }];

describe('verifying a decision a console signed for a signed-in person', () => {
  const ssh = new SshWorkspace();
  const console_ = ssh.key('ed25519');
  const bob = ssh.key('ed25519');
  const signers = parseAllowedSigners(`console@ops ${console_.publicKey}\nbob ${bob.publicKey}\n`);
  afterAll(() => ssh.close());

  function history(options: { subject?: string; key?: typeof bob; memo?: Partial<AcceptedDecisionMemo>; pause?: boolean } = {}) {
    const via = { issuer, subject: options.subject ?? '00u1abcd' };
    const times = { expiresAt: new Date(T + 600_000).toISOString() };
    const text = options.pause
      ? controlStatementText({ cutoverId: 'orders-1', firstRunId: 'run-1', action: 'pause', by: 'bob', reason: 'look', signedAt: new Date(T).toISOString(), ...times, via })
      : statementText({ cutoverId: 'orders-1', firstRunId: 'run-1', gate: 'half-way', by: 'bob', decision: 'approve', reason: null, gateOpenedAt: new Date(T).toISOString(), shown: 'sha256:00', ...times, via });
    const signed = { statement: text, signature: ssh.sign(options.key ?? console_, DECISION_NAMESPACE, text) };
    const action = options.pause ? 'pause' : 'approve';
    const gate = options.pause ? null : 'half-way';
    const memo = { seq: 12, action, via: 'update', gate, principal: 'bob', verified: true, fingerprint: (options.key ?? console_).fingerprint, signatureDigest: signatureDigest(signed.signature), at: new Date(T + 5_000).toISOString(), vouched: { console: 'console@ops', ...via }, ...options.memo };
    const args = options.pause ? { by: 'bob', reason: 'look', signed } : { gate: 'half-way', by: 'bob', signed };
    const events: Event[] = [
      { eventId: 1 as never, eventTime: msNumberToTs(T - 60_000), workflowExecutionStartedEventAttributes: { firstExecutionRunId: 'run-1', originalExecutionRunId: 'run-1', input: { payloads: [payload({ runbook: { approvals: 'signed' } })] } } },
      { eventId: 7 as never, eventTime: msNumberToTs(T + 5_000), workflowExecutionUpdateAcceptedEventAttributes: { acceptedRequest: { input: { name: action, args: { payloads: [payload(args)] } } } } },
      { eventId: 9 as never, eventTime: msNumberToTs(T + 5_010), workflowPropertiesModifiedEventAttributes: { upsertedMemo: { fields: { 'decision.12': payload(memo) } } } },
    ];
    return { events } as temporal.api.history.v1.IHistory;
  }

  it('verifies it with the console vouchers and names the subject, the issuer and the console', () => {
    const verification = verifyDecisions('orders-1', historyFacts([history()]), signers, { vouchers });
    expect(verification).toMatchObject({ ok: true, decisions: [{ verified: true, fingerprint: console_.fingerprint, via: { console: 'console@ops', issuer, subject: '00u1abcd' } }] });
    expect(verificationLines(verification)[1]).toBe(`verified      #12 approve gate "half-way" by bob at ${new Date(T + 5_000).toISOString()} (OIDC subject 00u1abcd at ${issuer}, via console console@ops, ssh-ed25519 ${console_.fingerprint})`);
  });

  it('does not verify it without the console vouchers, and says what to give', () => {
    const verification = verifyDecisions('orders-1', historyFacts([history()]), signers);
    expect(verification.ok).toBe(false);
    expect(verification.decisions[0]!.problem).toBe(`a console vouched for bob (OIDC subject "00u1abcd" at ${issuer}): give --console-vouchers <file> to check it`);
  });

  it('does not verify a subject the auditor\'s vouchers map to someone else, or a person\'s key vouching', () => {
    expect(verifyDecisions('orders-1', historyFacts([history({ subject: '00u2alic' })]), signers, { vouchers }).decisions[0]!.problem).toContain('as alice, not as bob');
    expect(verifyDecisions('orders-1', historyFacts([history({ key: bob })]), signers, { vouchers }).decisions[0]!.problem).toContain('belongs to no console');
  });

  it('does not verify when the memo names a console vouching the statement does not carry', () => {
    const verification = verifyDecisions('orders-1', historyFacts([history({ memo: { vouched: { console: 'console@ops', issuer, subject: '00u9' } } })]), signers, { vouchers });
    expect(verification.decisions[0]!.problem).toContain('which the signed statement does not say');
  });

  it('verifies a pause a console signed for a signed-in person the same way', () => {
    expect(verifyDecisions('orders-1', historyFacts([history({ pause: true })]), signers, { vouchers })).toMatchObject({ ok: true, decisions: [{ action: 'pause', verified: true, via: { console: 'console@ops', subject: '00u1abcd' } }] });
    expect(verifyDecisions('orders-1', historyFacts([history({ pause: true, subject: '00u2alic' })]), signers, { vouchers }).decisions[0]!.problem).toContain('as alice, not as bob');
  });
});
