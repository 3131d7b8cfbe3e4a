/**
 * The notification activity: sends to every channel, so one failing channel cannot keep the others
 * from hearing about a rollback. Throws after trying them all if any failed; a retry re-sends to all,
 * which the idempotency key makes harmless.
 */
import { ApplicationFailure } from '@temporalio/common';
import { withConsoleLink } from './console-link';
import { errorMessage } from './errors';
import { providerFor } from './lookup';
import type { Notification, NotificationChannel, Providers } from './providers';

export function notifyActivities(providers: Providers, options: { consoleUrl?: string } = {}) {
  return {
    async notify(input: { channels: NotificationChannel[]; notification: Notification }): Promise<void> {
      const { channels } = input;
      const notification = withConsoleLink(input.notification, options.consoleUrl);
      const results = await Promise.allSettled(
        channels.map(async (channel) => {
          const notifier = providerFor(providers.notifiers, channel.provider, `notifications channel "${channel.channel}" provider`);
          await notifier.notify(channel, notification);
        }),
      );
      const failures = results.flatMap((result, i) => (result.status === 'rejected' ? [{ channel: channels[i]!.channel, error: result.reason }] : []));
      if (failures.length === 0) return;

      const message =
        `notification "${notification.kind}" failed on ${failures.length} of ${channels.length} channels: ` +
        failures.map((f) => `${f.channel}: ${errorMessage(f.error)}`).join('; ');
      // Only when every failure is permanent (an unknown provider) would a retry be pointless.
      const permanent = failures.every((f) => f.error instanceof ApplicationFailure && f.error.nonRetryable);
      throw permanent ? ApplicationFailure.nonRetryable(message, 'NotifyFailed') : ApplicationFailure.retryable(message, 'NotifyFailed');
    },
  };
}
