/**
 * The rules around signed gates: the two-person rule and gates of several signers, a flood of bad
 * decisions against a bounded record, preflight without keys, signed controls, and an approval
 * signed by a key only ssh-agent holds, leaving no private key or socket path in history.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { abortUpdate, approveSignal, approveUpdate, pauseUpdate, resumeUpdate } from '../../workflows/messages';
import { controlStatementText } from '../../workflows/signing/control-statement';
import { REFUSALS_RECORDED_PER_OPENING } from '../../workflows/decisions/refusal-budget';
import type { DecisionProof, RefusedAttempt } from '../../workflows/signing/proof';
import { DECISION_NAMESPACE } from '../../workflows/signing/statement';
import { cutoverSuite, waitForStatus } from '../support/harness';
import { fastCloud, fastRunbook } from '../support/runbooks';
import { startAgent } from '../support/ssh';
import { firstRunId, keyring, refusal, refusedEntries, signedFor, signedStartFor, statusOf } from './support/signed';

const runbook = fastRunbook({
  approvals: 'signed',
  gates: [{ name: 'go-live', approvers: ['olivia', 'bob', 'carol', 'dave'], twoPersonRule: true, approvals: 2 }],
  startGate: 'go-live',
});

describe('the rules of signed gates', () => {
  const suite = cutoverSuite();
  const ring = keyring();
  afterAll(() => ring.close());

  async function atGoLive(signers: string | undefined = ring.allowedSigners) {
    await suite.startWorker(fastCloud(), { allowedSigners: signers });
    const handle = await suite.start(runbook, 'olivia', { sign: (id) => signedStartFor(ring, runbook, id, 'olivia', ring.keys.olivia) });
    const status = await waitForStatus(handle, (s) => s.openGate?.name === 'go-live');
    return { handle, status };
  }

  it("refuses the starter's own signed approval under the two-person rule; a two-signature gate stays open after one signer and passes after a second", async () => {
    const { handle, status } = await atGoLive();
    expect(status.openGate).toMatchObject({ required: 2, approvals: [] });
    const own = signedFor(ring, handle, status, { by: 'olivia', key: ring.keys.olivia });
    expect(await refusal(handle.executeUpdate(approveUpdate, { args: [own] }))).toContain('olivia started this cutover');

    const first = await handle.executeUpdate(approveUpdate, { args: [signedFor(ring, handle, status, { by: 'bob', key: ring.keys.bob })] });
    expect(first.message).toBe('gate "go-live" approved by bob (1 of 2: the gate waits for another approver)');
    const waiting = await statusOf(handle);
    expect(waiting.openGate).toMatchObject({ name: 'go-live', approvals: [{ principal: 'bob', fingerprint: ring.keys.bob.fingerprint }] });
    expect(await refusal(handle.executeUpdate(approveUpdate, { args: [signedFor(ring, handle, status, { by: 'bob', key: ring.keys.bob })] }))).toContain('bob already approved');

    await handle.executeUpdate(approveUpdate, { args: [signedFor(ring, handle, status, { by: 'carol', key: ring.keys.carol })] });
    const passed = await waitForStatus(handle, (s) => s.openGate === null && s.phase !== 'gate');
    expect(passed.timeline.filter((entry) => entry.kind === 'approval').map((entry) => entry.by)).toEqual(['bob', 'carol']);
    expect(refusedEntries(passed).map((entry) => (entry.data as unknown as RefusedAttempt).reason)).toEqual(['two-person-rule', 'already-approved']);
    await handle.terminate('test over');
  });

  it('keeps a bounded record of a flood of 200 bad signals and counts the rest; an update past the budget is refused without a record', async () => {
    const { handle } = await atGoLive();
    for (let i = 0; i < 200; i += 1) await handle.signal(approveSignal, { gate: 'go-live', by: 'bob', comment: `try ${i}` });
    const flooded = await waitForStatus(handle, (s) => (s.refused?.recorded ?? 0) + (s.refused?.counted ?? 0) === 200, 120_000);
    expect(flooded.refused).toEqual({ recorded: REFUSALS_RECORDED_PER_OPENING, counted: 200 - REFUSALS_RECORDED_PER_OPENING });
    expect(refusedEntries(flooded)).toHaveLength(REFUSALS_RECORDED_PER_OPENING);

    expect(await refusal(handle.executeUpdate(approveUpdate, { args: [{ gate: 'go-live', by: 'bob' }] }))).toContain('not signed');
    const after = await statusOf(handle);
    expect(refusedEntries(after)).toHaveLength(REFUSALS_RECORDED_PER_OPENING);
    expect(after.openGate?.approvals).toEqual([]);
    await handle.terminate('test over');
  });

  it('records pause, resume and abort as verified when signed, never refuses a pause or an abort unsigned, and refuses a resume that does not verify', async () => {
    const { handle } = await atGoLive();
    const control = (action: 'pause' | 'resume', by: 'bob' | 'mallory', reason: string) => {
      const statement = controlStatementText({
        cutoverId: handle.workflowId,
        firstRunId: firstRunId(handle),
        action,
        by,
        reason,
        signedAt: new Date().toISOString(),
        expiresAt: new Date(Date.now() + 600_000).toISOString(),
      });
      return { by, reason, signed: { statement, signature: ring.ssh.sign(ring.keys[by], DECISION_NAMESPACE, statement) } };
    };
    await handle.executeUpdate(pauseUpdate, { args: [control('pause', 'bob', 'DBA check')] });
    expect(await refusal(handle.executeUpdate(resumeUpdate, { args: [{ ...control('resume', 'bob', 'done'), by: 'carol' }] }))).toContain("a resume lets a held cutover go on, so under approvals: signed it needs a verified identity, and carol's is not (its key belongs to someone else)");
    expect(await refusal(handle.executeUpdate(resumeUpdate, { args: [{ by: 'carol' }] }))).toContain('--key <private key file>');
    await handle.executeUpdate(resumeUpdate, { args: [control('resume', 'bob', 'done')] });
    await handle.executeUpdate(abortUpdate, { args: [{ by: 'dave', reason: 'window closed' }] });
    const result = await handle.result();
    expect(result.outcome).toBe('aborted');
    const controls = result.timeline.filter((entry) => ['pause', 'resume', 'abort'].includes(entry.kind));
    const proofs = controls.map((entry) => entry.data?.proof as DecisionProof);
    expect(proofs.map((proof) => [proof.principal, proof.verified, proof.fingerprint, proof.unverifiedBecause])).toEqual([
      ['bob', true, ring.keys.bob.fingerprint, null],
      ['bob', true, ring.keys.bob.fingerprint, null],
      ['dave', false, null, 'unsigned'],
    ]);
    // The unsigned abort is recorded, under no name it could not prove.
    expect(controls.map((entry) => [entry.by, entry.message])).toEqual([
      ['bob', 'paused by bob: DBA check'],
      ['bob', 'resumed by bob: done'],
      ['unverified: typed "dave"', 'abort requested by unverified: typed "dave": window closed'],
    ]);
    expect(result.reason).toContain('aborted by unverified: typed "dave": window closed');
  });

  it('verifies an approval signed by an ed25519 key only ssh-agent holds, and history holds no private key or agent socket path', async () => {
    const agent = startAgent(ring.ssh.dir);
    try {
      const { handle, status } = await atGoLive();
      agent.add(ring.keys.dave);
      rmSync(ring.keys.dave.path);
      const viaAgent = signedFor(ring, handle, status, { by: 'dave', key: ring.keys.dave.publicPath, env: { ...agent.env, SSH_AUTH_SOCK: agent.socket } });
      await handle.executeUpdate(approveUpdate, { args: [viaAgent] });
      await handle.executeUpdate(approveUpdate, { args: [signedFor(ring, handle, status, { by: 'bob', key: ring.keys.bob })] });
      const passed = await waitForStatus(handle, (s) => s.phase !== 'gate');
      expect((passed.timeline.find((entry) => entry.by === 'dave')?.data?.proof as DecisionProof).fingerprint).toBe(ring.keys.dave.fingerprint);
      await handle.terminate('test over');
      const history = JSON.stringify(await handle.fetchHistory()).replace(/"data":"([A-Za-z0-9+/=]+)"/g, (_, data: string) => Buffer.from(data, 'base64').toString());
      expect(history).toContain(ring.keys.dave.fingerprint.slice('SHA256:'.length, 20));
      expect(history).not.toContain('PRIVATE KEY');
      expect(history).not.toContain(agent.socket);
      expect(history).not.toContain(ring.ssh.dir);
    } finally {
      agent.stop();
    }
  });

  it('fails preflight before any change on a worker without allowed signers, saying how to start it', async () => {
    await suite.startWorker(fastCloud());
    const result = await (await suite.start(runbook, 'olivia', { sign: (id) => signedStartFor(ring, runbook, id, 'olivia', ring.keys.olivia) })).result();
    expect(result.outcome).toBe('aborted');
    expect(result.reason).toContain('start the worker with --allowed-signers <file> (or CUTOVER_ALLOWED_SIGNERS=<file>)');
    expect(result.weights).toBeNull();
  });

  it('fails preflight naming the gate and the approver who has no key', async () => {
    const partial = `${ring.ssh.dir}/partial_signers`;
    writeFileSync(partial, `bob ${ring.keys.bob.publicKey}\ncarol ${ring.keys.carol.publicKey}\n`);
    await suite.startWorker(fastCloud(), { allowedSigners: partial });
    const result = await (await suite.start(runbook, 'olivia', { sign: (id) => signedStartFor(ring, runbook, id, 'olivia', ring.keys.olivia) })).result();
    expect(result.outcome).toBe('aborted');
    expect(result.reason).toContain('gate "go-live": approver olivia has no key');
    expect(result.reason).toContain('gate "go-live": approver dave has no key');
  });
});
