import { startCutover } from '../../client/start-cutover';
import { cutover } from '../../workflows';
import { approveUpdate } from '../../workflows/messages';
import type { CallRecord } from '../../activities/simulated/state';
import { cutoverSuite, uniqueId, waitForStatus } from '../support/harness';
import { backToBlue, fastCloud, fastRunbook } from '../support/runbooks';

/** What a call did, told apart by which cutover run it belongs to; a retry of it does the same. */
function action(run: number, call: CallRecord): string {
  const args = call.args as Record<string, string>;
  return call.op === 'hooks.run' ? `run ${run}: hook ${args.hook} on ${args.target}` : `run ${run}: ${args.channel} ${args.kind}: ${args.message}`;
}

function groups(pairs: [string, string][]): Map<string, Set<string>> {
  const map = new Map<string, Set<string>>();
  for (const [from, to] of pairs) map.set(from, (map.get(from) ?? new Set()).add(to));
  return map;
}

describe('idempotency keys sent to hooks and notification receivers', () => {
  const suite = cutoverSuite();

  it('never share a key between two actions, across a reused cutover id and a carry-over, while retries keep theirs', async () => {
    const cloud = fastCloud();
    const { taskQueue } = await suite.startWorker(cloud);
    const id = uniqueId('reused');
    const client = suite.harness.client;
    const runStarts: number[] = [];

    // Two cutovers one after the other under the same id, each with a gate and its reminder.
    const reminded = fastRunbook({ gates: [{ name: 'go', approvers: ['bob'], timeout: '1s', onTimeout: 'wait' }], startGate: 'go' });
    for (let i = 0; i < 2; i++) {
      // The cutover before moved the record to green; a cutover starts only from 100% blue.
      backToBlue(cloud);
      runStarts.push(cloud.calls().length);
      // A failed first try of the freeze and of a notification: their retries must keep the key.
      cloud.failNext('hooks.run:freeze-writes', 1, 'freeze endpoint: 502');
      cloud.failNext('notify:#cutover', 1, 'chat: 503');
      const handle = await startCutover(client, reminded, { startedBy: 'olivia', taskQueue, workflowId: id });
      await waitForStatus(handle, (status) => status.timeline.some((entry) => entry.kind === 'timeout'), 60_000);
      await handle.executeUpdate(approveUpdate, { args: [{ gate: 'go', by: 'bob' }] });
      expect((await handle.result()).outcome).toBe('completed');
    }

    // The same id a third time, carried over to new runs while a gate is open, with a second gate after it.
    backToBlue(cloud);
    runStarts.push(cloud.calls().length);
    const twoGates = fastRunbook({
      gates: [{ name: 'half-way', approvers: ['bob'] }, { name: 'sign-off', approvers: ['bob'] }],
      canary: { steps: [{ weight: 20, bake: '800ms', gate: 'half-way' }, { weight: 100, bake: '800ms' }] },
      signoffGate: 'sign-off',
    });
    const carried = await client.workflow.start(cutover, { taskQueue, workflowId: id, args: [{ runbook: twoGates, startedBy: 'olivia', carryOverAfterEvents: 45 }] });
    // Carried over after the gate opened, so the next gate is notified by a later run than this one.
    await waitForStatus(carried, (status) => {
      const opened = status.timeline.findIndex((entry) => entry.kind === 'gate-open');
      return status.openGate?.name === 'half-way' && opened >= 0 && status.timeline.slice(opened).some((entry) => entry.message.startsWith('continued as run'));
    }, 90_000);
    await carried.executeUpdate(approveUpdate, { args: [{ gate: 'half-way', by: 'bob' }] });
    await waitForStatus(carried, (status) => status.openGate?.name === 'sign-off', 60_000);
    await carried.executeUpdate(approveUpdate, { args: [{ gate: 'sign-off', by: 'bob' }] });
    expect((await carried.result()).outcome).toBe('completed');

    const calls = cloud.calls();
    const keyed = calls.flatMap((call, index) => {
      if (call.op !== 'hooks.run' && call.op !== 'notify') return [];
      const run = runStarts.filter((start) => start <= index).length;
      return [[String(call.args.idempotencyKey), action(run, call)] as [string, string]];
    });
    const actionsByKey = groups(keyed);
    const keysByAction = groups(keyed.map(([key, what]) => [what, key]));

    expect([...actionsByKey].filter(([, actions]) => actions.size > 1)).toEqual([]);
    expect([...keysByAction].filter(([, keys]) => keys.size > 1)).toEqual([]);
    // The scenario did what it is meant to: retries, reminders and a gate after a carry-over.
    expect(keyed.length).toBeGreaterThan(actionsByKey.size);
    expect([...keysByAction.keys()].filter((what) => what.includes('still waits'))).toHaveLength(2);
    expect([...keysByAction.keys()].filter((what) => what.startsWith('run 3') && what.includes('gate-open'))).toHaveLength(2);
  });
});
