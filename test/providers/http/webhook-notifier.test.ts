/**
 * Notifications posted as JSON to a generic webhook, against a local receiver.
 */
import { ApplicationFailure } from '@temporalio/common';
import { httpProviders } from '../../../activities/http';
import type { Notification } from '../../../activities/providers';
import { webhookNotification } from '../../../workflows/runbook/provider-sections';
import { startRecordingServer, type RecordingServer } from '../../support/recording-server';

const PAGER_KEY = 'pk_live_5d1c0a9e7b3f';
let receiver: RecordingServer;
const { webhook } = httpProviders({ env: { PAGER_KEY } }).notifiers;

beforeAll(async () => {
  receiver = await startRecordingServer(() => ({ status: 202 }));
});
afterAll(() => receiver.stop());

const channel = () =>
  webhookNotification.parse({ provider: 'webhook', channel: 'pager', url: `${receiver.url}/events`, headers: { 'X-Source': 'cutover' }, secretHeaders: { 'X-Api-Key': 'PAGER_KEY' } });
const completed: Notification = { kind: 'completed', cutover: 'orders-cutover', message: 'orders-cutover completed: 100% green', idempotencyKey: 'orders-cutover/completed/9' };

test('posts kind, cutover, message, idempotency key and the time sent, with the Idempotency-Key and secret headers', async () => {
  const before = Date.now();
  await webhook.notify(channel(), completed);
  const request = receiver.received.at(-1)!;
  const body = JSON.parse(request.body);

  expect(request.method).toBe('POST');
  expect(request.url).toBe('/events');
  expect(body).toEqual({ kind: 'completed', cutover: 'orders-cutover', message: 'orders-cutover completed: 100% green', idempotencyKey: 'orders-cutover/completed/9', at: expect.any(String) });
  expect(Date.parse(body.at)).toBeGreaterThanOrEqual(before - 1_000);
  expect(request.headers['idempotency-key']).toBe('orders-cutover/completed/9');
  expect(request.headers['x-api-key']).toBe(PAGER_KEY);
  expect(request.headers['x-source']).toBe('cutover');
});

test('a gate-open notification carries the gate and its approvers', async () => {
  await webhook.notify(channel(), { ...completed, kind: 'gate-open', message: 'gate "go-live" waits', gate: { name: 'go-live', approvers: ['alice'] } });
  expect(JSON.parse(receiver.received.at(-1)!.body).gate).toEqual({ name: 'go-live', approvers: ['alice'] });
});

test('a 4xx is non-retryable and a 5xx retryable, neither repeating the secret header', async () => {
  for (const [status, retryable] of [[401, false], [502, true]] as const) {
    receiver.respond(() => ({ status, body: `bad key ${PAGER_KEY}` }));
    const error = await webhook.notify(channel(), completed).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(ApplicationFailure);
    expect((error as ApplicationFailure).nonRetryable).toBe(!retryable);
    expect((error as Error).message).toContain(`answered ${status}, expected 2xx: bad key [redacted]`);
    expect(String((error as Error).stack)).not.toContain(PAGER_KEY);
  }
  receiver.respond(() => ({ status: 202 }));
});

test('check() names a secret variable that is not set', async () => {
  const { webhook: unset } = httpProviders({ env: {} }).notifiers;
  await expect(unset.check!(channel())).rejects.toThrow('header X-Api-Key is read from environment variable PAGER_KEY, which is not set on the worker');
  await expect(webhook.check!(channel())).resolves.toBeUndefined();
});
