/**
 * Gates under `approvals: signed`, driven through a raw Temporal client against a worker with an
 * allowed-signers file: what passes, what is refused, and what the record keeps of both.
 */
import { approveSignal, approveUpdate, rejectSignal } from '../../workflows/messages';
import { DECISION_MEMO_PREFIX, type AcceptedDecisionMemo, type DecisionProof, type RefusedAttempt } from '../../workflows/signing/proof';
import { cutoverSuite, waitForStatus } from '../support/harness';
import { fastCloud, fastRunbook, fastScenario } from '../support/runbooks';
import { keyring, refusal, refusedEntries, signedFor, signedStartFor, statusOf } from './support/signed';

const OTHER_RECORD = 'payments.example.com';

const runbook = fastRunbook({
  approvals: 'signed',
  gates: [
    { name: 'go-live', approvers: ['olivia', 'bob', 'carol'], twoPersonRule: true },
    { name: 'half-way', approvers: ['bob', 'carol'] },
  ],
  startGate: 'go-live',
  canary: { steps: [{ weight: 50, bake: '500ms', gate: 'half-way' }, { weight: 100, bake: '500ms' }] },
});

describe('gates under signed approvals', () => {
  const suite = cutoverSuite();
  const ring = keyring();
  afterAll(() => ring.close());

  async function atGoLive() {
    const scenario = fastScenario();
    scenario.dns![OTHER_RECORD] = { ttlMs: 500, syncDelayMs: 50 };
    await suite.startWorker(fastCloud(scenario), { allowedSigners: ring.allowedSigners });
    const handle = await suite.start(runbook, 'olivia', { sign: (id) => signedStartFor(ring, runbook, id, 'olivia', ring.keys.olivia) });
    const status = await waitForStatus(handle, (s) => s.openGate?.name === 'go-live');
    return { handle, status };
  }

  it('refuses a raw update and a raw signal claiming an approver unsigned, badly signed or with another principal\'s key, and records each attempt', async () => {
    const { handle, status } = await atGoLive();
    const valid = signedFor(ring, handle, status, { by: 'bob', key: ring.keys.bob });
    const tampered = { ...valid, signed: { statement: valid.signed!.statement, signature: signedFor(ring, handle, status, { by: 'bob', key: ring.keys.bob, reason: 'other' }).signed!.signature } };
    const attempts = [
      { gate: 'go-live', by: 'bob' },
      tampered,
      signedFor(ring, handle, status, { by: 'bob', key: ring.keys.carol }),
      signedFor(ring, handle, status, { by: 'bob', key: ring.keys.mallory }),
    ];

    const messages = [];
    for (const attempt of attempts) messages.push(await refusal(handle.executeUpdate(approveUpdate, { args: [attempt] })));
    expect(messages[0]).toContain('the decision is not signed');
    expect(messages[1]).toContain('does not verify over this statement');
    expect(messages[2]).toContain(`is listed for carol, not for bob`);
    expect(messages[3]).toContain(`is listed for mallory, not for bob`);
    for (const attempt of attempts) await handle.signal(approveSignal, attempt);

    const after = await waitForStatus(handle, (s) => refusedEntries(s).length === 8);
    const refused = refusedEntries(after).map((entry) => entry.data as unknown as RefusedAttempt);
    const reasons = ['unsigned', 'bad-signature', 'other-principal', 'other-principal'];
    expect(refused.map((attempt) => [attempt.via, attempt.reason])).toEqual([...reasons.map((reason) => ['update', reason]), ...reasons.map((reason) => ['signal', reason])]);
    expect(refused[2]).toMatchObject({ action: 'approve', gate: 'go-live', claimed: 'bob', fingerprint: ring.keys.carol.fingerprint });
    expect(after.refused).toEqual({ recorded: 8, counted: 0 });
    expect(after.openGate?.name).toBe('go-live');
    expect(after.timeline.some((entry) => entry.kind === 'approval')).toBe(false);
    await handle.terminate('test over');
  });

  it('records a signal whose payload is no request at all, and keeps waiting for a decision', async () => {
    const { handle } = await atGoLive();
    await handle.signal(approveSignal, null as never);
    await handle.signal(approveSignal, 'bob' as never);
    const after = await waitForStatus(handle, (s) => refusedEntries(s).length === 2);
    expect(refusedEntries(after).map((entry) => (entry.data as unknown as RefusedAttempt).reason)).toEqual(['bad-request', 'bad-request']);
    expect(after.openGate?.name).toBe('go-live');
    await handle.terminate('test over');
  });

  it('passes on a valid signature, records the verified fingerprint, and lists the decision in the memo and the history', async () => {
    const { handle, status } = await atGoLive();
    expect(status.openGate?.keys).toEqual(
      expect.arrayContaining([{ principal: 'bob', keyType: 'ssh-ed25519', fingerprint: ring.keys.bob.fingerprint }, { principal: 'carol', keyType: 'ecdsa-sha2-nistp256', fingerprint: ring.keys.carol.fingerprint }]),
    );
    expect(status.openGate?.keys?.map((key) => key.principal)).not.toContain('mallory');
    const request = signedFor(ring, handle, status, { by: 'bob', key: ring.keys.bob, reason: 'lag flat' });
    const receipt = await handle.executeUpdate(approveUpdate, { args: [request] });
    expect(receipt.message).toBe('gate "go-live" approved by bob: lag flat');

    const after = await waitForStatus(handle, (s) => s.openGate?.name === 'half-way');
    const approval = after.timeline.find((entry) => entry.kind === 'approval')!;
    const proof = approval.data?.proof as DecisionProof;
    expect(proof).toEqual({ verified: true, principal: 'bob', keyType: 'ssh-ed25519', fingerprint: ring.keys.bob.fingerprint, statement: request.signed!.statement, signature: request.signed!.signature, unverifiedBecause: null, via: null });

    const memo = (await handle.describe()).memo as Record<string, unknown>;
    const listed = memo[`${DECISION_MEMO_PREFIX}${approval.seq}`] as AcceptedDecisionMemo;
    expect(listed).toMatchObject({ seq: approval.seq, action: 'approve', via: 'update', gate: 'go-live', principal: 'bob', verified: true, fingerprint: ring.keys.bob.fingerprint });
    expect(listed.signatureDigest).toMatch(/^sha256:[0-9a-f]{64}$/);
    const { events } = await handle.fetchHistory();
    const modified = events!.filter((event) => event.workflowPropertiesModifiedEventAttributes?.upsertedMemo?.fields?.[`${DECISION_MEMO_PREFIX}${approval.seq}`]);
    expect(modified).toHaveLength(1);
    await handle.terminate('test over');
  });

  it('refuses a valid signature replayed to another gate, another cutover, or for an earlier opening of the gate', async () => {
    const { handle, status } = await atGoLive();
    const goLive = signedFor(ring, handle, status, { by: 'bob', key: ring.keys.bob });
    const earlier = signedFor(ring, handle, status, { by: 'bob', key: ring.keys.bob, change: { gateOpenedAt: new Date(Date.parse(status.openGate!.openedAt) - 60_000).toISOString() } });
    expect(await refusal(handle.executeUpdate(approveUpdate, { args: [earlier] }))).toContain('signed for an earlier opening of gate "go-live"');

    // Another record: the first cutover holds the lease of its own.
    const otherRunbook = { ...runbook, dns: { ...runbook.dns, record: OTHER_RECORD } };
    const other = await suite.start(otherRunbook, 'olivia', { sign: (id) => signedStartFor(ring, otherRunbook, id, 'olivia', ring.keys.olivia) });
    await waitForStatus(other, (s) => s.openGate?.name === 'go-live');
    expect(await refusal(other.executeUpdate(approveUpdate, { args: [goLive] }))).toContain(`signed for cutover "${handle.workflowId}"`);

    await handle.executeUpdate(approveUpdate, { args: [goLive] });
    await waitForStatus(handle, (s) => s.openGate?.name === 'half-way');
    expect(await refusal(handle.executeUpdate(approveUpdate, { args: [{ ...goLive, gate: 'half-way' }] }))).toContain('signed for gate "go-live", not "half-way"');
    const after = await statusOf(handle);
    expect(refusedEntries(after).map((entry) => (entry.data as unknown as RefusedAttempt).reason)).toEqual(['earlier-opening', 'another-gate']);
    expect(refusedEntries(await statusOf(other)).map((entry) => (entry.data as unknown as RefusedAttempt).reason)).toEqual(['another-cutover']);
    expect(after.openGate?.name).toBe('half-way');
    await other.terminate('test over');
    await handle.terminate('test over');
  });

  it('stops the run on a verified rejection sent as a signal', async () => {
    const { handle, status } = await atGoLive();
    await handle.signal(rejectSignal, signedFor(ring, handle, status, { by: 'carol', key: ring.keys.carol, decision: 'reject', reason: 'DBA not ready' }));
    const result = await handle.result();
    expect(result.outcome).toBe('aborted');
    const rejection = result.timeline.find((entry) => entry.kind === 'rejection')!;
    expect(rejection).toMatchObject({ by: 'carol', data: { proof: { verified: true, fingerprint: ring.keys.carol.fingerprint } } });
  });
});
