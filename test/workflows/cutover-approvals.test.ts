import { WorkflowUpdateFailedError } from '@temporalio/client';
import { abortUpdate, approveSignal, approveUpdate, pauseUpdate, rejectUpdate, resumeUpdate, statusQuery } from '../../workflows/messages';
import { connectHarness, endCutover, startCutover, startWorker, waitForStatus, type Harness, type RunningWorker } from '../support/harness';
import { backToBlue, fastCloud, fastRunbook } from '../support/runbooks';

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
    return (err as WorkflowUpdateFailedError).cause?.message ?? '';
  }
  throw new Error('the update was accepted but should have been refused');
}

describe('approvals at gates', () => {
  let harness: Harness;
  let worker: RunningWorker;
  const cloud = fastCloud();
  beforeAll(async () => {
    harness = await connectHarness();
    worker = await startWorker(harness, cloud);
  });
  afterAll(async () => {
    await worker.stop();
    await harness.close();
  });

  const runbook = fastRunbook({
    gates: [
      { name: 'go-live', approvers: ['olivia', 'bob'], twoPersonRule: true },
      { name: 'sign-off', approvers: ['carol'] },
    ],
    startGate: 'go-live',
    signoffGate: 'sign-off',
  });

  /** Each test starts on the record at 100% blue: one of them completes the cutover before the next. */
  async function atGoLive() {
    backToBlue(cloud);
    const handle = await startCutover(harness, worker.taskQueue, runbook, 'olivia');
    await waitForStatus(handle, (status) => status.openGate?.name === 'go-live');
    return handle;
  }

  it('refuses an unknown gate, a gate not open, an approver not on the list and the starter, each with its message', async () => {
    const handle = await atGoLive();
    const approve = (gate: string, by: string) => handle.executeUpdate(approveUpdate, { args: [{ gate, by }] });

    expect(await refusal(approve('golive', 'bob'))).toBe('no gate named "golive" in this runbook; its gates are: go-live, sign-off');
    expect(await refusal(approve('sign-off', 'carol'))).toBe('gate "sign-off" is not open: the open gate is "go-live"');
    expect(await refusal(approve('go-live', 'mallory'))).toBe('mallory may not decide gate "go-live": its approvers are olivia, bob');
    expect(await refusal(approve('go-live', 'olivia'))).toBe(
      'olivia started this cutover and gate "go-live" follows the two-person rule: another approver must decide',
    );
    expect(await refusal(handle.executeUpdate(rejectUpdate, { args: [{ gate: 'go-live', by: 'bob', reason: ' ' }] }))).toContain('give a reason');

    const status = await handle.query(statusQuery);
    expect(status.openGate?.name).toBe('go-live');
    expect(status.phase).toBe('gate');
    await endCutover(handle);
  });

  it('records an unauthorised Signal and changes nothing, then passes the gate on an authorised one', async () => {
    const handle = await atGoLive();

    await handle.signal(approveSignal, { gate: 'go-live', by: 'mallory', comment: 'trust me' });
    await handle.signal(approveSignal, { gate: 'go-live', by: 'olivia' });
    const refused = await waitForStatus(handle, (status) => status.timeline.filter((entry) => entry.kind === 'refused').length === 2);
    expect(refused.openGate?.name).toBe('go-live');
    expect(refused.phase).toBe('gate');
    expect(refused.timeline.filter((entry) => entry.kind === 'refused').map((entry) => entry.by)).toEqual(['mallory', 'olivia']);
    expect(refused.timeline.some((entry) => entry.kind === 'approval')).toBe(false);

    await handle.signal(approveSignal, { gate: 'go-live', by: 'bob', comment: 'looks good' });
    const passed = await waitForStatus(handle, (status) => status.phase !== 'gate');
    const approval = passed.timeline.find((entry) => entry.kind === 'approval');
    expect(approval).toMatchObject({ by: 'bob', message: 'gate "go-live" approved by bob: looks good' });
    await endCutover(handle);
  });

  it('shows the approver what they approve and records it with the approval', async () => {
    const handle = await atGoLive();
    const status = await handle.query(statusQuery);
    expect(status.openGate).toMatchObject({ name: 'go-live', approvers: ['olivia', 'bob'], twoPersonRule: true });
    expect(status.openGate?.context.weights).toEqual({ blue: 100, green: 0 });

    const receipt = await handle.executeUpdate(approveUpdate, { args: [{ gate: 'go-live', by: 'bob', comment: 'go' }] });
    expect(receipt.message).toBe('gate "go-live" approved by bob: go');
    await waitForStatus(handle, (s) => s.openGate?.name === 'sign-off', 60_000);
    const result = await handle.executeUpdate(approveUpdate, { args: [{ gate: 'sign-off', by: 'carol' }] }).then(() => handle.result());
    expect(result.outcome).toBe('completed');
    const approvals = result.timeline.filter((entry) => entry.kind === 'approval');
    expect(approvals.map((entry) => entry.by)).toEqual(['bob', 'carol']);
    expect(approvals[0]?.data?.context).toMatchObject({ weights: { blue: 100, green: 0 } });
  });

  it('refuses a second pause, a resume when not paused and an abort without a reason, recording the accepted ones', async () => {
    const handle = await atGoLive();

    expect(await refusal(handle.executeUpdate(resumeUpdate, { args: [{ by: 'olivia' }] }))).toBe('the cutover is not paused');
    await handle.executeUpdate(pauseUpdate, { args: [{ by: 'olivia', reason: 'waiting for the DBA' }] });
    expect(await refusal(handle.executeUpdate(pauseUpdate, { args: [{ by: 'bob' }] }))).toMatch(/^already paused by olivia since /);
    expect(await refusal(handle.executeUpdate(abortUpdate, { args: [{ by: 'olivia' }] }))).toContain('give a reason');
    await handle.executeUpdate(resumeUpdate, { args: [{ by: 'olivia', reason: 'DBA is here' }] });

    const status = await handle.query(statusQuery);
    expect(status.paused).toBeNull();
    expect(status.timeline.filter((entry) => entry.kind === 'pause' || entry.kind === 'resume').map((entry) => entry.message)).toEqual([
      'paused by olivia: waiting for the DBA',
      'resumed by olivia: DBA is here',
    ]);
    await endCutover(handle);
  });
});
