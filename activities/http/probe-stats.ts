/**
 * What an HTTP probe's requests add up to. Pure, so the numbers an operator's threshold is compared
 * against can be checked by hand.
 */

export interface ProbeOutcome {
  /** An expected status arrived in time. */
  ok: boolean;
  /** Until the answer was read, or until the request gave up. */
  ms: number;
}

/** The share of requests that succeeded, 0–1; null when there were none. */
export function successRate(outcomes: readonly ProbeOutcome[]): number | null {
  if (outcomes.length === 0) return null;
  return outcomes.filter((outcome) => outcome.ok).length / outcomes.length;
}

/**
 * The p-th percentile by nearest rank: the smallest value with at least p% of the values at or
 * below it. Always a value that was measured; null for no values.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

/**
 * The 95th percentile latency of the successful requests, in milliseconds. A failed request has no
 * latency worth judging (a timeout would only measure the timeout); with no success there is no
 * data, and the metric's noData policy decides.
 */
export function latencyP95(outcomes: readonly ProbeOutcome[]): number | null {
  const p95 = percentile(outcomes.filter((outcome) => outcome.ok).map((outcome) => outcome.ms), 95);
  return p95 === null ? null : Math.round(p95 * 10) / 10;
}
