import { approveUpdate } from '../../workflows/messages';
import { cutover } from '../../workflows';
import type { Runbook } from '../../workflows/runbook/schema';
import { cutoverSuite, timelineText, uniqueId, waitForStatus } from '../support/harness';
import { fastCloud, fastRunbook, RECORD } from '../support/runbooks';

describe('a long cutover carried over to new runs', () => {
  const suite = cutoverSuite();

  function startCarrying(taskQueue: string, runbook: Runbook, carryOverAfterEvents: number) {
    return suite.harness.client.workflow.start(cutover, {
      taskQueue,
      workflowId: uniqueId('carry-over'),
      args: [{ runbook, startedBy: 'olivia', carryOverAfterEvents }],
    });
  }

  it('completes with every step, gate and approval exactly once across runs, carried over while a gate is open', async () => {
    const cloud = fastCloud();
    const { taskQueue } = await suite.startWorker(cloud);
    const runbook = fastRunbook({
      gates: [{ name: 'half-way', approvers: ['bob'] }],
      canary: { steps: [{ weight: 20, bake: '4s' }, { weight: 50, bake: '1s', gate: 'half-way' }, { weight: 100, bake: '3s' }] },
    });
    const handle = await startCarrying(taskQueue, runbook, 45);
    const { runId: firstRunId } = await handle.describe();

    // Wait until the run has been carried over while the gate was open, so the approval reaches a new run.
    await waitForStatus(handle, (status) => {
      const opened = status.timeline.findIndex((entry) => entry.kind === 'gate-open');
      return status.openGate?.name === 'half-way' && opened >= 0 && status.timeline.slice(opened).some((entry) => entry.message.startsWith('continued as run'));
    }, 90_000);
    await handle.executeUpdate(approveUpdate, { args: [{ gate: 'half-way', by: 'bob', comment: 'fine' }] });
    const result = await handle.result();

    expect(result.outcome).toBe('completed');
    expect((await handle.describe()).runId).not.toBe(firstRunId);
    expect(cloud.dnsWrites().map((write) => write.weights.green)).toEqual([20, 50, 100]);
    const text = timelineText(result);
    for (const once of ['step 1/3 completed', 'step 2/3 completed', 'step 3/3 completed', 'gate "half-way" open', 'approved by bob', 'canary: 20%']) {
      expect(text.split(once).length - 1).toBe(1);
    }
    expect(cloud.hookRuns().map((run) => `${run.hook}:${run.target}`)).toEqual(['freeze-writes:blue', 'unfreeze-writes:green']);
    expect(result.startedAt < result.timeline.find((entry) => entry.message.startsWith('continued as run'))!.at).toBe(true);
  });

  it('still rolls back on a breach after carrying over, and puts back what the first run changed', async () => {
    const cloud = fastCloud();
    const { taskQueue } = await suite.startWorker(cloud);
    const runbook = fastRunbook({ canary: { steps: [{ weight: 20, bake: '30s' }, { weight: 100, bake: '1s' }] } });
    const handle = await startCarrying(taskQueue, runbook, 50);
    await waitForStatus(handle, (status) => status.timeline.some((entry) => entry.message.startsWith('continued as run')), 60_000);

    cloud.injectMetric('green.error_rate', { value: 0.25 });
    const result = await handle.result();

    expect(result.outcome).toBe('rolled-back');
    expect(result.rollback?.cause?.metric).toBe('error-rate');
    expect(cloud.weights(RECORD)).toEqual({ blue: 100, green: 0 });
    expect(cloud.hookRuns('unfreeze-writes').map((run) => run.target)).toEqual(['blue']);
  });
});
