/**
 * Whether a failed provider call inside a phase is tried again: a DNS hiccup of a few seconds must
 * not roll back a cutover that still has time left in its `syncTimeout` (or a read in its
 * `replication.timeout` / `drain.timeout`). Only a permanent error or the end of that time gives up.
 */

/** How a call failed, as the workflow tells it from the failure it got back. */
export type FailureKind =
  /** The provider failed or was too slow: counts against the phase's time. */
  | 'provider'
  /** The provider said no retry can help (bad input, unknown record). */
  | 'permanent'
  /** The worker running the call went away (its heartbeat stopped): not the provider's fault. */
  | 'worker-lost';

export interface FailedCall {
  kind: FailureKind;
  /** Failed tries so far, this one included. */
  attempts: number;
  now: number;
  /** When the phase's time for this operation runs out (epoch ms). */
  deadline: number;
  /** Tries that started after the deadline (a lost worker's last look). */
  overtime: number;
}

export type RetryDecision = { action: 'retry'; delayMs: number } | { action: 'give-up'; why: 'permanent' | 'timeout' };

export interface Backoff {
  initialMs: number;
  maxMs: number;
}

export const PROVIDER_BACKOFF: Backoff = { initialMs: 500, maxMs: 10_000 };

export function decideRetry(failed: FailedCall, backoff: Backoff = PROVIDER_BACKOFF): RetryDecision {
  if (failed.kind === 'permanent') return { action: 'give-up', why: 'permanent' };
  const left = failed.deadline - failed.now;
  // A new worker picks the call up again at once, and past the deadline still gets one look: the
  // time the old one was gone is not held against the provider, but it cannot extend the wait twice.
  if (failed.kind === 'worker-lost' && (left > 0 || failed.overtime === 0)) return { action: 'retry', delayMs: 0 };
  if (left <= 0) return { action: 'give-up', why: 'timeout' };
  const delayMs = Math.min(backoff.maxMs, backoff.initialMs * 2 ** Math.min(failed.attempts - 1, 30));
  // The last try lands on the deadline rather than a backoff past it.
  return { action: 'retry', delayMs: Math.min(delayMs, left) };
}
