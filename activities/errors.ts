/**
 * Errors leaving an activity end up in workflow history, status and notifications, so provider
 * messages are scrubbed of anything that looks like a credential before they are passed on.
 */
import { ApplicationFailure } from '@temporalio/common';

const SECRETS: [RegExp, string][] = [
  [/\bBearer\s+[\w.~+/-]+=*/gi, 'Bearer [redacted]'],
  // "Authorization: Bearer ..." was handled above, so its value is left as "Bearer [redacted]".
  [/\b(authorization|token|secret|password|passwd|api[-_]?key|access[-_]?key|signature)(["']?\s*[:=]\s*)(?!Bearer \[redacted\])("[^"]*"|'[^']*'|[^\s,;&]+)/gi, '$1$2[redacted]'],
  [/\/\/[^/\s:@]+:[^/\s@]+@/g, '//[redacted]@'],
  [/hooks\.slack\.com\/services\/[\w/]+/gi, 'hooks.slack.com/services/[redacted]'],
  [/\b(AKIA|ASIA)[0-9A-Z]{16}\b/g, '[redacted-aws-key]'],
];

export function scrub(message: string): string {
  return SECRETS.reduce((text, [pattern, replacement]) => text.replace(pattern, replacement), message);
}

export function errorMessage(error: unknown): string {
  return scrub(error instanceof Error ? error.message : String(error));
}

/**
 * The provider's error, scrubbed and prefixed with what we were doing. A provider's own
 * ApplicationFailure keeps its type and retryability; anything else stays retryable.
 */
export function providerFailure(doing: string, error: unknown): ApplicationFailure {
  const message = `${doing}: ${errorMessage(error)}`;
  if (error instanceof ApplicationFailure) {
    return ApplicationFailure.create({
      message,
      type: error.type ?? undefined,
      nonRetryable: error.nonRetryable ?? false,
      details: error.details ?? undefined,
    });
  }
  return ApplicationFailure.retryable(message, 'ProviderError');
}

/** Runs a provider call, turning its error into a providerFailure. */
export async function calling<T>(doing: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw providerFailure(doing, error);
  }
}
