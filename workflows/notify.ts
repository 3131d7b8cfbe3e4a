/**
 * Notifications are best effort: a broken chat webhook must never block a gate or a rollback, so a
 * failure is recorded in the timeline and the run goes on.
 */
import { isCancellation } from '@temporalio/workflow';
import type { Activities } from './activities';
import { notificationKey } from './keys';
import type { CutoverRun } from './run';
import type { Notification, NotificationKind } from '../activities/providers';

/** `extra`: what a channel can show beyond the message, e.g. the open gate and its approvers. */
export type Notify = (kind: NotificationKind, message: string, extra?: Pick<Notification, 'gate'>) => Promise<void>;

export function notifier(run: CutoverRun, activities: Activities): Notify {
  return async (kind, message, extra = {}) => {
    const channels = run.runbook.notifications;
    run.notificationsSent += 1;
    if (channels.length === 0) return;
    const idempotencyKey = notificationKey(run, run.notificationsSent, kind);
    try {
      await activities.notify({ channels, notification: { kind, cutover: run.cutover, message, idempotencyKey, ...extra } });
    } catch (err) {
      if (isCancellation(err)) throw err;
      run.record('notify', `notification "${kind}" failed: ${(err as Error).message}`);
    }
  };
}
