/**
 * One owner per resource, on the real server: a cutover holds the lease of its DNS record from
 * before any change until it ends; a second cutover on that record ends aborted before any change,
 * naming the holder; the lease is given back on completion, rollback and abort.
 */
import type { resourceLease } from '../../workflows/leases/lease';
import { cutoverLeasesQuery } from '../../workflows/leases/cutover-messages';
import { abortUpdate } from '../../workflows/messages';
import { cutoverSuite, waitForStatus } from '../support/harness';
import { fastCloud, fastRunbook, RECORD } from '../support/runbooks';
import { eventually, leaseHeld, leaseStateOf, recordResource } from './support';

const gated = () => fastRunbook({ gates: [{ name: 'go', approvers: ['alice'] }], startGate: 'go' });

describe('resource leases of cutovers', () => {
  const suite = cutoverSuite();

  it('refuses a second cutover on a held record before any change, naming the holder, and frees the record when the holder aborts', async () => {
    const cloud = fastCloud();
    const { taskQueue } = await suite.startWorker(cloud);
    const resource = recordResource(taskQueue);
    const holder = await suite.start(gated());
    await waitForStatus(holder, (status) => status.openGate?.name === 'go');
    expect(await holder.query(cutoverLeasesQuery)).toMatchObject({ state: 'taken', resources: [resource] });
    expect((await leaseStateOf(suite.harness.client, resource)).holder).toMatchObject({ cutover: holder.workflowId, startedBy: 'olivia' });

    const second = await suite.start(gated(), 'bob');
    const refused = await second.result();

    expect(refused.outcome).toBe('aborted');
    expect(refused.reason).toContain(`DNS record ${RECORD} (${resource}) is held by cutover ${holder.workflowId}, started by olivia at `);
    expect(refused.reason).toContain(`cutover abort ${holder.workflowId}`);
    const leases = await second.query(cutoverLeasesQuery);
    expect(leases).toMatchObject({ state: 'refused', refusal: { resource, holderState: 'running', holder: { cutover: holder.workflowId, startedBy: 'olivia' } } });
    expect(cloud.dnsWrites()).toEqual([]);
    // The second gave nothing back that it did not hold: the holder keeps its lease.
    expect((await leaseStateOf(suite.harness.client, resource)).holder?.cutover).toBe(holder.workflowId);

    await holder.executeUpdate(abortUpdate, { args: [{ by: 'olivia', reason: 'rehearsal over' }] });
    expect((await holder.result()).outcome).toBe('aborted');
    await eventually('the record is free', async () => !(await leaseHeld(suite.harness.client, resource)));
    expect((await holder.query(cutoverLeasesQuery)).state).toBe('released');
  });

  it('gives the leases back when the cutover completes', async () => {
    const cloud = fastCloud();
    const { taskQueue } = await suite.startWorker(cloud);
    const handle = await suite.start(fastRunbook());
    const result = await handle.result();

    expect(result.outcome).toBe('completed');
    await eventually('the record is free', async () => !(await leaseHeld(suite.harness.client, recordResource(taskQueue))));
    const lease = await suite.harness.client.workflow.getHandle<typeof resourceLease>(`lease/${recordResource(taskQueue)}`).result();
    expect(lease.events.map((event) => event.kind)).toEqual(['granted', 'released']);
    expect(lease.events[1]!.message).toContain('the cutover ended completed');
  });

  it('gives the leases back after a rollback', async () => {
    const cloud = fastCloud();
    const { taskQueue } = await suite.startWorker(cloud);
    const handle = await suite.start(fastRunbook({ canary: { steps: [{ weight: 20, bake: '10s' }, { weight: 100, bake: '1s' }] } }));
    await waitForStatus(handle, (status) => status.step?.index === 1);
    cloud.injectMetric('green.error_rate', { value: 0.25 });

    expect((await handle.result()).outcome).toBe('rolled-back');
    await eventually('the record is free', async () => !(await leaseHeld(suite.harness.client, recordResource(taskQueue))));
    expect((await handle.query(cutoverLeasesQuery)).state).toBe('released');
  });

  it('keeps the lease of a terminated cutover, and the refusal says the record may be half-moved', async () => {
    const cloud = fastCloud();
    const { taskQueue } = await suite.startWorker(cloud);
    const holder = await suite.start(gated());
    await waitForStatus(holder, (status) => status.openGate?.name === 'go');
    await holder.terminate('operator terminated it by hand');

    const second = await suite.start(gated(), 'bob');
    const refused = await second.result();

    expect(refused.outcome).toBe('aborted');
    expect(refused.reason).toContain('whose workflow was terminated and may have left it half-moved');
    expect(refused.reason).toContain(`cutover release ${recordResource(taskQueue)} --reason`);
    expect(await leaseHeld(suite.harness.client, recordResource(taskQueue))).toBe(true);
  });
});
