import { metric as metricSchema } from '../../workflows/runbook/schema';
import { initialMetricState, judgeSample, type MetricState } from '../../workflows/decisions/verdict';
import { notCleanBill } from '../../workflows/decisions/clean-bill';

const errorRate = metricSchema.parse({
  name: 'error-rate',
  provider: 'simulated',
  query: 'green.error_rate',
  threshold: { above: 0.03 },
  for: '1m',
  noData: 'inconclusive',
});
const latency = metricSchema.parse({ name: 'latency', provider: 'simulated', query: 'green.latency', threshold: { above: 500 }, for: '30s', noData: 'pass', onBreach: 'pause' });

function feed(samples: Array<{ at: number; value?: number | null; error?: string }>, metric = errorRate): MetricState {
  let state = initialMetricState();
  for (const sample of samples) {
    state = judgeSample(metric, state, { name: metric.name, value: sample.value ?? null, error: sample.error, at: sample.at }, null, 3);
  }
  return state;
}

const second = 1_000;

describe('a step moves up only on a clean bill', () => {
  it('moves up when every metric passes', () => {
    expect(notCleanBill([errorRate, latency], { 'error-rate': feed([{ at: 0, value: 0.01 }]), latency: feed([{ at: 0, value: 100 }], latency) })).toBeNull();
  });

  it('holds while a trigger is crossed and its sustain window still runs (three samples of 0.3 against 0.03)', () => {
    const state = feed([0, 1, 2].map((n) => ({ at: n * second, value: 0.3 })));
    expect(state.verdict).toBe('failing');
    const problem = notCleanBill([errorRate], { 'error-rate': state });
    expect(problem?.blockers).toEqual([{ metric: 'error-rate', cause: 'crossed', verdict: 'failing', value: 0.3 }]);
    expect(problem?.reason).toBe('metric error-rate = 0.3 crosses its threshold above 0.03, held 2s of its 1m sustain window');
  });

  it('holds on two breaching samples followed by provider errors: the window is still running', () => {
    const state = feed([{ at: 0, value: 0.3 }, { at: second, value: 0.3 }, { at: 2 * second, error: 'timeout' }, { at: 3 * second, error: 'timeout' }]);
    expect(state.verdict).toBe('error');
    const problem = notCleanBill([errorRate], { 'error-rate': state });
    expect(problem?.blockers[0]).toMatchObject({ cause: 'crossed', verdict: 'error' });
    expect(problem?.reason).toContain('its last read failed: timeout');
  });

  it('holds while a provider read is failing, even below the threshold', () => {
    const problem = notCleanBill([errorRate], { 'error-rate': feed([{ at: 0, value: 0.01 }, { at: second, error: 'connection refused' }]) });
    expect(problem?.blockers[0]?.cause).toBe('provider-error');
    expect(problem?.reason).toBe('reading metric error-rate is failing (1 in a row, last: connection refused)');
  });

  it('holds on a breach that pauses, on an inconclusive metric, and before the first sample', () => {
    const breach = feed([{ at: 0, value: 900 }, { at: 30 * second, value: 900 }], latency);
    expect(breach.verdict).toBe('breach');
    expect(notCleanBill([latency], { latency: breach })?.blockers[0]?.cause).toBe('breach');
    expect(notCleanBill([errorRate], { 'error-rate': feed([{ at: 0, value: null }]) })?.blockers[0]?.cause).toBe('inconclusive');
    expect(notCleanBill([errorRate], { 'error-rate': initialMetricState() })?.blockers[0]?.cause).toBe('no-sample');
  });

  it('moves up again once the metric clears', () => {
    const cleared = feed([{ at: 0, value: 0.3 }, { at: second, value: 0.3 }, { at: 2 * second, value: 0.01 }]);
    expect(notCleanBill([errorRate], { 'error-rate': cleared })).toBeNull();
  });

  it('names every metric in the way, and judges only the metrics it is given', () => {
    const states = { 'error-rate': feed([{ at: 0, value: 0.3 }]), latency: feed([{ at: 0, error: 'boom' }], latency) };
    expect(notCleanBill([errorRate, latency], states)?.blockers.map((blocker) => blocker.metric)).toEqual(['error-rate', 'latency']);
    expect(notCleanBill([], states)).toBeNull();
  });
});
