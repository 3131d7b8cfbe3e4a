/**
 * A rollback-failed cutover keeps its leases until a person releases them, signed; and no payload a
 * caller sends a lease can fail its workflow task.
 */
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { signStatement } from '../../client/signing/sign-statement';
import { cutoverLeasesQuery } from '../../workflows/leases/cutover-messages';
import type { resourceLease } from '../../workflows/leases/lease';
import { acquireUpdate, forceReleaseUpdate, releaseUpdate } from '../../workflows/leases/messages';
import { leaseWorkflowId } from '../../workflows/leases/resources';
import { releaseStatementText } from '../../workflows/signing/release-statement';
import { TestSigners } from '../client/cli/support';
import { cutoverSuite, waitForStatus } from '../support/harness';
import { fastCloud, fastRunbook } from '../support/runbooks';
import { eventually, failedLeaseTasks, leaseHeld, leaseStateOf, recordResource } from './support';

describe('releasing a lease by hand', () => {
  const suite = cutoverSuite();
  const signers = new TestSigners(['olivia', 'mallory']);
  afterAll(() => signers.close());

  const statement = (resource: string, holder: { cutover: string; firstRunId: string }, by: string, reason: string) =>
    releaseStatementText({
      resource,
      holder: holder.cutover,
      holderFirstRunId: holder.firstRunId,
      by,
      reason,
      signedAt: new Date().toISOString(),
      expiresAt: new Date(Date.now() + 600_000).toISOString(),
    });

  it('keeps the lease of a rollback-failed cutover until a person releases it with a verified signature', async () => {
    const cloud = fastCloud();
    const { taskQueue } = await suite.startWorker(cloud, { allowedSigners: signers.file });
    const resource = recordResource(taskQueue);
    const handle = await suite.start(fastRunbook({ rollback: { escalateAfter: '1s', giveUpAfter: '3s' } }));
    await waitForStatus(handle, (status) => status.step?.index === 1);
    cloud.failAlways('dns.setWeights', 'Route 53 is throttling');
    cloud.injectMetric('green.error_rate', { value: 0.25 });

    const result = await handle.result();
    expect(result.outcome).toBe('rollback-failed');
    expect((await handle.query(cutoverLeasesQuery)).state).toBe('kept');
    expect(await leaseHeld(suite.harness.client, resource)).toBe(true);

    const second = await suite.start(fastRunbook(), 'bob');
    const refused = await second.result();
    expect(refused.reason).toContain('which ended rollback-failed and keeps it until a person has checked the resource');
    expect(refused.reason).toContain(`cutover release ${resource} --reason`);

    const lease = suite.harness.client.workflow.getHandle<typeof resourceLease>(leaseWorkflowId(resource));
    const holder = (await leaseStateOf(suite.harness.client, resource)).holder!;
    const reason = 'read back 100% blue by hand';
    // Unsigned, or signed by someone other than who it names: refused, and the lease stays held.
    await expect(lease.executeUpdate(forceReleaseUpdate, { args: [{ by: 'olivia', reason }] })).rejects.toThrow(WorkflowUpdateFailedError);
    const forged = await signStatement(statement(resource, holder, 'olivia', reason), { key: signers.key('mallory').path });
    await expect(lease.executeUpdate(forceReleaseUpdate, { args: [{ by: 'olivia', reason, signed: forged }] })).rejects.toMatchObject({ cause: { message: expect.stringContaining('listed under another principal') } });
    expect(await leaseHeld(suite.harness.client, resource)).toBe(true);

    const signed = await signStatement(statement(resource, holder, 'olivia', reason), { key: signers.key('olivia').path });
    const receipt = await lease.executeUpdate(forceReleaseUpdate, { args: [{ by: 'olivia', reason, signed }] });

    expect(receipt).toMatchObject({ released: true, holder: { cutover: handle.workflowId }, proof: { verified: true, principal: 'olivia', statement: signed.statement, signature: signed.signature } });
    await eventually('the record is free', async () => !(await leaseHeld(suite.harness.client, resource)));
    const record = await lease.result();
    expect(record.events.at(-1)).toMatchObject({ kind: 'released-by-person', proof: { verified: true, fingerprint: receipt.proof.fingerprint } });
    expect(record.events.filter((event) => event.kind === 'ignored').map((event) => event.message)).toEqual([
      expect.stringContaining('a release must be signed'),
      expect.stringContaining('listed under another principal'),
    ]);
  });

  it('refuses malformed requests, and records a release by a non-holder, without a failed workflow task', async () => {
    const cloud = fastCloud();
    const { taskQueue } = await suite.startWorker(cloud, { allowedSigners: signers.file });
    const resource = recordResource(taskQueue);
    const handle = await suite.start(fastRunbook({ gates: [{ name: 'go', approvers: ['alice'] }], startGate: 'go' }));
    await waitForStatus(handle, (status) => status.openGate?.name === 'go');
    const lease = suite.harness.client.workflow.getHandle(leaseWorkflowId(resource));
    const send = (update: typeof acquireUpdate | typeof forceReleaseUpdate | typeof releaseUpdate, payload: unknown) => lease.executeUpdate(update as typeof acquireUpdate, { args: [payload as never] });

    for (const payload of [null, 42, 'take it', {}, { holder: null }, { holder: { cutover: 7 } }, { holder: { cutover: 'x', firstRunId: 'y', startedBy: 'z', startedAt: 'now' } }]) {
      await expect(send(acquireUpdate, payload)).rejects.toMatchObject({ cause: { message: expect.stringContaining('malformed lease request'), type: 'BadLeaseRequest' } });
    }
    for (const payload of [null, { by: 'olivia' }, { by: 'olivia', reason: 'x', signed: 'yes' }]) {
      await expect(send(forceReleaseUpdate, payload)).rejects.toMatchObject({ cause: { message: expect.stringContaining('malformed release') } });
    }
    for (const payload of [null, { cutover: handle.workflowId }, { cutover: handle.workflowId, firstRunId: 'r', why: '' }]) {
      await expect(send(releaseUpdate, payload)).rejects.toMatchObject({ cause: { message: expect.stringContaining('malformed release request') } });
    }
    expect(await send(releaseUpdate, { cutover: 'someone-else', firstRunId: 'r', why: 'mine now' })).toMatchObject({ released: false, message: expect.stringContaining(`held by cutover ${handle.workflowId}`) });

    const state = await leaseStateOf(suite.harness.client, resource);
    expect(state.holder?.cutover).toBe(handle.workflowId);
    expect(state.events.map((event) => event.kind)).toEqual(['granted', 'ignored']);
    expect(await failedLeaseTasks(suite.harness.client, resource)).toBe(0);
    await handle.terminate('test over');
  });
});
