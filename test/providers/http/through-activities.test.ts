/**
 * The HTTP providers as the activities use them: preflight checks their secrets without calling
 * anything, and a hook's rejection keeps its type and retryability on its way to the workflow.
 */
import { ApplicationFailure } from '@temporalio/common';
import { httpProviders } from '../../../activities/http';
import { hookActivities } from '../../../activities/hooks';
import { checkHookProviders } from '../../../activities/preflight-checks';
import type { Providers } from '../../../activities/providers';
import { fastRunbook } from '../../support/runbooks';
import { startRecordingServer, type RecordingServer } from '../../support/recording-server';

let receiver: RecordingServer;
beforeAll(async () => {
  receiver = await startRecordingServer(() => ({ status: 409, body: 'already frozen by another cutover' }));
});
afterAll(() => receiver.stop());

const providers = (env: NodeJS.ProcessEnv): Providers => ({ dns: {}, queues: {}, ...httpProviders({ env }) });

test('preflight reports every unset secret variable of hooks and channels without calling them', async () => {
  const runbook = fastRunbook({
    hooks: { freeze: { provider: 'webhook', name: 'freeze-writes', url: `${receiver.url}/freeze`, secretHeaders: { Authorization: 'FREEZE_TOKEN' } } },
    notifications: [
      { provider: 'slack', channel: '#cutover', webhookUrlFrom: 'SLACK_CUTOVER_WEBHOOK' },
      { provider: 'webhook', channel: 'pager', url: `${receiver.url}/events`, secretHeaders: { 'X-Api-Key': 'PAGER_KEY' } },
    ],
  });

  const findings = await checkHookProviders(providers({ PAGER_KEY: 'pk_1234567890' }), runbook);
  expect(findings.problems).toEqual([
    'hook "freeze-writes": header Authorization is read from environment variable FREEZE_TOKEN, which is not set on the worker: set FREEZE_TOKEN where the worker runs',
    'notifications channel "#cutover": the Slack webhook URL is read from environment variable SLACK_CUTOVER_WEBHOOK, which is not set on the worker: set SLACK_CUTOVER_WEBHOOK where the worker runs',
  ]);
  expect(receiver.received).toHaveLength(0);
});

test('a hook rejected by its receiver fails the hook activity without retries, saying what answered', async () => {
  const { runHook } = hookActivities(providers({}));
  const hook = { provider: 'webhook' as const, name: 'freeze-writes', url: `${receiver.url}/freeze`, method: 'POST' as const, timeout: 5_000 };
  const error = await runHook({ hook, context: { idempotencyKey: 'k/1', cutover: 'orders', target: 'blue' } }).catch((err: unknown) => err);

  expect(error).toBeInstanceOf(ApplicationFailure);
  expect((error as ApplicationFailure).nonRetryable).toBe(true);
  expect((error as ApplicationFailure).type).toBe('HookRejected');
  expect((error as Error).message).toMatch(/^running hook freeze-writes on blue: POST http:\/\/127\.0\.0\.1:\d+\/freeze answered 409, expected 2xx: already frozen by another cutover$/);
});
