/**
 * A signed start, driven through a raw Temporal client against a worker with an allowed-signers
 * file: under `approvals: signed` a runbook with a two-person gate begins only from a start the
 * named starter signed, and a verified starter's own approval is refused.
 */
import { approveUpdate } from '../../workflows/messages';
import type { DecisionProof } from '../../workflows/signing/proof';
import { cutoverSuite, waitForStatus } from '../support/harness';
import { fastCloud, fastRunbook } from '../support/runbooks';
import { keyring, refusal, signedFor, signedStartFor } from './support/signed';

const runbook = fastRunbook({
  approvals: 'signed',
  gates: [{ name: 'go-live', approvers: ['olivia', 'bob', 'carol', 'dave', 'mallory'], twoPersonRule: true }],
  startGate: 'go-live',
});

describe('a signed start', () => {
  const suite = cutoverSuite();
  const ring = keyring();
  afterAll(() => ring.close());

  const startProofOf = (status: { timeline: Array<{ kind: string; data?: Record<string, unknown> }> }) => status.timeline.find((entry) => entry.kind === 'start')?.data?.proof as DecisionProof | undefined;

  it('verifies the starter, records the proof, and refuses the starter\'s own signed approval under the two-person rule', async () => {
    await suite.startWorker(fastCloud(), { allowedSigners: ring.allowedSigners });
    const handle = await suite.start(runbook, 'olivia', { sign: (id) => signedStartFor(ring, runbook, id, 'olivia', ring.keys.olivia) });
    const status = await waitForStatus(handle, (s) => s.openGate?.name === 'go-live');
    expect(status.startedByVerified).toBe(true);
    expect(status.startProof).toMatchObject({ verified: true, principal: 'olivia', keyType: 'ssh-ed25519', fingerprint: ring.keys.olivia.fingerprint });
    expect(startProofOf(status)).toEqual(status.startProof);

    const own = signedFor(ring, handle, status, { by: 'olivia', key: ring.keys.olivia });
    expect(await refusal(handle.executeUpdate(approveUpdate, { args: [own] }))).toContain('olivia started this cutover and gate "go-live" follows the two-person rule');
    await handle.executeUpdate(approveUpdate, { args: [signedFor(ring, handle, status, { by: 'bob', key: ring.keys.bob })] });
    expect((await handle.result()).outcome).toBe('completed');
  });

  it('fails preflight before any change when a raw start of a two-person runbook carries no signature', async () => {
    await suite.startWorker(fastCloud(), { allowedSigners: ring.allowedSigners });
    const result = await (await suite.start(runbook, 'olivia')).result();
    expect(result.outcome).toBe('aborted');
    expect(result.reason).toContain('the start by olivia is not verified (the start is not signed); gate "go-live" follows the two-person rule');
    expect(result.weights).toBeNull();
    expect(result.startedByVerified).toBe(false);
    expect(startProofOf(result)).toMatchObject({ verified: false, unverifiedBecause: 'unsigned' });
  });

  it('refuses a start signed with someone else\'s key claiming the starter\'s name, or signed for another runbook', async () => {
    await suite.startWorker(fastCloud(), { allowedSigners: ring.allowedSigners });
    const forged = await (await suite.start(runbook, 'olivia', { sign: (id) => signedStartFor(ring, runbook, id, 'olivia', ring.keys.mallory) })).result();
    expect(forged.outcome).toBe('aborted');
    expect(forged.reason).toContain('the start was signed with a key listed under another principal');
    expect(startProofOf(forged)).toMatchObject({ verified: false, unverifiedBecause: 'other-principal', fingerprint: ring.keys.mallory.fingerprint });
    expect(forged.weights).toBeNull();

    const otherRunbook = { ...runbook, name: 'another' };
    const replayed = await (await suite.start(runbook, 'olivia', { sign: (id) => signedStartFor(ring, otherRunbook, id, 'olivia', ring.keys.olivia) })).result();
    expect(replayed.outcome).toBe('aborted');
    expect(startProofOf(replayed)).toMatchObject({ verified: false, unverifiedBecause: 'another-runbook' });
  });

  it('records a start without a two-person gate as not verified and lets it run', async () => {
    const plain = fastRunbook({ approvals: 'signed', gates: [{ name: 'go-live', approvers: ['bob'] }], startGate: 'go-live' });
    await suite.startWorker(fastCloud(), { allowedSigners: ring.allowedSigners });
    const handle = await suite.start(plain, 'olivia');
    const status = await waitForStatus(handle, (s) => s.openGate?.name === 'go-live');
    expect(status.startedByVerified).toBe(false);
    expect(status.startProof).toMatchObject({ verified: false, principal: 'olivia', unverifiedBecause: 'unsigned' });
    await handle.terminate('test over');
  });
});
