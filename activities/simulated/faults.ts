/**
 * Scripted trouble: provider calls that fail (`failNext`, `failAlways`) and metric values that go bad
 * for a while (`injectMetric`). Pure functions over the state; the cloud persists the result.
 */
import type { CloudState, FailureTarget, MetricFaultSpec, Operation } from './state';

export function setFailure(state: CloudState, target: FailureTarget, remaining: number | null, message?: string): void {
  if (remaining !== null && (!Number.isInteger(remaining) || remaining < 1)) {
    throw new Error(`failNext(${target}) needs a whole number of calls ≥ 1, got ${remaining}`);
  }
  state.failures[target] = { remaining, message: message ?? `simulated failure of ${target}` };
}

/**
 * The message of the failure scripted for this call, using one up, or undefined when it should
 * succeed. A rule aimed at one target (metrics.query:green.error_rate) wins over the whole operation.
 */
export function takeFailure(state: CloudState, op: Operation, target?: string): string | undefined {
  const keys = target === undefined ? [op] : [`${op}:${target}`, op];
  for (const key of keys) {
    const rule = state.failures[key];
    if (!rule) continue;
    if (rule.remaining !== null) {
      rule.remaining -= 1;
      if (rule.remaining <= 0) delete state.failures[key];
    }
    return rule.message;
  }
  return undefined;
}

export function injectMetricFault(state: CloudState, query: string, spec: MetricFaultSpec, now: number): void {
  if (!(query in state.metrics)) throw new Error(`unknown metric query "${query}": setMetric it before injecting a fault`);
  if (spec.samples !== undefined && (!Number.isInteger(spec.samples) || spec.samples < 1)) {
    throw new Error(`injectMetric(${query}) samples must be a whole number ≥ 1, got ${spec.samples}`);
  }
  state.metricFaults[query] = { value: spec.value, from: spec.from ?? now, remaining: spec.samples ?? null };
}

/** The fault value a read at `at` sees, using up one sample; undefined when no fault applies. */
export function takeMetricFault(state: CloudState, query: string, at: number): { value: number | null } | undefined {
  const fault = state.metricFaults[query];
  if (!fault || at < fault.from) return undefined;
  if (fault.remaining !== null) {
    fault.remaining -= 1;
    if (fault.remaining <= 0) delete state.metricFaults[query];
  }
  return { value: fault.value };
}
