/**
 * Webhook hooks (freeze, unfreeze, smoke tests) against a local receiver: what is sent, which
 * failures are worth retrying, and that a secret header never leaks into an error.
 */
import { ApplicationFailure } from '@temporalio/common';
import { httpProviders } from '../../../activities/http';
import type { HookContext } from '../../../activities/providers';
import { webhookHook } from '../../../workflows/runbook/provider-sections';
import { startRecordingServer, type RecordingServer } from '../../support/recording-server';
import { failure } from '../../support/failure';

const TOKEN = 'Bearer frz-7f3a9c1e5b2d4a68';
const env: NodeJS.ProcessEnv = { FREEZE_API_TOKEN: TOKEN };
const { webhook } = httpProviders({ env }).hooks;
const context: HookContext = { idempotencyKey: 'orders-cutover/freeze/1', cutover: 'orders-cutover', target: 'blue' };

let receiver: RecordingServer;
beforeAll(async () => {
  receiver = await startRecordingServer();
});
afterAll(() => receiver.stop());

const freeze = (extra: Record<string, unknown> = {}) =>
  webhookHook.parse({ provider: 'webhook', name: 'freeze', url: `${receiver.url}/freeze?tenant=eu`, secretHeaders: { Authorization: 'FREEZE_API_TOKEN' }, ...extra });

/** Everything a failure carries into history, logs and notifications. */
function everything(error: ApplicationFailure): string {
  return [String(error), error.message, error.stack, JSON.stringify(error.details), JSON.stringify(error.cause ?? null)].join('\n');
}

test('posts the hook, cutover, target, action and idempotency key as JSON, with the secret header from the environment', async () => {
  receiver.respond(() => ({ status: 204 }));
  await webhook.run(freeze({ headers: { 'X-Team': 'payments' } }), { ...context, action: 'freeze' });

  const request = receiver.received.at(-1)!;
  expect(request.method).toBe('POST');
  expect(request.url).toBe('/freeze?tenant=eu');
  expect(JSON.parse(request.body)).toEqual({ hook: 'freeze', cutover: 'orders-cutover', target: 'blue', action: 'freeze', idempotencyKey: 'orders-cutover/freeze/1' });
  expect(request.headers['content-type']).toBe('application/json');
  expect(request.headers['idempotency-key']).toBe('orders-cutover/freeze/1');
  expect(request.headers.authorization).toBe(TOKEN);
  expect(request.headers['x-team']).toBe('payments');
});

test('a GET hook carries the same fields as query parameters', async () => {
  receiver.respond(() => ({ status: 200 }));
  await webhook.run(freeze({ method: 'GET', url: `${receiver.url}/smoke` }), { ...context, target: 'green' });
  const request = receiver.received.at(-1)!;
  expect(request.method).toBe('GET');
  expect(new URL(request.url, receiver.url).searchParams.get('target')).toBe('green');
  expect(request.headers['idempotency-key']).toBe('orders-cutover/freeze/1');
});

test('a 4xx is a non-retryable HookRejected with the status and a short excerpt, and the secret appears nowhere', async () => {
  const echo = `invalid credentials: got "${TOKEN}" ${'x'.repeat(500)}`;
  receiver.respond(() => ({ status: 403, body: echo }));
  const error = await failure(webhook.run(freeze(), context));

  expect(error.nonRetryable).toBe(true);
  expect(error.type).toBe('HookRejected');
  expect(error.message).toMatch(/^POST http:\/\/127\.0\.0\.1:\d+\/freeze answered 403, expected 2xx: invalid credentials/);
  expect(error.message.length).toBeLessThan(400);
  expect(everything(error)).not.toContain('frz-7f3a9c1e5b2d4a68');
});

test.each([503, 408, 429])('a %i is retryable, so Temporal tries the hook again', async (status) => {
  receiver.respond(() => ({ status, body: 'try later' }));
  const error = await failure(webhook.run(freeze(), context));
  expect(error.nonRetryable).toBe(false);
  expect(error.type).toBe('HookFailed');
  expect(error.message).toContain(`answered ${status}`);
  expect(everything(error)).not.toContain('frz-7f3a9c1e5b2d4a68');
});

test('no answer within the hook timeout is retryable', async () => {
  receiver.respond(() => ({ status: 200, delayMs: 2_000 }));
  const error = await failure(webhook.run(freeze({ timeout: '200ms' }), context));
  expect(error.nonRetryable).toBe(false);
  expect(error.message).toContain('no answer within 200ms');
});

test('a refused connection is retryable and says so', async () => {
  const gone = await startRecordingServer();
  await gone.stop();
  const error = await failure(webhook.run(freeze({ url: `${gone.url}/freeze` }), context));
  expect(error.nonRetryable).toBe(false);
  expect(error.message).toContain('connection refused');
});

test('a status outside expectStatus fails even when it is a 2xx', async () => {
  receiver.respond(() => ({ status: 200, body: 'done' }));
  const error = await failure(webhook.run(freeze({ expectStatus: [202] }), context));
  expect(error.message).toContain('answered 200, expected 202');
});

test('the idempotency key stays the same when the same context is retried', async () => {
  receiver.respond((_, i) => ({ status: i === 0 ? 503 : 200 }));
  const before = receiver.received.length;
  await expect(webhook.run(freeze(), context)).rejects.toThrow('answered 503');
  await webhook.run(freeze(), context);

  const keys = receiver.received.slice(before).map((request) => request.headers['idempotency-key']);
  expect(keys).toEqual(['orders-cutover/freeze/1', 'orders-cutover/freeze/1']);
});

test('a missing secret variable is a non-retryable error naming it; check() reports it without calling the hook', async () => {
  const before = receiver.received.length;
  const unset = freeze({ secretHeaders: { Authorization: 'UNFREEZE_API_TOKEN' } });
  const expected = 'header Authorization is read from environment variable UNFREEZE_API_TOKEN, which is not set on the worker';

  const checked = await failure(webhook.check!(unset));
  expect(checked.nonRetryable).toBe(true);
  expect(checked.message).toContain(expected);
  const ran = await failure(webhook.run(unset, context));
  expect(ran.nonRetryable).toBe(true);
  expect(ran.message).toContain(expected);
  expect(receiver.received.length).toBe(before);

  await expect(webhook.check!(freeze())).resolves.toBeUndefined();
});

test('a secret with a line break inside is refused before sending, without quoting it', async () => {
  const { webhook: broken } = httpProviders({ env: { FREEZE_API_TOKEN: 'Bearer first-half\nsecond-half' } }).hooks;
  const error = await failure(broken.run(freeze(), context));
  expect(error.nonRetryable).toBe(true);
  expect(error.message).toBe('header Authorization: environment variable FREEZE_API_TOKEN holds a line break or NUL inside its value: set it to the value alone');
});
