import { abortUpdate, approveUpdate, resumeUpdate } from '../../workflows/messages';
import { cutover } from '../../workflows';
import { cutoverSuite, timelineText, uniqueId, waitForStatus } from '../support/harness';
import { fastCloud, fastRunbook, RECORD } from '../support/runbooks';
import type { SimulatedCloud } from '../../activities/simulated';

/** Waits until the cutover has read the record `more` more times: it keeps looking, and still writes nothing. */
async function readsMore(cloud: SimulatedCloud, more: number): Promise<void> {
  const target = cloud.calls('dns.readWeights').length + more;
  const deadline = Date.now() + 30_000;
  while (cloud.calls('dns.readWeights').length < target) {
    if (Date.now() > deadline) throw new Error(`the cutover did not read the record ${more} more times`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('ground truth: a record changed under the cutover', () => {
  const suite = cutoverSuite();
  const runbook = () => fastRunbook({ canary: { steps: [{ weight: 50, bake: '4s' }, { weight: 100, bake: '800ms' }] } });

  it('pauses within the bake when a person moves the weights, writes nothing until resumed, then carries on from what it reads', async () => {
    const cloud = fastCloud();
    await suite.startWorker(cloud);
    const handle = await suite.start(runbook());
    await waitForStatus(handle, (status) => timelineText(status).includes('step 1/2: weights blue 50% / green 50% in sync'));

    cloud.setWeightsByHand(RECORD, { blue: 100, green: 0 });
    const paused = await waitForStatus(handle, (status) => status.paused?.by === 'dns-drift');

    expect(paused.drift).toMatchObject({ read: { blue: 100, green: 0 }, expected: { blue: 50, green: 50 }, basis: 'written' });
    expect(paused.weightsWritten).toEqual({ blue: 50, green: 50 });
    expect(paused.weightsRead?.weights).toEqual({ blue: 100, green: 0 });
    expect(Date.parse(paused.weightsRead!.at)).not.toBeNaN();
    expect(paused.weights).toEqual({ blue: 50, green: 50 });
    const drift = paused.timeline.find((entry) => entry.kind === 'drift')!;
    expect(drift.message).toMatch(/^DNS drift: reads blue 100 \/ green 0, wrote 50 \/ 50; paused: no DNS write until a person resumes/);
    expect(drift.data).toMatchObject({ read: { blue: 100, green: 0 }, expected: { blue: 50, green: 50 }, basis: 'written' });
    // Seen during the bake, not at its end: the step had not completed.
    expect(timelineText(paused)).not.toContain('step 1/2 completed');
    expect(cloud.notifications('paused').some((notification) => notification.message.includes('DNS drift: reads blue 100 / green 0, wrote 50 / 50'))).toBe(true);

    await readsMore(cloud, 3);
    expect(cloud.dnsWrites()).toHaveLength(1);
    expect(cloud.weights(RECORD)).toEqual({ blue: 100, green: 0 });

    const resumedAt = Date.now();
    const receipt = await handle.executeUpdate(resumeUpdate, { args: [{ by: 'olivia', reason: 'moved it back by hand while the LB was fixed' }] });
    expect(receipt.message).toBe('resumed: carrying on from the weights DNS reads');
    const result = await handle.result();

    expect(result.outcome).toBe('completed');
    expect(cloud.dnsWrites().map((write) => write.weights)).toEqual([{ blue: 50, green: 50 }, { blue: 0, green: 100 }]);
    expect(cloud.dnsWrites()[1]!.at).toBeGreaterThanOrEqual(resumedAt);
    const accepted = result.timeline.find((entry) => entry.kind === 'drift' && entry.by === 'olivia')!;
    expect(accepted.message).toContain('olivia accepted the weights DNS reads, blue 100 / green 0');
    expect(accepted.data).toMatchObject({ accepted: { blue: 100, green: 0 }, expected: { blue: 50, green: 50 } });
    // The read before the change came after the acceptance and matched it: no second drift.
    expect(result.timeline.filter((entry) => entry.kind === 'drift')).toHaveLength(2);
    expect(result.drift).toBeNull();
  });

  it('keeps the drift, the pause and what it wrote across a carry-over, and carries on after the resume', async () => {
    const cloud = fastCloud();
    const { taskQueue } = await suite.startWorker(cloud);
    const handle = await suite.harness.client.workflow.start(cutover, { taskQueue, workflowId: uniqueId('drift-carry'), args: [{ runbook: runbook(), startedBy: 'olivia', carryOverAfterEvents: 70 }] });
    await waitForStatus(handle, (status) => timelineText(status).includes('step 1/2: weights blue 50% / green 50% in sync'), 60_000);
    cloud.setWeightsByHand(RECORD, { blue: 100, green: 0 });

    const carried = await waitForStatus(handle, (status) => {
      const drifted = status.timeline.findIndex((entry) => entry.kind === 'drift');
      return drifted >= 0 && status.timeline.slice(drifted).some((entry) => entry.message.startsWith('continued as run'));
    }, 90_000);
    expect(carried.paused?.by).toBe('dns-drift');
    expect(carried.drift).toMatchObject({ read: { blue: 100, green: 0 }, expected: { blue: 50, green: 50 } });
    expect(carried.weightsWritten).toEqual({ blue: 50, green: 50 });
    expect(carried.timeline.filter((entry) => entry.kind === 'drift')).toHaveLength(1);
    expect(cloud.dnsWrites()).toHaveLength(1);

    await handle.executeUpdate(resumeUpdate, { args: [{ by: 'olivia' }] });
    const result = await handle.result();
    expect(result.outcome).toBe('completed');
    expect(cloud.dnsWrites().map((write) => write.weights.green)).toEqual([50, 100]);
  });

  it('still rolls back to 100% blue on a breach while drifted', async () => {
    const cloud = fastCloud();
    await suite.startWorker(cloud);
    const handle = await suite.start(runbook());
    await waitForStatus(handle, (status) => timelineText(status).includes('step 1/2: weights blue 50% / green 50% in sync'));
    cloud.setWeightsByHand(RECORD, { blue: 30, green: 70 });
    await waitForStatus(handle, (status) => status.paused?.by === 'dns-drift');
    cloud.injectMetric('green.error_rate', { value: 0.25 });

    const result = await handle.result();

    expect(result.outcome).toBe('rolled-back');
    expect(cloud.dnsWrites().map((write) => write.weights)).toEqual([{ blue: 50, green: 50 }, { blue: 100, green: 0 }]);
    expect(cloud.weights(RECORD)).toEqual({ blue: 100, green: 0 });
    expect(result.rollback?.verifiedAt).not.toBeNull();
  });

  it('refuses to make its first change when the record moved after preflight', async () => {
    const cloud = fastCloud();
    await suite.startWorker(cloud);
    const handle = await suite.start(fastRunbook({ gates: [{ name: 'go', approvers: ['bob'] }], startGate: 'go' }));
    await waitForStatus(handle, (status) => status.openGate?.name === 'go');
    cloud.setWeightsByHand(RECORD, { blue: 90, green: 10 });
    await handle.executeUpdate(approveUpdate, { args: [{ gate: 'go', by: 'bob' }] });

    const paused = await waitForStatus(handle, (status) => status.paused?.by === 'dns-drift');
    expect(paused.drift).toMatchObject({ read: { blue: 90, green: 10 }, expected: { blue: 100, green: 0 }, basis: 'preflight' });
    expect(paused.weightsWritten).toBeNull();
    expect(cloud.dnsWrites()).toHaveLength(0);
    await handle.executeUpdate(abortUpdate, { args: [{ by: 'olivia', reason: 'someone else is moving this record' }] });
    const result = await handle.result();
    expect(result.outcome).toBe('aborted');
    expect(cloud.dnsWrites()).toHaveLength(0);
  });
});
