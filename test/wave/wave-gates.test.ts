/**
 * A wave's own start and sign-off gates under signed approvals, driven through a raw Temporal client
 * against a worker with an allowed-signers file, as `cutover wave approve` sends them.
 */
import { WorkflowHandle } from '@temporalio/client';
import { SimulatedCloud } from '../../activities/simulated';
import { DECISION_MEMO_PREFIX, type AcceptedDecisionMemo, type DecisionProof, type RefusedAttempt } from '../../workflows/signing/proof';
import { approveWaveUpdate, rejectWaveUpdate, type WaveStatus } from '../../workflows/wave/messages';
import { cutoverSuite } from '../support/harness';
import { keyring, refusal, signedFor, type Signing } from '../workflows/support/signed';
import { appRecord, greenErrorRate, startWave, states, waitForWave, waveRunInput, waveScenario } from './support';

const gates = [
  { name: 'go', approvers: ['olivia', 'bob'], twoPersonRule: true },
  { name: 'accept', approvers: ['carol', 'dave'], approvals: 2 },
];

describe("a wave's gates", () => {
  const suite = cutoverSuite();
  const ring = keyring();
  afterAll(() => ring.close());

  const signed = (handle: WorkflowHandle, status: WaveStatus, signing: Signing) => signedFor(ring, handle, { openGate: status.openGate } as never, signing);

  it('starts no application before its start gate passes on a verified signature, and signs off with two different verified approvers', async () => {
    const cloud = SimulatedCloud.create({ scenario: waveScenario(['a', 'b']) });
    const worker = await suite.startWorker(cloud, { allowedSigners: ring.allowedSigners });
    const input = waveRunInput({ name: 'gated', maxParallel: 2, gates, startGate: 'go', signoffGate: 'accept', applications: [{ name: 'a' }, { name: 'b', after: ['a'] }] });
    const handle = await startWave(suite.harness, worker.taskQueue, input);

    const atGo = await waitForWave(handle, (status) => status.openGate?.name === 'go');
    expect(states(atGo)).toEqual({ a: 'waiting', b: 'waiting' });
    expect(atGo.openGate).toMatchObject({ role: 'start', approvers: ['olivia', 'bob'], context: { applications: { a: 'waiting', b: 'waiting' } } });
    expect(atGo.openGate?.keys?.map((key) => key.principal).sort()).toEqual(['bob', 'olivia']);
    expect(await refusal(handle.executeUpdate(approveWaveUpdate, { args: [{ gate: 'go', by: 'bob' }] }))).toContain('the decision is not signed');
    expect(await refusal(handle.executeUpdate(approveWaveUpdate, { args: [signed(handle, atGo, { by: 'olivia', key: ring.keys.olivia })] }))).toContain('two-person rule');
    expect(await refusal(handle.executeUpdate(approveWaveUpdate, { args: [signed(handle, atGo, { by: 'bob', key: ring.keys.carol })] }))).toContain('is listed for carol, not for bob');
    expect(cloud.dnsWrites(appRecord('a'))).toEqual([]);

    const receipt = await handle.executeUpdate(approveWaveUpdate, { args: [signed(handle, atGo, { by: 'bob', key: ring.keys.bob, reason: 'window open' })] });
    expect(receipt.message).toBe('gate "go" approved by bob: window open');

    const atAccept = await waitForWave(handle, (status) => status.openGate?.name === 'accept', 90_000);
    expect(atAccept.openGate?.context.applications).toEqual({ a: 'completed', b: 'completed' });
    expect(atAccept.outcome).toBe('running');
    const first = await handle.executeUpdate(approveWaveUpdate, { args: [signed(handle, atAccept, { by: 'carol', key: ring.keys.carol })] });
    expect(first.message).toBe('gate "accept" approved by carol (1 of 2: the gate waits for another approver)');
    expect(await refusal(handle.executeUpdate(approveWaveUpdate, { args: [signed(handle, atAccept, { by: 'carol', key: ring.keys.carol })] }))).toContain('already approved');
    await handle.executeUpdate(approveWaveUpdate, { args: [signed(handle, atAccept, { by: 'dave', key: ring.keys.dave })] });

    const result = await handle.result();
    expect(result.outcome).toBe('completed');
    expect(result.openGate).toBeNull();
    const approvals = result.timeline.filter((entry) => entry.kind === 'approval');
    expect(approvals.map((entry) => [entry.by, (entry.data!.proof as DecisionProof).verified, (entry.data!.proof as DecisionProof).fingerprint])).toEqual([
      ['bob', true, ring.keys.bob.fingerprint],
      ['carol', true, ring.keys.carol.fingerprint],
      ['dave', true, ring.keys.dave.fingerprint],
    ]);
    const refused = result.timeline.filter((entry) => entry.kind === 'refused').map((entry) => (entry.data as unknown as RefusedAttempt).reason);
    expect(refused).toEqual(['unsigned', 'two-person-rule', 'other-principal', 'already-approved']);
    const gateOpens = result.timeline.filter((entry) => entry.kind === 'gate-open');
    const firstStart = result.timeline.findIndex((entry) => entry.kind === 'application-start');
    expect(result.timeline.indexOf(gateOpens[0]!)).toBeLessThan(firstStart);

    const memo = (await handle.describe()).memo ?? {};
    const decisions = Object.entries(memo).filter(([key]) => key.startsWith(DECISION_MEMO_PREFIX)).map(([, value]) => value as AcceptedDecisionMemo)
      .sort((left, right) => left.seq - right.seq);
    expect(decisions.map((decision) => [decision.gate, decision.principal, decision.verified])).toEqual([
      ['go', 'bob', true],
      ['accept', 'carol', true],
      ['accept', 'dave', true],
    ]);
    for (const decision of decisions) expect(result.timeline[decision.seq - 1]?.kind).toBe('approval');
  });

  it('a start gate rejected starts nothing and ends the wave aborted; a sign-off, open after a blast radius too, rejected ends it not signed off', async () => {
    const cloud = SimulatedCloud.create({ scenario: waveScenario(['a', 'b']) });
    cloud.setMetric(greenErrorRate('b'), 0.5);
    const worker = await suite.startWorker(cloud, { allowedSigners: ring.allowedSigners });
    const rejectedAtStart = await startWave(suite.harness, worker.taskQueue, waveRunInput({ name: 'no-go', maxParallel: 1, gates: [gates[0]!], startGate: 'go', applications: [{ name: 'a' }] }));
    const atGo = await waitForWave(rejectedAtStart, (status) => status.openGate?.name === 'go');
    await rejectedAtStart.executeUpdate(rejectWaveUpdate, { args: [signed(rejectedAtStart, atGo, { by: 'bob', key: ring.keys.bob, decision: 'reject', reason: 'change freeze' })] });
    const stopped = await rejectedAtStart.result();
    expect(stopped.outcome).toBe('aborted');
    expect(stopped.applications[0]).toMatchObject({ state: 'not-started', reason: 'not started: gate "go" rejected by bob: change freeze' });
    expect(cloud.dnsWrites(appRecord('a'))).toEqual([]);

    const rejectedAtEnd = await startWave(suite.harness, worker.taskQueue, waveRunInput({ name: 'no-accept', maxParallel: 2, blastRadius: { stopAfter: 1 }, gates: [gates[1]!], signoffGate: 'accept', applications: [{ name: 'a' }, { name: 'b' }] }));
    const atAccept = await waitForWave(rejectedAtEnd, (status) => status.openGate?.name === 'accept', 90_000);
    await rejectedAtEnd.executeUpdate(rejectWaveUpdate, { args: [signed(rejectedAtEnd, atAccept, { by: 'dave', key: ring.keys.dave, decision: 'reject', reason: 'latency report missing' })] });
    const notSignedOff = await rejectedAtEnd.result();
    expect(notSignedOff.outcome).toBe('not-signed-off');
    expect(states(notSignedOff)).toEqual({ a: 'completed', b: 'rolled-back' });
    expect(notSignedOff.reason).toMatch(/^sign-off rejected by dave: latency report missing; blast radius reached: 1 rollback \(stopAfter: 1\); /);
  });
});
