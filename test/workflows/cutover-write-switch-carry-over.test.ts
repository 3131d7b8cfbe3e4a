import { SimulatedCloud } from '../../activities/simulated';
import { cutover } from '../../workflows';
import { cutoverSuite, timelineText, uniqueId, waitForStatus } from '../support/harness';
import { RECORD } from '../support/runbooks';
import { dataScenario, switchRunbook } from './support/write-switch';

describe('a write switch carried over to a new run', () => {
  const suite = cutoverSuite();

  it('brings the data back first in a rollback that happens in the run carried over to', async () => {
    const cloud = SimulatedCloud.create({ scenario: dataScenario({ reverseDelayMs: 1_500 }) });
    const { taskQueue } = await suite.startWorker(cloud);
    const runbook = switchRunbook({ at: 'before-canary' }, { canary: { steps: [{ weight: 20, bake: '30s' }, { weight: 100, bake: '1s' }] } });
    const handle = await suite.harness.client.workflow.start(cutover, {
      taskQueue,
      workflowId: uniqueId('switch-carry-over'),
      args: [{ runbook, startedBy: 'olivia', carryOverAfterEvents: 60 }],
    });
    const { runId: firstRunId } = await handle.describe();
    await waitForStatus(handle, (status) => {
      const switched = status.timeline.findIndex((entry) => entry.message.startsWith('writes open on green'));
      return switched >= 0 && status.timeline.slice(switched).some((entry) => entry.message.startsWith('continued as run'));
    }, 90_000);
    cloud.injectMetric('green.error_rate', { value: 0.25 });

    const result = await handle.result();

    expect(result.outcome).toBe('rolled-back');
    expect((await handle.describe()).runId).not.toBe(firstRunId);
    expect(cloud.hookRuns().map((run) => `${run.action} ${run.target}`)).toEqual([
      'freeze blue',
      'switch-writes green',
      'unfreeze green',
      'freeze green',
      'switch-writes blue',
      'unfreeze blue',
    ]);
    expect(cloud.ledgers().blueReopened).toEqual([expect.objectContaining({ missing: 0 })]);
    expect(result.writes!.windows.map((window) => window.why)).toEqual(['write-switch', 'rollback']);
    expect(timelineText(result)).toContain('rolling back, data first');
    expect(cloud.weights(RECORD)).toEqual({ blue: 100, green: 0 });
  });
});
