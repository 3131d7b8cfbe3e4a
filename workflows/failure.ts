/**
 * Reading a failure that came back from an activity: its innermost message (an activity failure
 * says only "Activity task failed" and carries the provider's own words as its cause), and what
 * kind of failure it is, so the phase knows whether trying again can help.
 */
import { ApplicationFailure, TimeoutFailure } from '@temporalio/workflow';
import type { FailureKind } from './decisions/retry';

export function failureMessage(err: unknown): string {
  let current = err as { message?: string; cause?: unknown } | undefined;
  let message = String(current?.message ?? err);
  while (current?.cause) {
    current = current.cause as { message?: string; cause?: unknown };
    if (current.message) message = current.message;
  }
  return message;
}

export function failureKind(err: unknown): FailureKind {
  for (let current = err as { cause?: unknown } | undefined; current; current = current.cause as { cause?: unknown } | undefined) {
    if (current instanceof ApplicationFailure && current.nonRetryable) return 'permanent';
    if (current instanceof TimeoutFailure && current.timeoutType === 'HEARTBEAT') return 'worker-lost';
  }
  return 'provider';
}
