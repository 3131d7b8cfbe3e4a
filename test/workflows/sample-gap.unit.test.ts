import { metric as metricSchema } from '../../workflows/runbook/schema';
import { initialMetricState, judgeSample } from '../../workflows/decisions/verdict';
import { GAP_INTERVALS, GAP_MIN_MS, judgeGap, sampleGap } from '../../workflows/decisions/sample-gap';

const INTERVAL = 5_000;

function errorRate(noData: 'pass' | 'fail' | 'inconclusive', sustain = '30s') {
  return metricSchema.parse({ name: 'error-rate', provider: 'simulated', query: 'green.error_rate', threshold: { above: 0.05 }, for: sustain, noData });
}

function passing(at: number) {
  return judgeSample(errorRate('pass'), initialMetricState(), { name: 'error-rate', value: 0.01, at }, undefined, 3);
}

describe('a gap between analysis samples', () => {
  it(`is no gap while samples come within ${GAP_INTERVALS} intervals`, () => {
    expect(sampleGap(0, INTERVAL, INTERVAL)).toBeNull();
    expect(sampleGap(0, GAP_INTERVALS * INTERVAL, INTERVAL)).toBeNull();
  });

  it('is no gap at short intervals while the silence is shorter than a lost workflow task takes to come back', () => {
    expect(sampleGap(0, GAP_MIN_MS, 1_000)).toBeNull();
    expect(sampleGap(0, GAP_MIN_MS + 1, 1_000)).toEqual({ from: 0, to: GAP_MIN_MS + 1, missed: 14 });
  });

  it(`is a gap once more than ${GAP_INTERVALS} intervals passed without a sample, counting the samples missed`, () => {
    expect(sampleGap(0, GAP_INTERVALS * INTERVAL + 1, INTERVAL)).toEqual({ from: 0, to: GAP_INTERVALS * INTERVAL + 1, missed: GAP_INTERVALS - 1 });
    expect(sampleGap(0, GAP_INTERVALS * 10_000 + 1, 10_000)).toEqual({ from: 0, to: GAP_INTERVALS * 10_000 + 1, missed: GAP_INTERVALS - 1 });
    expect(sampleGap(1_000, 1_000 + 121_000, INTERVAL)).toEqual({ from: 1_000, to: 122_000, missed: 23 });
  });

  it('breaches a metric whose no-data policy is fail when the silence outlasts its sustain window', () => {
    const gap = sampleGap(0, 60_000, INTERVAL)!;
    const state = judgeGap(errorRate('fail', '30s'), passing(0), gap, INTERVAL, undefined, 3);
    expect(state).toMatchObject({ verdict: 'breach', value: null, failingSince: INTERVAL, at: 60_000 });
  });

  it('counts a silence shorter than the sustain window as failing, not yet a breach, under noData: fail', () => {
    const gap = sampleGap(0, 25_000, INTERVAL)!;
    expect(judgeGap(errorRate('fail', '30s'), passing(0), gap, INTERVAL, undefined, 3).verdict).toBe('failing');
  });

  it('passes a metric whose no-data policy is pass', () => {
    const gap = sampleGap(0, 60_000, INTERVAL)!;
    expect(judgeGap(errorRate('pass'), passing(0), gap, INTERVAL, undefined, 3)).toMatchObject({ verdict: 'pass', value: null, failingSince: null });
  });

  it('makes a metric whose no-data policy is inconclusive inconclusive', () => {
    const gap = sampleGap(0, 60_000, INTERVAL)!;
    expect(judgeGap(errorRate('inconclusive'), passing(0), gap, INTERVAL, undefined, 3).verdict).toBe('inconclusive');
  });
});
