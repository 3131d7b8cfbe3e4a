/**
 * Hooks run by calling a URL (freeze writes on blue, unfreeze them, run a smoke test). The receiver
 * gets what it acts on and an Idempotency-Key that stays the same across retries, so a freeze
 * retried after a lost answer is not applied twice.
 */
import { ApplicationFailure } from '@temporalio/common';
import type { HookContext, HookProvider } from '../providers';
import type { Hook } from '../../workflows/runbook/schema';
import type { WebhookHook } from '../../workflows/runbook/provider-sections';
import { describeExpected, describeUrl, exchange, isExpectedStatus, isPermanentStatus, NoAnswer, type HttpDeps } from './request';
import { excerpt, resolveHeaders } from './secrets';

export function webhookHooks(deps: HttpDeps): HookProvider {
  return {
    async run(hook: Hook, context: HookContext) {
      const webhook = asWebhook(hook);
      const { headers, secrets } = resolveHeaders(deps.env(), webhook.headers, webhook.secretHeaders);
      const fields: Record<string, string> = { hook: hook.name, cutover: context.cutover, target: context.target, idempotencyKey: context.idempotencyKey, ...(context.action ? { action: context.action } : {}) };
      const request = requestFor(webhook, fields);
      const where = `${webhook.method} ${describeUrl(webhook.url)}`;

      let answer;
      try {
        answer = await exchange(
          deps,
          request.url,
          { method: webhook.method, headers: { ...request.headers, 'idempotency-key': context.idempotencyKey, ...headers }, body: request.body, redirect: 'manual' },
          webhook.timeout,
        );
      } catch (error) {
        if (error instanceof NoAnswer) throw ApplicationFailure.retryable(`${where}: ${error.reason}`, 'HookFailed');
        throw error;
      }
      if (isExpectedStatus(answer.status, webhook.expectStatus)) return;

      const message = `${where} answered ${answer.status}, expected ${describeExpected(webhook.expectStatus)}: ${excerpt(answer.body, secrets)}`;
      throw isPermanentStatus(answer.status) ? ApplicationFailure.nonRetryable(message, 'HookRejected') : ApplicationFailure.retryable(message, 'HookFailed');
    },

    async check(hook: Hook) {
      const webhook = asWebhook(hook);
      resolveHeaders(deps.env(), webhook.headers, webhook.secretHeaders);
    },
  };
}

/** A GET carries no body, so its fields travel as query parameters instead. */
function requestFor(webhook: WebhookHook, fields: Record<string, string>): { url: string; headers: Record<string, string>; body?: string } {
  if (webhook.method !== 'GET') return { url: webhook.url, headers: { 'content-type': 'application/json' }, body: JSON.stringify(fields) };
  const url = new URL(webhook.url);
  for (const [key, value] of Object.entries(fields)) url.searchParams.set(key, value);
  return { url: url.toString(), headers: {} };
}

function asWebhook(hook: Hook): WebhookHook {
  if (hook.provider !== 'webhook') throw ApplicationFailure.nonRetryable(`hook "${hook.name}" is a ${hook.provider} hook, not a webhook`, 'HookMisconfigured');
  return hook;
}
