/**
 * Notifications posted as JSON to any URL (a pager, an incident tool, a team's own bot). A retry of
 * the notify activity sends again with the same Idempotency-Key, so the receiver can drop repeats.
 */
import { ApplicationFailure } from '@temporalio/common';
import type { Notification, NotificationChannel, Notifier } from '../providers';
import type { WebhookNotification } from '../../workflows/runbook/provider-sections';
import { describeUrl, exchange, isPermanentStatus, NoAnswer, type HttpDeps } from './request';
import { excerpt, resolveHeaders } from './secrets';

export const NOTIFY_TIMEOUT_MS = 10_000;

export function webhookNotifier(deps: HttpDeps, timeoutMs = NOTIFY_TIMEOUT_MS): Notifier {
  return {
    async notify(channel: NotificationChannel, notification: Notification) {
      const webhook = asWebhook(channel);
      const { headers, secrets } = resolveHeaders(deps.env(), webhook.headers, webhook.secretHeaders);
      const where = `POST ${describeUrl(webhook.url)}`;
      // `at` is when this attempt was sent; the idempotency key, not the time, identifies the event.
      const body = { ...notification, at: new Date().toISOString() };

      let answer;
      try {
        answer = await exchange(
          deps,
          webhook.url,
          {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'idempotency-key': notification.idempotencyKey, ...headers },
            body: JSON.stringify(body),
            redirect: 'manual',
          },
          timeoutMs,
        );
      } catch (error) {
        if (error instanceof NoAnswer) throw ApplicationFailure.retryable(`${where}: ${error.reason}`, 'NotifyFailed');
        throw error;
      }
      if (answer.status >= 200 && answer.status < 300) return;

      const message = `${where} answered ${answer.status}, expected 2xx: ${excerpt(answer.body, secrets)}`;
      throw isPermanentStatus(answer.status) ? ApplicationFailure.nonRetryable(message, 'NotificationRejected') : ApplicationFailure.retryable(message, 'NotifyFailed');
    },

    async check(channel: NotificationChannel) {
      const webhook = asWebhook(channel);
      resolveHeaders(deps.env(), webhook.headers, webhook.secretHeaders);
    },
  };
}

function asWebhook(channel: NotificationChannel): WebhookNotification {
  if (channel.provider !== 'webhook') throw ApplicationFailure.nonRetryable(`notifications channel "${channel.channel}" is a ${channel.provider} channel, not a webhook`, 'NotifierMisconfigured');
  return channel;
}
