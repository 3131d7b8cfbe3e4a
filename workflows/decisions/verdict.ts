/**
 * The verdict of one metric, as a pure function of its previous state and a new sample. A breach
 * needs the threshold crossed for the whole sustain window ("for: 2m"), so one noisy sample does
 * not roll back; provider errors are counted apart from failed checks and only too many in a row
 * make the metric inconclusive.
 */
import type { Metric, Threshold } from '../runbook/schema';

export type Verdict = 'pending' | 'pass' | 'failing' | 'breach' | 'error' | 'inconclusive';

export interface MetricSample {
  name: string;
  /** null: the query answered with no data. */
  value: number | null;
  /** The provider failed: counted as an error, never as a failed check. */
  error?: string;
  /** Epoch ms when the value was read. */
  at: number;
}

export interface MetricState {
  verdict: Verdict;
  value: number | null;
  /** The limit the value was compared with (absolute, or baseline × factor); null when unknown. */
  limit: number | null;
  at: number | null;
  /** When the threshold started being crossed without a break; null when it is not crossed. */
  failingSince: number | null;
  consecutiveErrors: number;
  /** Errors are counted apart from failed checks (Argo's consecutiveErrorLimit). */
  totalErrors: number;
  lastError?: string;
}

export function initialMetricState(): MetricState {
  return { verdict: 'pending', value: null, limit: null, at: null, failingSince: null, consecutiveErrors: 0, totalErrors: 0 };
}

export function limitFor(threshold: Threshold, baseline: number | null | undefined): number | null {
  if (!threshold.relativeToBaseline) return threshold.value;
  if (baseline === null || baseline === undefined) return null;
  return baseline * threshold.value;
}

export function crosses(threshold: Threshold, value: number, limit: number): boolean {
  return threshold.direction === 'above' ? value > limit : value < limit;
}

export function judgeSample(
  metric: Metric,
  previous: MetricState,
  sample: MetricSample,
  baseline: number | null | undefined,
  consecutiveErrorLimit: number,
): MetricState {
  const limit = limitFor(metric.threshold, baseline);
  if (sample.error !== undefined) {
    const consecutiveErrors = previous.consecutiveErrors + 1;
    return {
      ...previous,
      limit,
      at: sample.at,
      consecutiveErrors,
      totalErrors: previous.totalErrors + 1,
      lastError: sample.error,
      verdict: consecutiveErrors >= consecutiveErrorLimit ? 'inconclusive' : 'error',
    };
  }
  const answered = { ...previous, value: sample.value, limit, at: sample.at, consecutiveErrors: 0 };
  if (limit === null) return { ...answered, failingSince: null, verdict: 'inconclusive' };

  const crossed = sample.value === null ? metric.noData === 'fail' : crosses(metric.threshold, sample.value, limit);
  if (sample.value === null && metric.noData === 'inconclusive') {
    return { ...answered, failingSince: null, verdict: 'inconclusive' };
  }
  if (!crossed) return { ...answered, failingSince: null, verdict: 'pass' };

  const failingSince = previous.failingSince ?? sample.at;
  const sustained = sample.at - failingSince >= metric.for;
  return { ...answered, failingSince, verdict: sustained ? 'breach' : 'failing' };
}
