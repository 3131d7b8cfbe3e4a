/**
 * A wave and a lone cutover cannot drive one record: each application's cutover takes the leases of
 * what it changes the same way a lone cutover does, so whichever comes second is refused before any
 * change, naming the holder, and the other goes on untouched.
 */
import { SimulatedCloud } from '../../activities/simulated';
import { abortUpdate } from '../../workflows/messages';
import { cutoverSuite, waitForStatus } from '../support/harness';
import { appRecord, appRunbook, startWave, states, waitForWave, waveRunInput, waveScenario } from '../wave/support';
import { eventually, leaseHeld, leaseStateOf } from './support';

const gate = { gates: [{ name: 'go', approvers: ['alice'] }], startGate: 'go' };

describe('leases between a wave and a lone cutover', () => {
  const suite = cutoverSuite();

  it('refuses the wave application whose record a lone cutover holds; the wave goes on with the others', async () => {
    const cloud = SimulatedCloud.create({ scenario: waveScenario(['a', 'b']) });
    const { taskQueue } = await suite.startWorker(cloud);
    const resource = `dns/simulated/${taskQueue}/${appRecord('b')}`;
    const lone = await suite.start(appRunbook('b', gate));
    await waitForStatus(lone, (status) => status.openGate?.name === 'go');

    const input = waveRunInput({ name: 'beside-lone', maxParallel: 2, applications: [{ name: 'a' }, { name: 'b' }] });
    const result = await (await startWave(suite.harness, taskQueue, input)).result();

    expect(states(result)).toEqual({ a: 'completed', b: 'aborted' });
    expect(result.applications[1]!.reason).toContain(`is held by cutover ${lone.workflowId}`);
    expect(cloud.dnsWrites(appRecord('b'))).toEqual([]);
    expect((await leaseStateOf(suite.harness.client, resource)).holder?.cutover).toBe(lone.workflowId);

    await lone.executeUpdate(abortUpdate, { args: [{ by: 'olivia', reason: 'rehearsal over' }] });
    await eventually('the record is free', async () => !(await leaseHeld(suite.harness.client, resource)));
  });

  it('refuses a lone cutover on a record a running wave application holds, naming that application', async () => {
    const cloud = SimulatedCloud.create({ scenario: waveScenario(['a']) });
    const { taskQueue } = await suite.startWorker(cloud);
    const input = waveRunInput({ name: 'holding', maxParallel: 1, applications: [{ name: 'a' }] }, { a: appRunbook('a', gate) });
    const wave = await startWave(suite.harness, taskQueue, input);
    await waitForWave(wave, (status) => status.applications[0]?.state === 'running');
    const application = suite.harness.client.workflow.getHandle(input.members[0]!.id);
    await eventually('the application waits at its gate', async () => {
      try {
        return (await application.query<{ openGate: { name: string } | null }>('status')).openGate?.name === 'go';
      } catch {
        return false;
      }
    }, 60_000);

    const refused = await (await suite.start(appRunbook('a'), 'bob')).result();

    expect(refused.outcome).toBe('aborted');
    expect(refused.reason).toContain(`is held by cutover ${input.members[0]!.id}`);
    expect(cloud.dnsWrites(appRecord('a'))).toEqual([]);
    await application.executeUpdate(abortUpdate, { args: [{ by: 'olivia', reason: 'rehearsal over' }] });
    expect((await wave.result()).applications[0]!.state).toBe('aborted');
  });
});
