/**
 * Slack notifications: the message each kind gets (pure), and the incoming webhook against a local
 * receiver answering as Slack does, with the webhook URL (a secret) kept out of every error.
 */
import { httpProviders } from '../../../activities/http';
import { slackMessage } from '../../../activities/http/slack-message';
import type { Notification, NotificationKind } from '../../../activities/providers';
import { slackNotification } from '../../../workflows/runbook/provider-sections';
import { startRecordingServer, type RecordingServer } from '../../support/recording-server';
import { failure } from '../../support/failure';

const SECRET_PATH = '/services/T0001/B0002/k9Xw2mQpL7rTz4';

let receiver: RecordingServer;
const env: NodeJS.ProcessEnv = {};
const { slack } = httpProviders({ env }).notifiers;
const channel = slackNotification.parse({ provider: 'slack', channel: '#cutover', webhookUrlFrom: 'SLACK_CUTOVER_WEBHOOK' });

beforeAll(async () => {
  receiver = await startRecordingServer(() => ({ status: 200, body: 'ok' }));
  env.SLACK_CUTOVER_WEBHOOK = `${receiver.url}${SECRET_PATH}`;
});
afterAll(() => receiver.stop());

const gateOpen: Notification = {
  kind: 'gate-open',
  cutover: 'orders-cutover',
  message: 'gate "go-live" of orders-cutover waits for approval by alice, bob',
  idempotencyKey: 'orders-cutover/gate-open/3',
  gate: { name: 'go-live', approvers: ['alice', 'bob'] },
};
const rollback: Notification = {
  kind: 'rollback',
  cutover: 'orders-cutover',
  message: 'orders-cutover rolled back to 100% blue: error-rate 0.12 above 0.05 for 2m at 2024-05-01T02:13:00Z',
  idempotencyKey: 'orders-cutover/rollback/4',
};

function lastPayload(): { text: string; blocks: unknown[] } {
  return JSON.parse(receiver.received.at(-1)!.body);
}

test('a gate-open message says which gate, who may approve, and the command that approves', async () => {
  await slack.notify(channel, gateOpen);
  const request = receiver.received.at(-1)!;
  expect(request.method).toBe('POST');
  expect(request.url).toBe(SECRET_PATH);
  expect(request.headers['content-type']).toBe('application/json');

  const { text, blocks } = lastPayload();
  expect(text).toContain('Approval needed: orders-cutover');
  expect(text).toContain('gate "go-live" of orders-cutover waits for approval by alice, bob');
  expect(text).toContain('*who may approve:* alice, bob');
  expect(text).toContain('cutover approve orders-cutover --gate go-live');
  expect(JSON.stringify(blocks)).toContain('cutover approve orders-cutover --gate go-live');
});

test('a rollback message gives the reason: metric, value, threshold and time', async () => {
  await slack.notify(channel, rollback);
  const { text } = lastPayload();
  expect(text).toContain(':rotating_light: *Rolled back to blue: orders-cutover*');
  expect(text).toContain('error-rate 0.12 above 0.05 for 2m at 2024-05-01T02:13:00Z');
});

test('every kind has its own headline, and Slack markup in a message is escaped', () => {
  const kinds: NotificationKind[] = ['gate-open', 'rollback', 'rollback-escalation', 'completed', 'aborted', 'paused'];
  const headlines = kinds.map((kind) => slackMessage({ ...rollback, kind }).text.split('\n')[0]);
  expect(new Set(headlines).size).toBe(kinds.length);
  expect(slackMessage({ ...rollback, message: 'latency <p95> & errors' }).text).toContain('latency &lt;p95&gt; &amp; errors');
});

test("Slack's 400 invalid_payload is a non-retryable error with Slack's text and without the URL", async () => {
  receiver.respond(() => ({ status: 400, body: 'invalid_payload' }));
  try {
    const error = await failure(slack.notify(channel, rollback));
    expect(error.nonRetryable).toBe(true);
    expect(error.message).toBe('Slack webhook (from SLACK_CUTOVER_WEBHOOK) refused the message with 400: invalid_payload');
    const everything = [String(error), error.stack, JSON.stringify(error.details)].join('\n');
    expect(everything).not.toContain('k9Xw2mQpL7rTz4');
    expect(everything).not.toContain(receiver.url);
  } finally {
    receiver.respond(() => ({ status: 200, body: 'ok' }));
  }
});

test("Slack's 500 and a rate limit are retryable", async () => {
  for (const [status, body] of [[500, 'rollup_error'], [429, 'rate_limited']] as const) {
    receiver.respond(() => ({ status, body }));
    const error = await failure(slack.notify(channel, rollback));
    expect(error.nonRetryable).toBe(false);
    expect(error.message).toContain(`${status}: ${body}`);
  }
  receiver.respond(() => ({ status: 200, body: 'ok' }));
});

test('no answer from Slack is retryable and names the variable, not the URL', async () => {
  const gone = await startRecordingServer();
  await gone.stop();
  const { slack: notifier } = httpProviders({ env: { SLACK_CUTOVER_WEBHOOK: `${gone.url}${SECRET_PATH}` } }).notifiers;
  const error = await failure(notifier.notify(channel, rollback));
  expect(error.nonRetryable).toBe(false);
  expect(error.message).toBe('Slack webhook (from SLACK_CUTOVER_WEBHOOK): connection refused (ECONNREFUSED)');
});

describe('check()', () => {
  const check = (value: string | undefined) => {
    const { slack: notifier } = httpProviders({ env: value === undefined ? {} : { SLACK_CUTOVER_WEBHOOK: value } }).notifiers;
    return notifier.check!(channel);
  };

  test('passes for an https URL, and for http on loopback (a local receiver)', async () => {
    await expect(check('https://hooks.slack.com/services/T0001/B0002/k9Xw2mQpL7rTz4')).resolves.toBeUndefined();
    await expect(check('http://localhost:8080/hook')).resolves.toBeUndefined();
    await expect(check('http://[::1]:8080/hook')).resolves.toBeUndefined();
  });

  test('names the variable when it is not set', async () => {
    const error = await failure(check(undefined));
    expect(error.nonRetryable).toBe(true);
    expect(error.message).toContain('the Slack webhook URL is read from environment variable SLACK_CUTOVER_WEBHOOK, which is not set');
  });

  test('refuses plain http to another host, or no URL at all, without repeating the value', async () => {
    const insecure = await failure(check('http://hooks.example.com/services/T0001/B0002/k9Xw2mQpL7rTz4'));
    expect(insecure.message).toContain('SLACK_CUTOVER_WEBHOOK does not hold an https:// URL');
    expect(insecure.message).not.toContain('k9Xw2mQpL7rTz4');
    const garbage = await failure(check('k9Xw2mQpL7rTz4'));
    expect(garbage.message).toContain('SLACK_CUTOVER_WEBHOOK does not hold a URL');
    expect(garbage.message).not.toContain('k9Xw2mQpL7rTz4');
  });
});
