/**
 * Whether the canary may move up to its next weight (or on to acceptance, or to sign-off): only on
 * a clean bill. A metric whose trigger is crossed with its sustain window still running is not a
 * breach yet, but moving traffic up while it builds hands green more of the traffic the rollback
 * must take back a moment later. So is a provider read that is failing: nothing is known. The
 * canary holds its weight until every such metric clears, or the window completes into a rollback.
 */
import { formatElapsed } from '../runbook/duration';
import type { Metric } from '../runbook/schema';
import { describeThreshold } from './analysis-decision';
import type { MetricState, Verdict } from './verdict';

/** Why one metric stands in the way. */
export type HoldCause = 'crossed' | 'breach' | 'provider-error' | 'inconclusive' | 'no-sample';

export interface Blocker {
  metric: string;
  cause: HoldCause;
  verdict: Verdict;
  value: number | null;
}

export interface NotClean {
  /** One sentence naming each metric in the way and why. */
  reason: string;
  blockers: Blocker[];
}

/** Why the canary may not move up now, or null on a clean bill. `metrics`: the metrics being judged. */
export function notCleanBill(metrics: Metric[], states: Record<string, MetricState>): NotClean | null {
  const blockers: Blocker[] = [];
  const reasons: string[] = [];
  for (const metric of metrics) {
    const state = states[metric.name];
    if (!state) continue;
    const cause = causeOf(state);
    if (!cause) continue;
    blockers.push({ metric: metric.name, cause, verdict: state.verdict, value: state.value });
    reasons.push(describe(metric, state, cause));
  }
  return blockers.length === 0 ? null : { reason: reasons.join('; '), blockers };
}

function causeOf(state: MetricState): HoldCause | null {
  if (state.verdict === 'breach') return 'breach';
  if (state.verdict === 'inconclusive') return 'inconclusive';
  // A provider error between two crossing samples keeps the window running (judgeSample keeps failingSince).
  if (state.failingSince !== null) return 'crossed';
  if (state.verdict === 'error') return 'provider-error';
  if (state.verdict === 'pending') return 'no-sample';
  return null;
}

function describe(metric: Metric, state: MetricState, cause: HoldCause): string {
  const value = state.value === null ? 'no data' : String(Math.round(state.value * 10_000) / 10_000);
  const threshold = describeThreshold(metric, state.limit);
  switch (cause) {
    case 'crossed': {
      const held = state.at !== null && state.failingSince !== null ? state.at - state.failingSince : 0;
      const errors = state.verdict === 'error' ? ` (its last read failed: ${state.lastError ?? 'unknown error'})` : '';
      return `metric ${metric.name} = ${value} crosses its threshold ${threshold}, held ${formatElapsed(held)} of its ${formatElapsed(metric.for)} sustain window${errors}`;
    }
    case 'breach':
      return `metric ${metric.name} = ${value} breached its threshold ${threshold}`;
    case 'provider-error':
      return `reading metric ${metric.name} is failing (${state.consecutiveErrors} in a row, last: ${state.lastError ?? 'unknown error'})`;
    case 'inconclusive':
      return `metric ${metric.name} is inconclusive`;
    case 'no-sample':
      return `metric ${metric.name} has no sample yet since green got traffic`;
  }
}
