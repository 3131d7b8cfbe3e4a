import { SimulatedCloud } from '../../activities/simulated';
import { cutoverSuite } from '../support/harness';
import { appRecord, startWave, states, waveRunInput, waveScenario } from './support';

describe("a wave's history", () => {
  const suite = cutoverSuite();

  it("keeps each cutover's result out of the wave's history and carries over to a new run while applications run, starting none twice", async () => {
    const cloud = SimulatedCloud.create({ scenario: waveScenario(['a', 'b', 'c', 'd']) });
    const worker = await suite.startWorker(cloud);
    const input = waveRunInput({ name: 'small', maxParallel: 2, applications: [{ name: 'a' }, { name: 'b' }, { name: 'c', after: ['a'] }, { name: 'd', after: ['b'] }] });
    input.carryOverAfterEvents = 30;

    const handle = await startWave(suite.harness, worker.taskQueue, input);
    const result = await handle.result();

    expect(states(result)).toEqual({ a: 'completed', b: 'completed', c: 'completed', d: 'completed' });
    expect(result.applications.map((app) => app.final)).toEqual(Array(4).fill({ phase: 'complete', weights: { blue: 0, green: 100 }, outcome: 'completed' }));
    expect(result.timeline.filter((entry) => entry.kind === 'application-start').map((entry) => entry.application).sort()).toEqual(['a', 'b', 'c', 'd']);
    expect(result.timeline.filter((entry) => entry.kind === 'start')).toHaveLength(1);
    expect(result.timeline.some((entry) => entry.kind === 'note' && entry.message.startsWith('continued as run 2 of this wave'))).toBe(true);

    const runs: string[] = [];
    for await (const execution of suite.harness.client.workflow.list({ query: `WorkflowId = '${handle.workflowId}'` })) runs.push(execution.runId);
    expect(runs.length).toBeGreaterThan(1);
    for (const runId of runs) {
      const history = await suite.harness.client.workflow.getHandle(handle.workflowId, runId).fetchHistory();
      const childTypes = history.events!.flatMap((event) => (event.childWorkflowExecutionStartedEventAttributes ? [event.childWorkflowExecutionStartedEventAttributes.workflowType!.name] : []));
      expect(childTypes.every((type) => type === 'waveApplication')).toBe(true);
    }
    for (const member of input.members) {
      const cutoverRuns: string[] = [];
      for await (const execution of suite.harness.client.workflow.list({ query: `WorkflowId = '${member.id}'` })) cutoverRuns.push(execution.runId);
      expect(cutoverRuns).toHaveLength(1);
    }
    for (const name of ['a', 'b', 'c', 'd']) expect(cloud.weights(appRecord(name))).toEqual({ blue: 0, green: 100 });
  });
});
