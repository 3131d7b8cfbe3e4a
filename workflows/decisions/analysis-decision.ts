/**
 * What the analysis asks the cutover to do after a round of samples, decided in one place from the
 * metrics' states (Flagger's habit): roll back on the first breach whose action is rollback, pause
 * for a human on a breach whose action is pause or on an inconclusive metric, otherwise carry on.
 */
import type { Metric } from '../runbook/schema';
import { formatElapsed } from '../runbook/duration';
import type { MetricState } from './verdict';

export interface BreachCause {
  metric: string;
  value: number | null;
  threshold: string;
  at: number;
  sustainedFor: number;
}

export type AnalysisDecision =
  | { action: 'continue' }
  | { action: 'rollback'; reason: string; cause: BreachCause }
  | { action: 'pause'; reason: string; cause?: BreachCause };

export function describeThreshold(metric: Metric, limit: number | null): string {
  const { direction, value, relativeToBaseline } = metric.threshold;
  const rule = relativeToBaseline ? `baseline × ${value}` : `${value}`;
  const resolved = relativeToBaseline && limit !== null ? ` = ${round(limit)}` : '';
  return `${direction} ${rule}${resolved}`;
}

export function decideAnalysis(metrics: Metric[], states: Record<string, MetricState>): AnalysisDecision {
  let pause: AnalysisDecision | undefined;
  for (const metric of metrics) {
    const state = states[metric.name];
    if (!state) continue;
    if (state.verdict === 'breach') {
      const cause: BreachCause = {
        metric: metric.name,
        value: state.value,
        threshold: describeThreshold(metric, state.limit),
        at: state.at ?? 0,
        sustainedFor: state.at !== null && state.failingSince !== null ? state.at - state.failingSince : 0,
      };
      const reason = breachReason(cause);
      if (metric.onBreach === 'rollback') return { action: 'rollback', reason, cause };
      pause ??= { action: 'pause', reason, cause };
    } else if (state.verdict === 'inconclusive') {
      pause ??= { action: 'pause', reason: inconclusiveReason(metric, state) };
    }
  }
  return pause ?? { action: 'continue' };
}

export function breachReason(cause: BreachCause): string {
  const value = cause.value === null ? 'no data' : round(cause.value);
  const held = cause.sustainedFor > 0 ? ` for ${formatElapsed(cause.sustainedFor)}` : '';
  return `metric ${cause.metric} = ${value}, threshold ${cause.threshold}${held}, at ${new Date(cause.at).toISOString()}`;
}

function inconclusiveReason(metric: Metric, state: MetricState): string {
  if (state.consecutiveErrors > 0) {
    return `metric ${metric.name} is inconclusive: ${state.consecutiveErrors} provider errors in a row (last: ${state.lastError ?? 'unknown'})`;
  }
  if (state.limit === null) return `metric ${metric.name} is inconclusive: no baseline to compare with`;
  return `metric ${metric.name} is inconclusive: its query returned no data`;
}

function round(value: number): string {
  return String(Math.round(value * 10_000) / 10_000);
}
