import { metric as metricSchema } from '../../workflows/runbook/schema';
import { initialMetricState, judgeSample, limitFor, type MetricState } from '../../workflows/decisions/verdict';
import { decideAnalysis } from '../../workflows/decisions/analysis-decision';

const errorRate = metricSchema.parse({
  name: 'error-rate',
  provider: 'simulated',
  query: 'green.error_rate',
  baselineQuery: 'blue.error_rate',
  threshold: { above: 'baseline * 2' },
  for: '2m',
  noData: 'inconclusive',
});

function feed(samples: Array<{ at: number; value?: number | null; error?: string }>, metric = errorRate, baseline = 0.01): MetricState {
  let state = initialMetricState();
  for (const sample of samples) {
    state = judgeSample(metric, state, { name: metric.name, value: sample.value ?? null, error: sample.error, at: sample.at }, baseline, 3);
  }
  return state;
}

const minute = 60_000;

describe('metric verdict over the sustain window', () => {
  it('computes a relative limit from the baseline', () => {
    expect(limitFor(errorRate.threshold, 0.01)).toBeCloseTo(0.02);
    expect(limitFor(errorRate.threshold, null)).toBeNull();
  });

  it('passes a value under the limit', () => {
    expect(feed([{ at: 0, value: 0.015 }]).verdict).toBe('pass');
  });

  it('is failing, not breached, while the threshold has been crossed for less than the window', () => {
    const state = feed([{ at: 0, value: 0.5 }, { at: minute, value: 0.5 }]);
    expect(state.verdict).toBe('failing');
    expect(state.failingSince).toBe(0);
  });

  it('breaches once the threshold stays crossed for the whole window', () => {
    expect(feed([{ at: 0, value: 0.5 }, { at: minute, value: 0.5 }, { at: 2 * minute, value: 0.5 }]).verdict).toBe('breach');
  });

  it('does not breach on one noisy sample inside the window', () => {
    const state = feed([{ at: 0, value: 0.5 }, { at: minute, value: 0.01 }, { at: 2 * minute, value: 0.5 }, { at: 3 * minute, value: 0.01 }]);
    expect(state.verdict).toBe('pass');
    expect(state.failingSince).toBeNull();
  });

  it('breaches at once when the window is zero', () => {
    const instant = { ...errorRate, for: 0 };
    expect(feed([{ at: 0, value: 0.5 }], instant).verdict).toBe('breach');
  });

  it('counts provider errors apart from failed checks and keeps the window running', () => {
    const state = feed([{ at: 0, value: 0.5 }, { at: minute, error: 'timeout' }]);
    expect(state.verdict).toBe('error');
    expect(state.consecutiveErrors).toBe(1);
    expect(state.failingSince).toBe(0);
  });

  it('is inconclusive after too many provider errors in a row', () => {
    const state = feed([{ at: 0, error: 'boom' }, { at: 1, error: 'boom' }, { at: 2, error: 'boom' }]);
    expect(state.verdict).toBe('inconclusive');
    expect(state.totalErrors).toBe(3);
  });

  it('resets the error count when the provider answers again', () => {
    const state = feed([{ at: 0, error: 'boom' }, { at: 1, error: 'boom' }, { at: 2, value: 0.01 }, { at: 3, error: 'boom' }]);
    expect(state.consecutiveErrors).toBe(1);
    expect(state.verdict).toBe('error');
  });

  it('applies the no-data policy: pass, fail or inconclusive', () => {
    expect(feed([{ at: 0, value: null }], { ...errorRate, noData: 'pass' }).verdict).toBe('pass');
    expect(feed([{ at: 0, value: null }], { ...errorRate, noData: 'fail', for: 0 }).verdict).toBe('breach');
    expect(feed([{ at: 0, value: null }], { ...errorRate, noData: 'inconclusive' }).verdict).toBe('inconclusive');
  });

  it('treats a below-threshold metric the other way round', () => {
    const availability = metricSchema.parse({ name: 'availability', provider: 'simulated', query: 'q', threshold: { below: 0.99 } });
    expect(feed([{ at: 0, value: 0.95 }], availability).verdict).toBe('breach');
    expect(feed([{ at: 0, value: 0.999 }], availability).verdict).toBe('pass');
  });
});

describe('analysis decision', () => {
  const pauseMetric = { ...errorRate, name: 'latency', onBreach: 'pause' as const, for: 0 };

  it('rolls back on a breach whose action is rollback, naming metric, value, threshold and time', () => {
    const states = { 'error-rate': feed([{ at: 0, value: 0.5 }, { at: 2 * minute, value: 0.5 }]) };
    const decision = decideAnalysis([errorRate], states);
    expect(decision.action).toBe('rollback');
    if (decision.action !== 'rollback') return;
    expect(decision.cause).toMatchObject({ metric: 'error-rate', value: 0.5, at: 2 * minute, sustainedFor: 2 * minute });
    expect(decision.reason).toContain('error-rate = 0.5');
    expect(decision.reason).toContain('baseline × 2 = 0.02');
    expect(decision.reason).toContain('1970-01-01T00:02:00.000Z');
  });

  it('pauses on a breach whose action is pause, and on an inconclusive metric', () => {
    expect(decideAnalysis([pauseMetric], { latency: feed([{ at: 0, value: 0.5 }], pauseMetric) }).action).toBe('pause');
    expect(decideAnalysis([errorRate], { 'error-rate': feed([{ at: 0, value: null }]) }).action).toBe('pause');
  });

  it('prefers a rollback to a pause when both are called for', () => {
    const states = { latency: feed([{ at: 0, value: 0.5 }], pauseMetric), 'error-rate': feed([{ at: 0, value: 0.5 }, { at: 2 * minute, value: 0.5 }]) };
    expect(decideAnalysis([pauseMetric, errorRate], states).action).toBe('rollback');
  });

  it('carries on while every metric passes or is only failing', () => {
    expect(decideAnalysis([errorRate], { 'error-rate': feed([{ at: 0, value: 0.5 }]) }).action).toBe('continue');
  });
});
