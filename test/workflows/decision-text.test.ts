/**
 * A raw Temporal update or signal reaches the workflow without the CLI's checks: the workflow
 * itself keeps names that hide or fake characters, and escape sequences, out of its record. And a
 * decision on a run that is rolling back is told so, with the reason.
 */
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { approveSignal, approveUpdate, pauseUpdate, rejectUpdate, statusQuery } from '../../workflows/messages';
import { unsafeCharacter } from '../../workflows/runbook/text';
import { cutoverSuite, waitForStatus } from '../support/harness';
import { fastCloud, fastRunbook } from '../support/runbooks';

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
    return (err as WorkflowUpdateFailedError).cause?.message ?? '';
  }
  throw new Error('the update was accepted but should have been refused');
}

describe('what a decision may put into the record', () => {
  const suite = cutoverSuite();
  const runbook = fastRunbook({
    gates: [{ name: 'half-way', approvers: ['bob', 'carol'] }],
    canary: { steps: [{ weight: 20, bake: '500ms', gate: 'half-way' }, { weight: 100, bake: '500ms' }] },
  });

  it('refuses a raw approval whose approver name holds an escape sequence, a zero-width character or a NUL byte, or whose comment holds an escape', async () => {
    await suite.startWorker(fastCloud());
    const handle = await suite.start(runbook);
    await waitForStatus(handle, (status) => status.openGate?.name === 'half-way');
    const approve = (by: string, comment?: string) => handle.executeUpdate(approveUpdate, { args: [{ gate: 'half-way', by, ...(comment ? { comment } : {}) }] });

    expect(await refusal(approve('\x1b[2Jbob'))).toMatch(/^the identity "\\x1b\[2Jbob" contains ESC \(U\+001B\)/);
    expect(await refusal(approve('car\u200bol'))).toMatch(/^the identity "car\\u200bol" contains a zero-width space \(U\+200B\)/);
    expect(await refusal(approve('bob\0'))).toMatch(/^the identity "bob\\x00" contains NUL \(U\+0000\)/);
    expect(await refusal(approve('bob', 'fine\x1b]0;owned\x07'))).toMatch(/^the comment contains ESC/);
    expect(await refusal(handle.executeUpdate(rejectUpdate, { args: [{ gate: 'half-way', by: 'bob', reason: 'no \u202eenilno' }] }))).toMatch(/^the reason contains a right-to-left override/);
    expect(await refusal(handle.executeUpdate(pauseUpdate, { args: [{ by: 'car\u200bol', reason: 'look' }] }))).toMatch(/^the identity "car\\u200bol"/);

    const status = await handle.query(statusQuery);
    expect(status.openGate?.name).toBe('half-way');
    expect(status.paused).toBeNull();
    expect(status.timeline.filter((entry) => ['approval', 'rejection', 'pause'].includes(entry.kind))).toEqual([]);
    await handle.terminate('test over');
  });

  it("records a refused signal with the sender's name escaped, and nothing raw in the timeline", async () => {
    await suite.startWorker(fastCloud());
    const handle = await suite.start(runbook);
    await waitForStatus(handle, (status) => status.openGate?.name === 'half-way');

    await handle.signal(approveSignal, { gate: 'half-way\x1b[8m', by: '\x1b]0;owned\x07carol', comment: 'ok' });
    await handle.signal(approveSignal, { gate: 'half-way', by: 'car\u200bol' });
    const status = await waitForStatus(handle, (current) => current.timeline.filter((entry) => entry.kind === 'refused').length === 2);

    const refused = status.timeline.filter((entry) => entry.kind === 'refused');
    expect(refused.map((entry) => entry.by)).toEqual(['\\x1b]0;owned\\x07carol', 'car\\u200bol']);
    expect(refused[0]!.message).toMatch(/^approval of gate "half-way\\x1b\[8m" refused: the identity "\\x1b\]0;owned\\x07carol" contains ESC/);
    for (const entry of status.timeline) expect(unsafeCharacter(`${entry.by ?? ''} ${entry.message}`)).toBeNull();
    expect(status.openGate?.name).toBe('half-way');
    await handle.terminate('test over');
  });

  it('answers a decision while the run rolls back with the rollback and its reason', async () => {
    const cloud = fastCloud();
    await suite.startWorker(cloud);
    const handle = await suite.start(runbook);
    await waitForStatus(handle, (status) => status.openGate?.name === 'half-way');
    // DNS cannot be set back yet: the run stays in its rollback, retrying.
    cloud.failAlways('dns.setWeights', 'Route 53 unavailable');
    await handle.executeUpdate(rejectUpdate, { args: [{ gate: 'half-way', by: 'bob', reason: 'p95 creeping up' }] });
    await waitForStatus(handle, (status) => status.phase === 'rollback');

    expect(await refusal(handle.executeUpdate(pauseUpdate, { args: [{ by: 'carol', reason: 'look' }] }))).toBe(
      'this cutover is rolling back: gate "half-way" rejected by bob: p95 creeping up',
    );
    cloud.clearFailures();
    expect((await handle.result()).outcome).toBe('rolled-back');
  });
});
