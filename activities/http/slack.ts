/**
 * Slack notifications through an incoming webhook. The webhook URL is the secret (whoever has it
 * can post to the channel), so it is read from the variable named by `webhookUrlFrom` and never
 * written into a message: errors name the variable instead.
 */
import { ApplicationFailure } from '@temporalio/common';
import type { Notification, NotificationChannel, Notifier } from '../providers';
import type { SlackNotification } from '../../workflows/runbook/provider-sections';
import { exchange, isPermanentStatus, NoAnswer, type HttpDeps } from './request';
import { excerpt, readSecret } from './secrets';
import { slackMessage } from './slack-message';

export const SLACK_TIMEOUT_MS = 10_000;

export function slackNotifier(deps: HttpDeps, timeoutMs = SLACK_TIMEOUT_MS): Notifier {
  return {
    async notify(channel: NotificationChannel, notification: Notification) {
      const slack = asSlack(channel);
      const url = webhookUrl(deps, slack);
      const where = `Slack webhook (from ${slack.webhookUrlFrom})`;

      let answer;
      try {
        answer = await exchange(
          deps,
          url,
          { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(slackMessage(notification)), redirect: 'manual' },
          timeoutMs,
        );
      } catch (error) {
        if (error instanceof NoAnswer) throw ApplicationFailure.retryable(`${where}: ${error.reason}`, 'NotifyFailed');
        throw error;
      }
      if (answer.status === 200) return;

      // Slack explains a refusal in a word or two of plain text: invalid_payload, no_service, ...
      const message = `${where} refused the message with ${answer.status}: ${excerpt(answer.body, [url])}`;
      throw isPermanentStatus(answer.status) ? ApplicationFailure.nonRetryable(message, 'NotificationRejected') : ApplicationFailure.retryable(message, 'NotifyFailed');
    },

    async check(channel: NotificationChannel) {
      webhookUrl(deps, asSlack(channel));
    },
  };
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The URL from the environment, refused unless it is https (http only on loopback, for a local receiver). */
function webhookUrl(deps: HttpDeps, slack: SlackNotification): string {
  const value = readSecret(deps.env(), slack.webhookUrlFrom, 'the Slack webhook URL');
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw ApplicationFailure.nonRetryable(`${slack.webhookUrlFrom} does not hold a URL: set it to the channel's incoming-webhook URL (https://hooks.slack.com/services/...)`, 'NotifierMisconfigured');
  }
  const local = parsed.protocol === 'http:' && LOOPBACK.has(parsed.hostname);
  if (parsed.protocol !== 'https:' && !local) {
    throw ApplicationFailure.nonRetryable(
      `${slack.webhookUrlFrom} does not hold an https:// URL (http:// is accepted only on loopback, for a local receiver): set it to the channel's incoming-webhook URL`,
      'NotifierMisconfigured',
    );
  }
  return value;
}

function asSlack(channel: NotificationChannel): SlackNotification {
  if (channel.provider !== 'slack') throw ApplicationFailure.nonRetryable(`notifications channel "${channel.channel}" is a ${channel.provider} channel, not a slack one`, 'NotifierMisconfigured');
  return channel;
}
