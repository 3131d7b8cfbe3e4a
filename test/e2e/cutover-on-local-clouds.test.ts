/**
 * Whole cutovers on the real Temporal server with real providers: Route 53, SQS, DMS and CloudWatch
 * on moto, green's error ratio from Prometheus. The worker is built as a production worker is
 * (worker/providers.ts); the only difference is that each runbook section points at a local server.
 */
import { startCutover, timelineText, waitForStatus } from '../support/harness';
import { useLocalClouds } from '../support/local-clouds';
import { startRecordingServer } from '../support/recording-server';

const local = useLocalClouds();

describe('a cutover on moto and Prometheus', () => {
  it('moves orders.example.com to 100% green in Route 53 once lag is within the RPO and the queue is drained', async () => {
    const record = 'orders.example.com';
    const { clouds, harness, taskQueue } = local();
    const { hostedZoneId } = await clouds.weightedRecord(record);
    await clouds.replicatingTask('orders-cdc', 2);
    await clouds.queueDrainedAfter('orders-events', 3, 2_000);
    const runbook = clouds.runbook({ name: 'orders-e2e', hostedZoneId, record, task: 'orders-cdc', queue: 'orders-events' });

    const handle = await startCutover(harness, taskQueue, runbook);
    const result = await handle.result();

    expect({ outcome: result.outcome, reason: result.reason }).toEqual({ outcome: 'completed', reason: null });
    expect(await clouds.weightsInMoto(hostedZoneId, record)).toEqual({ blue: 0, green: 100 });
    const timeline = timelineText(result);
    expect(timeline).toMatch(/lag 2s/);
    expect(timeline).toContain('orders-events');
    // Every change went through Route 53's API, one UPSERT batch per canary step.
    const changeBatches = clouds.moto.requests().filter((request) => request.method === 'POST' && request.path.includes(hostedZoneId.replace('/hostedzone/', '')) && request.path.endsWith('/rrset'));
    expect(changeBatches.length).toBeGreaterThanOrEqual(runbook.canary.steps.length);
  }, 90_000);

  it('rolls Route 53 back to 100% blue when green starts failing, naming the metric from Prometheus', async () => {
    const record = 'payments.example.com';
    const { clouds, harness, taskQueue } = local();
    const { hostedZoneId } = await clouds.weightedRecord(record);
    await clouds.replicatingTask('payments-cdc', 1);
    await clouds.queueDrainedAfter('payments-events', 0, 0);
    const runbook = clouds.runbook(
      { name: 'payments-e2e', hostedZoneId, record, task: 'payments-cdc', queue: 'payments-events' },
      { canary: { steps: [{ weight: 20, bake: '60s' }, { weight: 100, bake: '2s' }] } },
    );

    const handle = await startCutover(harness, taskQueue, runbook);
    await waitForStatus(handle, (status) => status.weights?.green === 20, 60_000);
    expect(await clouds.weightsInMoto(hostedZoneId, record)).toEqual({ blue: 80, green: 20 });
    clouds.green.setFailing(true);
    const result = await handle.result();
    await clouds.healGreen();

    expect(result.outcome).toBe('rolled-back');
    expect(result.rollback?.cause).toMatchObject({ metric: 'error-ratio' });
    expect(result.reason).toMatch(/metric error-ratio = [\d.]+, threshold above 0.2/);
    expect(result.rollback?.verifiedAt).not.toBeNull();
    expect(await clouds.weightsInMoto(hostedZoneId, record)).toEqual({ blue: 100, green: 0 });
  }, 120_000);

  it('freezes and unfreezes writes through webhooks and tells Slack, with secrets from the environment that never reach history', async () => {
    const { clouds, harness, taskQueue } = local();
    const receiver = await startRecordingServer();
    const token = 'Bearer e2e-admin-secret-7f3a';
    const slackPath = '/services/T0E2E/B0E2E/slack-secret-9c41';
    process.env.E2E_ADMIN_TOKEN = token;
    process.env.E2E_SLACK_WEBHOOK_URL = `${receiver.url}${slackPath}`;
    try {
      const record = 'inventory.example.com';
      const { hostedZoneId } = await clouds.weightedRecord(record);
      await clouds.replicatingTask('inventory-cdc', 1);
      await clouds.queueDrainedAfter('inventory-events', 0, 0);
      const hook = (name: string, method: 'PUT' | 'DELETE') => ({
        provider: 'webhook' as const,
        name,
        url: `${receiver.url}/write-freeze`,
        method,
        secretHeaders: { Authorization: 'E2E_ADMIN_TOKEN' },
      });
      const runbook = clouds.runbook(
        { name: 'inventory-e2e', hostedZoneId, record, task: 'inventory-cdc', queue: 'inventory-events' },
        {
          canary: { steps: [{ weight: 100, bake: '2s' }] },
          hooks: { freeze: hook('freeze-writes', 'PUT'), unfreeze: hook('unfreeze-writes', 'DELETE') },
          notifications: [{ provider: 'slack', channel: '#inventory-cutover', webhookUrlFrom: 'E2E_SLACK_WEBHOOK_URL' }],
        },
      );

      const handle = await startCutover(harness, taskQueue, runbook);
      const result = await handle.result();

      expect(result.outcome).toBe('completed');
      const hooks = receiver.received.filter((request) => request.url === '/write-freeze');
      expect(hooks.map((request) => [request.method, JSON.parse(request.body).target, request.headers.authorization])).toEqual([
        ['PUT', 'blue', token],
        ['DELETE', 'green', token],
      ]);
      const slack = receiver.received.filter((request) => request.url === slackPath);
      expect(slack.map((request) => JSON.parse(request.body).text).join('\n')).toContain('inventory');
      expect(slack.length).toBeGreaterThanOrEqual(1);
      // Payloads are base64 in the history's JSON: decoded, so a secret anywhere in them would show.
      const history = JSON.stringify(await handle.fetchHistory()).replace(/"data":"([A-Za-z0-9+/=]+)"/g, (_, data: string) => Buffer.from(data, 'base64').toString());
      expect(history).toContain('E2E_ADMIN_TOKEN');
      expect(history).not.toContain('e2e-admin-secret-7f3a');
      expect(history).not.toContain('slack-secret-9c41');
    } finally {
      delete process.env.E2E_ADMIN_TOKEN;
      delete process.env.E2E_SLACK_WEBHOOK_URL;
      await receiver.stop();
    }
  }, 90_000);
});
