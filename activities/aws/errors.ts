/**
 * AWS errors as the engine needs them: a missing zone, record, queue or task (or a request AWS
 * rejects as invalid) is permanent, so it fails at once with a type and a next step; everything else
 * (throttling left after the SDK's own retries, timeouts, 5xx, credentials not loaded yet) stays
 * retryable. Messages go through the shared scrubber before they reach history.
 */
import { ApplicationFailure } from '@temporalio/common';
import { errorMessage, providerFailure } from '../errors';

/** What an AWS error code means for us: the failure type and what the operator should do. */
export interface Permanent {
  type: string;
  hint: string;
}

/** Codes that mean the request itself is wrong, whichever service answered. */
const INVALID_REQUEST: Record<string, Permanent> = {
  InvalidInput: { type: 'AwsInvalidRequest', hint: 'check the runbook section against the resource' },
  InvalidChangeBatch: { type: 'AwsInvalidRequest', hint: 'check the records under dns.record in the hosted zone' },
  InvalidParameterValueException: { type: 'AwsInvalidRequest', hint: 'check the runbook section against the resource' },
  InvalidParameterValue: { type: 'AwsInvalidRequest', hint: 'check the runbook section against the resource' },
  ValidationException: { type: 'AwsInvalidRequest', hint: 'check the runbook section against the resource' },
};

export function permanentFailure(message: string, type: string): ApplicationFailure {
  return ApplicationFailure.nonRetryable(errorMessage(message), type);
}

/** The service's error code; undefined for errors that never reached a service (a refused connection). */
function codeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { name, Code } = error as { name?: unknown; Code?: unknown };
  const code = typeof Code === 'string' ? Code : name;
  return typeof code === 'string' && code !== 'Error' ? code : undefined;
}

/**
 * Runs an AWS call; its error comes out prefixed with `doing`, permanent when its code is in
 * `permanent` (or is an invalid request), retryable otherwise.
 */
export async function awsCall<T>(doing: string, call: () => Promise<T>, permanent: Record<string, Permanent> = {}): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof ApplicationFailure) throw providerFailure(doing, error);
    const code = codeOf(error);
    const known = code === undefined ? undefined : (permanent[code] ?? INVALID_REQUEST[code]);
    if (known) throw permanentFailure(`${doing}: ${errorMessage(error)} (${code}): ${known.hint}`, known.type);
    throw providerFailure(doing, code === undefined ? error : new Error(`${errorMessage(error)} (${code})`));
  }
}
