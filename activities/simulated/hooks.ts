/**
 * Hook and notification receivers that record what they got. Like a well-behaved webhook receiver
 * they drop a repeated idempotency key, so a test can tell "retried" (one record) from "ran twice".
 * In a cloud with databases a hook also does what its action says: freeze, unfreeze, switch writes.
 */
import type { HookContext, HookProvider, Notification, NotificationChannel, Notifier } from '../providers';
import type { Hook } from '../../workflows/runbook/schema';
import type { CloudCore } from './core';
import { applyHook } from './data';

export function simulatedHooks(core: CloudCore): HookProvider {
  return {
    async run(hook: Hook, context: HookContext) {
      const args = { hook: hook.name, action: context.action ?? 'test', target: context.target, cutover: context.cutover, idempotencyKey: context.idempotencyKey };
      core.call({ op: 'hooks.run', target: hook.name, args }, (state, at) => {
        const seen = state.hookRuns.some((run) => run.hook === hook.name && run.idempotencyKey === context.idempotencyKey);
        if (seen) return;
        state.hookRuns.push({ at, ...args });
        if (state.data) applyHook(state.data, args.action, context.target, at);
      });
    },
  };
}

export function simulatedNotifier(core: CloudCore): Notifier {
  return {
    async notify(channel: NotificationChannel, notification: Notification) {
      const args = { channel: channel.channel, ...notification };
      core.call({ op: 'notify', target: channel.channel, args }, (state, at) => {
        const seen = state.notifications.some((n) => n.channel === channel.channel && n.idempotencyKey === notification.idempotencyKey);
        if (!seen) state.notifications.push({ at, ...args });
      });
    },
  };
}
