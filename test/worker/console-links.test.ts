/**
 * Notifications that ask a person to act link to the cutover's page in the console when the worker
 * is given the console's address: through a real worker, to a local receiver standing in for Slack
 * and for a webhook.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { httpProviders } from '../../activities/http';
import { consoleBaseUrl } from '../../activities/console-link';
import type { Providers } from '../../activities/providers';
import { createCutoverWorker } from '../../worker/create-worker';
import { connectHarness, startCutover, uniqueId, waitForStatus, workflowBundle, type Harness } from '../support/harness';
import { startRecordingServer, type RecordingServer } from '../support/recording-server';
import { SshWorkspace } from '../support/ssh';
import { fastCloud, fastRunbook, fastScenarioWith, onRecord } from '../support/runbooks';

const GATED_RECORD = 'gated.example.com';
const CONSOLE = consoleBaseUrl('https://cutover.example.com/console/', '--console-url');

describe('links from notifications to the console', () => {
  let harness: Harness;
  let receiver: RecordingServer;
  // A runbook that talks to Slack and webhooks is held to signed approvals: its gate opens only on a
  // worker that trusts some keys.
  const ssh = new SshWorkspace();
  const allowedSigners = path.join(ssh.dir, 'allowed_signers');
  beforeAll(async () => {
    harness = await connectHarness();
    receiver = await startRecordingServer(() => ({ status: 200, body: 'ok' }));
    writeFileSync(allowedSigners, `bob ${ssh.key('ed25519').publicKey}\n`);
  });
  afterAll(async () => {
    ssh.close();
    await receiver.stop();
    await harness.close();
  });

  async function run(consoleUrl: string | undefined) {
    // Each cutover on its own record: one cutover owns a record until it ends.
    const cloud = fastCloud(fastScenarioWith(GATED_RECORD));
    const simulated = cloud.providers();
    const http = httpProviders({ env: { SLACK_TEST_WEBHOOK: `${receiver.url}/slack` } });
    const providers: Providers = { ...simulated, notifiers: { ...simulated.notifiers, ...http.notifiers } };
    const taskQueue = uniqueId('links');
    const worker = await createCutoverWorker({ connection: harness.connection, taskQueue, providers, workflowBundle: workflowBundle(), consoleUrl, allowedSigners });
    const running = worker.run();
    const notifications = [
      { provider: 'simulated' as const, channel: '#cutover' },
      { provider: 'slack' as const, channel: '#cutover', webhookUrlFrom: 'SLACK_TEST_WEBHOOK' },
      { provider: 'webhook' as const, channel: 'pager', url: `${receiver.url}/events/${taskQueue}` },
    ];
    try {
      const gated = await startCutover(harness, taskQueue, onRecord(fastRunbook({ name: 'orders-gated', notifications, gates: [{ name: 'go-live', approvers: ['bob'], timeout: '1s' }], startGate: 'go-live' }), GATED_RECORD));
      const breaching = await startCutover(harness, taskQueue, fastRunbook({ notifications, canary: { steps: [{ weight: 50, bake: '60s' }, { weight: 100, bake: '1s' }] } }));
      await waitForStatus(breaching, (status) => status.metrics['error-rate']?.verdict === 'pass');
      cloud.injectMetric('green.error_rate', { value: 0.25 });
      expect((await breaching.result()).outcome).toBe('rolled-back');
      expect((await gated.result()).outcome).toBe('aborted');
      const webhook = receiver.received.filter((request) => request.url === `/events/${taskQueue}`).map((request) => JSON.parse(request.body) as { kind: string; cutover: string; link?: string });
      return { cloud, gated: gated.workflowId, breaching: breaching.workflowId, webhook };
    } finally {
      worker.shutdown();
      await running;
    }
  }

  it('links gate-open and rollback notifications to <console-url>/cutovers/<id> in Slack and webhooks, and not the others', async () => {
    receiver.received.length = 0;
    const { cloud, gated, breaching, webhook } = await run(CONSOLE);

    const gateLink = `https://cutover.example.com/console/cutovers/${encodeURIComponent(gated)}`;
    const rollbackLink = `https://cutover.example.com/console/cutovers/${breaching}`;
    expect(cloud.notifications('gate-open').map((notification) => notification.link)).toEqual([gateLink]);
    expect(cloud.notifications('rollback').map((notification) => notification.link)).toEqual([rollbackLink]);
    expect(cloud.notifications('aborted').map((notification) => notification.link)).toEqual([undefined]);
    expect(webhook.filter((body) => body.kind === 'gate-open')).toEqual([expect.objectContaining({ cutover: gated, link: gateLink })]);
    expect(webhook.filter((body) => body.kind === 'rollback')).toEqual([expect.objectContaining({ cutover: breaching, link: rollbackLink })]);

    const slack = receiver.received.filter((request) => request.url === '/slack').map((request) => JSON.parse(request.body) as { text: string; blocks: unknown[] });
    const gateMessage = slack.find((message) => message.text.includes(`Approval needed: ${gated}`))!;
    expect(gateMessage.text).toContain(`<${gateLink}|Open ${gated} in the console>`);
    expect(JSON.stringify(gateMessage.blocks)).toContain(`<${gateLink}|Open ${gated} in the console>`);
    const rollbackMessage = slack.find((message) => message.text.includes(`Rolled back to blue: ${breaching}`))!;
    expect(rollbackMessage.text).toContain(`<${rollbackLink}|Open ${breaching} in the console>`);
    expect(slack.find((message) => message.text.includes(`aborted: ${gated}`))?.text).not.toContain('console');
  });

  it('sends no link when the worker has no console address', async () => {
    const { cloud, webhook } = await run(undefined);
    expect(cloud.notifications().every((notification) => notification.link === undefined)).toBe(true);
    expect(webhook.every((body) => !('link' in body))).toBe(true);
  });
});
