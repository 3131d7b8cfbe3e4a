import { Worker } from '@temporalio/worker';
import { approveUpdate } from '../../workflows/messages';
import { cutoverSuite, waitForStatus, workflowBundle } from '../support/harness';
import { fastCloud, fastRunbook, RECORD } from '../support/runbooks';

describe('a cutover on the happy path', () => {
  const suite = cutoverSuite();

  it('reaches completed with DNS at 100% green and every phase in the timeline', async () => {
    const cloud = fastCloud();
    await suite.startWorker(cloud);
    const runbook = fastRunbook({
      gates: [
        { name: 'go-live', approvers: ['bob'] },
        { name: 'half-way', approvers: ['bob'] },
        { name: 'sign-off', approvers: ['carol'] },
      ],
      startGate: 'go-live',
      signoffGate: 'sign-off',
      canary: {
        steps: [
          { weight: 20, bake: '600ms' },
          { weight: 50, bake: '600ms', gate: 'half-way' },
          { weight: 100, bake: '600ms' },
        ],
      },
      dns: { provider: 'simulated', record: RECORD, blue: 'orders-aws', green: 'orders-azure', ttl: '500ms', lowerTtlTo: '200ms' },
      acceptance: {
        soak: '600ms',
        checks: [{ name: 'availability', provider: 'simulated', query: 'green.availability', threshold: { below: 0.99 } }],
        tests: [{ provider: 'simulated', name: 'smoke-test' }],
      },
    });
    const handle = await suite.start(runbook);

    for (const [gate, by] of [['go-live', 'bob'], ['half-way', 'bob'], ['sign-off', 'carol']] as const) {
      await waitForStatus(handle, (status) => status.openGate?.name === gate);
      await handle.executeUpdate(approveUpdate, { args: [{ gate, by, comment: `ok from ${by}` }] });
    }
    const result = await handle.result();

    expect(result.outcome).toBe('completed');
    expect(cloud.weights(RECORD)).toEqual({ blue: 0, green: 100 });
    const phases = new Set(result.timeline.map((entry) => entry.phase));
    for (const phase of ['preflight', 'gate', 'freeze', 'replication', 'drain', 'canary', 'acceptance', 'signoff', 'complete']) {
      expect(phases).toContain(phase);
    }
    expect(cloud.dnsWrites().map((write) => write.weights.green)).toEqual([20, 50, 100]);
    expect(result.timeline.filter((entry) => entry.kind === 'approval').map((entry) => entry.by)).toEqual(['bob', 'bob', 'carol']);
    expect(cloud.hookRuns().map((run) => `${run.hook}:${run.target}`)).toEqual(['freeze-writes:blue', 'smoke-test:green', 'unfreeze-writes:green']);
    expect(cloud.calls('dns.setTtl').map((call) => call.args.ttlMs)).toEqual([200, 500]);
    expect(cloud.notifications('completed')).toHaveLength(1);
  });

  it('replays its own history deterministically, gates and rollback included', async () => {
    const cloud = fastCloud();
    await suite.startWorker(cloud);
    const runbook = fastRunbook({
      gates: [{ name: 'half-way', approvers: ['bob'] }],
      canary: { steps: [{ weight: 20, bake: '1s', gate: 'half-way' }, { weight: 100, bake: '3s' }] },
    });
    const handle = await suite.start(runbook);
    await waitForStatus(handle, (status) => status.openGate?.name === 'half-way');
    await handle.executeUpdate(approveUpdate, { args: [{ gate: 'half-way', by: 'bob' }] });
    await waitForStatus(handle, (status) => status.step?.index === 2);
    cloud.injectMetric('green.error_rate', { value: 0.25 });
    expect((await handle.result()).outcome).toBe('rolled-back');

    const history = await handle.fetchHistory();
    await expect(Worker.runReplayHistory({ workflowBundle: workflowBundle() }, history, handle.workflowId)).resolves.toBeUndefined();
  });
});
