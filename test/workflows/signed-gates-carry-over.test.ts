/**
 * A signed gate open across a carry-over: the keys it opened with and the record of refusals go on
 * into the new run, where a signed approval passes, and replaying the history decides the same.
 */
import { Worker } from '@temporalio/worker';
import { cutover } from '../../workflows';
import { approveUpdate } from '../../workflows/messages';
import type { DecisionProof } from '../../workflows/signing/proof';
import { cutoverSuite, uniqueId, waitForStatus, workflowBundle } from '../support/harness';
import { fastCloud, fastRunbook } from '../support/runbooks';
import { keyring, refusal, signedFor } from './support/signed';

describe('a signed gate carried over to a new run', () => {
  const suite = cutoverSuite();
  const ring = keyring();
  afterAll(() => ring.close());

  it('keeps its keys and refusals, passes on a signed approval in the new run, and replays to the same decisions', async () => {
    const { taskQueue } = await suite.startWorker(fastCloud(), { allowedSigners: ring.allowedSigners });
    const runbook = fastRunbook({
      approvals: 'signed',
      gates: [{ name: 'half-way', approvers: ['bob'] }],
      canary: { steps: [{ weight: 20, bake: '4s' }, { weight: 50, bake: '1s', gate: 'half-way' }, { weight: 100, bake: '1s' }] },
    });
    const handle = await suite.harness.client.workflow.start(cutover, {
      taskQueue,
      workflowId: uniqueId('signed-carry-over'),
      args: [{ runbook, startedBy: 'olivia', carryOverAfterEvents: 45 }],
    });
    const opened = await waitForStatus(handle, (s) => s.openGate?.name === 'half-way');
    expect(await refusal(handle.executeUpdate(approveUpdate, { args: [{ gate: 'half-way', by: 'bob' }] }))).toContain('not signed');
    const carried = await waitForStatus(
      handle,
      (s) => s.openGate?.name === 'half-way' && s.timeline.slice(s.timeline.findIndex((entry) => entry.kind === 'gate-open')).some((entry) => entry.message.startsWith('continued as run')),
      90_000,
    );
    expect(carried.openGate?.keys).toEqual(opened.openGate?.keys);
    expect(carried.refused).toEqual({ recorded: 1, counted: 0 });

    await handle.executeUpdate(approveUpdate, { args: [signedFor(ring, handle, carried, { by: 'bob', key: ring.keys.bob })] });
    const result = await handle.result();
    expect(result.outcome).toBe('completed');
    const approval = result.timeline.find((entry) => entry.kind === 'approval')!;
    expect((approval.data?.proof as DecisionProof).fingerprint).toBe(ring.keys.bob.fingerprint);

    const history = await handle.fetchHistory();
    await expect(Worker.runReplayHistory({ workflowBundle: workflowBundle() }, history, handle.workflowId)).resolves.toBeUndefined();
  });
});
