/**
 * The wave's own notifications (its `notifications` section): its start, each application's end, the
 * blast radius, its gates opening, and its end. Best effort like a cutover's: a broken chat webhook
 * never holds up the wave, so a failure is recorded in the timeline and the wave goes on. Each
 * notification's key names the wave's id, its first run and the notification's place in the wave,
 * so a retry repeats its key and nothing else ever does, across carry-overs and reused wave ids.
 */
import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { CutoverActivities } from '../../activities';
import type { Notification, NotificationKind } from '../../activities/providers';
import { notificationKey } from '../keys';
import type { WaveRun } from './wave-run';

const { notify } = proxyActivities<CutoverActivities>({
  startToCloseTimeout: '30s',
  retry: { initialInterval: '1s', maximumAttempts: 3 },
});

export type WaveNotificationKind = Extract<NotificationKind, 'wave-started' | 'wave-gate-open' | 'application-ended' | 'blast-radius' | 'wave-ended'>;

export class WaveNotifier {
  /** Notifications go out one after another, so a channel reads them in the order they happened. */
  private queue: Promise<void> = Promise.resolve();
  private waiting = 0;

  constructor(private readonly run: WaveRun) {}

  /** Queues a notification without waiting for it: the wave schedules on while the channels are told. */
  send(kind: WaveNotificationKind, message: string, extra: Pick<Notification, 'gate'> = {}): void {
    const channels = this.run.input.wave.notifications;
    if (channels.length === 0) return;
    this.run.notificationsSent += 1;
    const wave = workflowInfo().workflowId;
    const idempotencyKey = notificationKey({ cutover: wave, firstRunId: this.run.firstRunId }, this.run.notificationsSent, kind);
    const notification: Notification = { kind, cutover: wave, message, idempotencyKey, ...extra };
    this.waiting += 1;
    this.queue = this.queue.then(async () => {
      try {
        await notify({ channels, notification });
      } catch (err) {
        this.run.record('notify', `notification "${kind}" failed: ${(err as Error).message}`, { data: { kind } });
      } finally {
        this.waiting -= 1;
      }
    });
  }

  /** No notification is still on its way: a run may end or carry over without dropping one. */
  get idle(): boolean {
    return this.waiting === 0;
  }
}
