/**
 * Picks the implementation a runbook section names. A name this worker does not know is a
 * configuration error that no retry can fix, so it fails at once and says which field to change.
 */
import { ApplicationFailure } from '@temporalio/common';

export function unknownProvider(field: string, provider: string): ApplicationFailure {
  return ApplicationFailure.nonRetryable(`${field} "${provider}" has no implementation on this worker`, 'UnknownProvider');
}

/** `field` names where the provider was written, e.g. 'dns.provider' or 'hook "freeze" provider'. */
export function providerFor<P>(implementations: Record<string, P>, provider: string, field: string): P {
  if (!Object.hasOwn(implementations, provider)) throw unknownProvider(field, provider);
  return implementations[provider]!;
}
