/**
 * A cutover changes nothing it did not first read in the state it expects (invariant 8): started on a
 * record that does not read 100% blue, or on databases whose writes look already moved, it ends
 * "aborted before any change" with a reason naming what it read and what to do, without one DNS
 * write or hook. Continuing a half-done cutover is `--adopt-weights`, signed by the starter.
 */
import { SimulatedCloud, type Scenario } from '../../activities/simulated';
import type { CutoverStatus } from '../../workflows/status';
import { cutoverSuite, timelineText, waitForStatus } from '../support/harness';
import { fastRunbook, fastScenario, RECORD } from '../support/runbooks';
import { approveUpdate } from '../../workflows/messages';
import { keyring, signedFor, signedStartFor } from './support/signed';
import { dataScenario, switchRunbook } from './support/write-switch';

const withRecord = (blue: number, scenario: Scenario = fastScenario()): Scenario => ({ ...scenario, dns: { [RECORD]: { ttlMs: 500, syncDelayMs: 50, weights: { blue, green: 100 - blue } } } });

/** Nothing changed: no DNS write or TTL change, no hook, and the run says so. */
function expectNothingChanged(cloud: SimulatedCloud, result: CutoverStatus): void {
  expect(result.outcome).toBe('aborted');
  expect(result.phase).toBe('abort');
  expect(cloud.calls('dns.setWeights')).toEqual([]);
  expect(cloud.calls('dns.setTtl')).toEqual([]);
  expect(cloud.hookRuns()).toEqual([]);
  expect(result.rollback).toBeNull();
  expect(timelineText(result)).toContain('aborting before any traffic change');
}

describe('a cutover started on a record or databases not where a cutover starts', () => {
  const suite = cutoverSuite();
  const ring = keyring();
  afterAll(() => ring.close());

  it('refuses to start the same runbook again after a completed cutover, with no DNS write, saying it looks already moved', async () => {
    const cloud = SimulatedCloud.create({ scenario: fastScenario() });
    await suite.startWorker(cloud);
    const runbook = fastRunbook();
    expect((await (await suite.start(runbook)).result()).outcome).toBe('completed');
    expect(cloud.weights(RECORD)).toEqual({ blue: 0, green: 100 });
    const writesAfterFirst = cloud.calls('dns.setWeights').length;
    const hooksAfterFirst = cloud.hookRuns().length;

    const again = await (await suite.start(runbook)).result();

    expect(again.outcome).toBe('aborted');
    expect(again.reason).toContain(
      `dns record ${RECORD} reads blue 0 / green 100: it looks already moved; if a previous cutover completed there is nothing to do; to continue a half-done cutover deliberately, start with --adopt-weights`,
    );
    expect(cloud.calls('dns.setWeights')).toHaveLength(writesAfterFirst);
    expect(cloud.hookRuns()).toHaveLength(hooksAfterFirst);
    expect(cloud.weights(RECORD)).toEqual({ blue: 0, green: 100 });
  });

  it.each([
    [0, 'reads blue 0 / green 100: it looks already moved'],
    [50, 'reads blue 50 / green 50, not the blue 100 / green 0 a cutover starts from: a cutover looks half done, or someone moved it'],
  ])('refuses a record reading blue %i before any change, naming what it reads and what to do', async (blue, words) => {
    const cloud = SimulatedCloud.create({ scenario: withRecord(blue) });
    await suite.startWorker(cloud);

    const result = await (await suite.start(fastRunbook())).result();

    expectNothingChanged(cloud, result);
    expect(result.reason).toContain(`dns record ${RECORD} ${words}`);
    expect(result.reason).toContain('--adopt-weights');
    expect(cloud.weights(RECORD)).toEqual({ blue, green: 100 - blue });
  });

  it('continues a half-moved record to completion from the step at its weight when the starter signs --adopt-weights', async () => {
    const cloud = SimulatedCloud.create({ scenario: withRecord(50) });
    await suite.startWorker(cloud, { allowedSigners: ring.allowedSigners });
    const runbook = fastRunbook({ approvals: 'signed' });

    const handle = await suite.start(runbook, 'olivia', { adoptWeights: true, sign: (id) => signedStartFor(ring, runbook, id, 'olivia', ring.keys.olivia, { adoptWeights: true }) });
    const result = await handle.result();

    expect(result.outcome).toBe('completed');
    expect(cloud.dnsWrites().map((write) => write.weights.green)).toEqual([50, 100]);
    expect(result.adoptWeights).toBe(true);
    expect(result.startProof).toMatchObject({ verified: true, principal: 'olivia', fingerprint: ring.keys.olivia.fingerprint });
    const start = result.timeline.find((entry) => entry.kind === 'start')!;
    expect(start).toMatchObject({ message: 'started by olivia, adopting the weights DNS reads (--adopt-weights)', data: { adoptWeights: true } });
    expect(timelineText(result)).toContain('adopted the weights DNS reads, blue 50 / green 50, as written by this run (--adopt-weights): the canary continues from step 2/3 (50%), step 1 skipped');
    expect(result.timeline.some((entry) => entry.message.startsWith('step 1/3'))).toBe(false);
  });

  it('holds the gate between the weights it adopted and the next step before moving any more traffic', async () => {
    const cloud = SimulatedCloud.create({ scenario: withRecord(65) });
    await suite.startWorker(cloud, { allowedSigners: ring.allowedSigners });
    const runbook = fastRunbook({
      approvals: 'signed',
      gates: [{ name: 'half-way', approvers: ['bob'] }],
      canary: { steps: [{ weight: 20, bake: '800ms', gate: 'half-way' }, { weight: 50, bake: '800ms' }, { weight: 100, bake: '800ms' }] },
    });

    const handle = await suite.start(runbook, 'olivia', { adoptWeights: true, sign: (id) => signedStartFor(ring, runbook, id, 'olivia', ring.keys.olivia, { adoptWeights: true }) });
    const atGate = await waitForStatus(handle, (status) => status.openGate?.name === 'half-way');
    expect(atGate.weights).toEqual({ blue: 65, green: 35 });
    expect(cloud.dnsWrites()).toEqual([]);
    expect(timelineText(atGate)).toContain('continues from step 2/3 (50%), step 1 skipped, gate "half-way" still held before step 2');
    await handle.executeUpdate(approveUpdate, { args: [signedFor(ring, handle, atGate, { by: 'bob', key: ring.keys.bob })] });

    expect((await handle.result()).outcome).toBe('completed');
    expect(cloud.dnsWrites().map((write) => write.weights.green)).toEqual([50, 100]);
  });

  it('owns the weights it adopted: a breach before its first write rolls DNS back to 100% blue', async () => {
    const cloud = SimulatedCloud.create({ scenario: withRecord(70) });
    await suite.startWorker(cloud, { allowedSigners: ring.allowedSigners });
    const runbook = fastRunbook({ approvals: 'signed', replication: { provider: 'simulated', task: 'orders-cdc', timeout: '60s', pollInterval: '200ms' } });
    cloud.setLag('orders-cdc', { startSeconds: 60 });

    const handle = await suite.start(runbook, 'olivia', { adoptWeights: true, sign: (id) => signedStartFor(ring, runbook, id, 'olivia', ring.keys.olivia, { adoptWeights: true }) });
    await waitForStatus(handle, (status) => status.phase === 'replication' && status.sampling !== null);
    cloud.injectMetric('green.error_rate', { value: 0.5 });
    const result = await handle.result();

    expect(result.outcome).toBe('rolled-back');
    expect(result.rollback?.verifiedAt).not.toBeNull();
    expect(cloud.dnsWrites().map((write) => write.weights)).toEqual([{ blue: 100, green: 0 }]);
    expect(cloud.weights(RECORD)).toEqual({ blue: 100, green: 0 });
  });

  it('refuses an unsigned --adopt-weights under approvals: signed before any change', async () => {
    const cloud = SimulatedCloud.create({ scenario: withRecord(50) });
    await suite.startWorker(cloud, { allowedSigners: ring.allowedSigners });

    const result = await (await suite.start(fastRunbook({ approvals: 'signed' }), 'olivia', { adoptWeights: true })).result();

    expectNothingChanged(cloud, result);
    expect(result.reason).toContain('the start by olivia is not verified (the start is not signed); --adopt-weights continues from the weights DNS reads instead of 100% blue');
    expect(result.startProof).toMatchObject({ verified: false, unverifiedBecause: 'unsigned' });
    expect(cloud.calls('dns.readWeights')).toEqual([]);
  });

  it('refuses a write-switch runbook whose reverse replication already runs', async () => {
    const cloud = SimulatedCloud.create({ scenario: dataScenario() });
    const runbook = switchRunbook();
    await cloud.providers().replication.simulated!.startReverse(runbook.replication);
    await suite.startWorker(cloud);

    const result = await (await suite.start(runbook)).result();

    expectNothingChanged(cloud, result);
    expect(result.reason).toContain('reverse replication orders-cdc-reverse is already running, but this runbook\'s write switch starts it only once green takes writes');
  });

  it('refuses a runbook whose writer reads green', async () => {
    const cloud = SimulatedCloud.create({ scenario: dataScenario({ writer: 'green' }) });
    await suite.startWorker(cloud);

    const result = await (await suite.start(switchRunbook())).result();

    expectNothingChanged(cloud, result);
    expect(result.reason).toContain('the replication provider reads green as the writer');
  });
});
