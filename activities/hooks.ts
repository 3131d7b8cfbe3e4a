/**
 * The hook activity (freeze and unfreeze writes, acceptance tests). Errors are thrown for Temporal to
 * retry; the context's idempotency key stays the same across retries so the receiver can drop repeats.
 */
import { calling } from './errors';
import { providerFor } from './lookup';
import type { HookContext, Providers } from './providers';
import type { Hook } from '../workflows/runbook/schema';

export function hookActivities(providers: Providers) {
  return {
    async runHook(input: { hook: Hook; context: HookContext }): Promise<void> {
      const { hook, context } = input;
      const provider = providerFor(providers.hooks, hook.provider, `hook "${hook.name}" provider`);
      await calling(`running hook ${hook.name} on ${context.target}`, () => provider.run(hook, context));
    },
  };
}
