import { WorkflowUpdateFailedError } from '@temporalio/client';
import { abortUpdate, approveUpdate, pauseUpdate, resumeUpdate } from '../../workflows/messages';
import { cutoverSuite, waitForStatus } from '../support/harness';
import { fastCloud, fastRunbook, RECORD } from '../support/runbooks';

const DNS_WITH_LOWERED_TTL = { provider: 'simulated' as const, record: RECORD, blue: 'orders-aws', green: 'orders-azure', ttl: '500ms', lowerTtlTo: '200ms', syncTimeout: '10s' };

describe('completion after sign-off', () => {
  const suite = cutoverSuite();

  function signedOffRunbook(rollback: { escalateAfter: string; giveUpAfter: string }) {
    return fastRunbook({
      dns: DNS_WITH_LOWERED_TTL,
      gates: [{ name: 'sign-off', approvers: ['bob'] }],
      signoffGate: 'sign-off',
      rollback,
    });
  }

  it('never writes DNS towards blue while a TTL restore fails for a while after sign-off, and ignores a breach and an abort meanwhile', async () => {
    const cloud = fastCloud();
    await suite.startWorker(cloud);
    const handle = await suite.start(signedOffRunbook({ escalateAfter: '1s', giveUpAfter: '10m' }));
    await waitForStatus(handle, (status) => status.openGate?.name === 'sign-off', 60_000);
    cloud.failAlways('dns.setTtl', 'Route 53: InvalidChangeBatch (transient)');
    await handle.executeUpdate(approveUpdate, { args: [{ gate: 'sign-off', by: 'bob' }] });

    const retrying = await waitForStatus(handle, (status) => (status.retrying?.operation === 'restoreTtl' && status.retrying.attempts >= 3) || status.outcome !== 'running', 60_000);
    expect(retrying.outcome).toBe('running');
    cloud.injectMetric('green.error_rate', { value: 0.5 });
    const abort = await handle.executeUpdate(abortUpdate, { args: [{ by: 'olivia', reason: 'changed my mind' }] }).catch((err: unknown) => err);
    expect(abort).toBeInstanceOf(WorkflowUpdateFailedError);
    expect((abort as WorkflowUpdateFailedError).cause?.message).toMatch(/is completing: sign-off is done and traffic stays on green/);
    await waitForStatus(handle, (status) => status.timeline.some((entry) => entry.kind === 'escalation'));
    cloud.clearFailures();

    const result = await handle.result();

    expect(result.outcome).toBe('completed');
    expect(result.unfinished).toEqual([]);
    // Every weight change ever asked for, failed ones included: the canary's, none back towards blue.
    expect(cloud.calls('dns.setWeights').map((call) => call.args.weights)).toEqual([
      { blue: 80, green: 20 },
      { blue: 50, green: 50 },
      { blue: 0, green: 100 },
    ]);
    expect(cloud.weights(RECORD)).toEqual({ blue: 0, green: 100 });
    expect(cloud.notifications('completion-escalation')).toHaveLength(1);
    expect(result.timeline.some((entry) => entry.kind === 'dns' && entry.message.startsWith('TTL restored'))).toBe(true);
  });

  it('completes with the TTL restore left to a human, escalated, when it still fails after giveUpAfter', async () => {
    const cloud = fastCloud();
    await suite.startWorker(cloud);
    const handle = await suite.start(signedOffRunbook({ escalateAfter: '1s', giveUpAfter: '3s' }));
    await waitForStatus(handle, (status) => status.openGate?.name === 'sign-off', 60_000);
    cloud.failAlways('dns.setTtl', 'Route 53: AccessDenied');
    await handle.executeUpdate(approveUpdate, { args: [{ gate: 'sign-off', by: 'bob' }] });

    const result = await handle.result();

    expect(result.outcome).toBe('completed');
    expect(result.unfinished).toEqual([expect.objectContaining({ operation: 'restoreTtl', lastError: expect.stringContaining('AccessDenied') })]);
    expect(result.reason).toContain('restore the DNS TTL');
    expect(cloud.weights(RECORD)).toEqual({ blue: 0, green: 100 });
    expect(cloud.dnsWrites().every((write) => write.weights.green > 0)).toBe(true);
    expect(cloud.hookRuns('unfreeze-writes').map((run) => run.target)).toEqual(['green']);
    expect(cloud.notifications('completion-escalation').length).toBeGreaterThanOrEqual(2);
  });
});

describe('a gate while the cutover is paused', () => {
  const suite = cutoverSuite();

  it('does not time out while paused: its deadline moves on by the paused time', async () => {
    const cloud = fastCloud();
    await suite.startWorker(cloud);
    const runbook = fastRunbook({ gates: [{ name: 'go-live', approvers: ['bob'], timeout: '3s', onTimeout: 'reject' }], startGate: 'go-live' });
    const handle = await suite.start(runbook);
    const opened = await waitForStatus(handle, (status) => status.openGate?.name === 'go-live');
    await handle.executeUpdate(pauseUpdate, { args: [{ by: 'olivia', reason: 'waiting for the DBA' }] });
    const held = await waitForStatus(handle, (status) => !!status.openGate?.clockStoppedAt);

    // Longer than the gate's whole timeout: were its clock running, the gate would have timed out.
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    const stillOpen = await waitForStatus(handle, () => true);
    expect(stillOpen.outcome).toBe('running');
    expect(stillOpen.openGate?.name).toBe('go-live');
    await handle.executeUpdate(resumeUpdate, { args: [{ by: 'olivia' }] });

    const resumed = await waitForStatus(handle, (status) => status.openGate?.clockStoppedAt === null);
    const moved = Date.parse(resumed.openGate!.deadline!) - Date.parse(opened.openGate!.deadline!);
    expect(moved).toBeGreaterThanOrEqual(5_000);
    expect(held.openGate?.deadline).toBe(opened.openGate?.deadline);
    await handle.executeUpdate(approveUpdate, { args: [{ gate: 'go-live', by: 'bob' }] });
    expect((await handle.result()).outcome).toBe('completed');
  });
});
