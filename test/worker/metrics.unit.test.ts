import { sampleResults } from '../../worker/metrics/activity-metrics';
import { ProductMetrics } from '../../worker/metrics/product-metrics';
import { countByPhase, STARTING } from '../../worker/metrics/running-cutovers';
import { rollbackReasonKind } from '../../workflows/metrics';
import type { LastKnown } from '../../workflows/last-known';

const known = (phase: LastKnown['phase']): LastKnown => ({ phase, outcome: 'running', step: null, weights: null, openGate: null, paused: false, at: '2026-11-30T00:00:00.000Z' });

describe('the numbers behind /metrics', () => {
  it('names a rollback by why it started: a breach, a gate that timed out, a phase that failed, or a person', () => {
    const cause = { metric: 'error-rate', value: 0.25, threshold: 0.03, at: '2026-11-30T00:00:00.000Z' } as never;
    expect(rollbackReasonKind({ by: 'analysis', cause })).toBe('breach');
    expect(rollbackReasonKind({ by: 'timeout', cause: null })).toBe('gate-timeout');
    expect(rollbackReasonKind({ by: 'cutover', cause: null })).toBe('failure');
    expect(rollbackReasonKind({ by: 'bob', cause: null })).toBe('decision');
  });

  it('counts running cutovers by the phase their memo last recorded, and one without a memo yet as starting', () => {
    expect(countByPhase([known('gate'), known('canary'), known('gate'), null])).toEqual(
      new Map([
        ['gate', 2],
        ['canary', 1],
        [STARTING, 1],
      ]),
    );
    expect(countByPhase([])).toEqual(new Map());
  });

  it("tells each analysis sample's provider and whether it had a value, no data or a provider error", () => {
    const metrics = [{ provider: 'prometheus' as const }, { provider: 'cloudwatch' as const }, { provider: 'prometheus' as const }];
    const samples = [{ value: 0.01 }, { value: null }, { value: null, error: 'connect ECONNREFUSED' }];
    expect(sampleResults(metrics, samples)).toEqual([
      { provider: 'prometheus', result: 'value' },
      { provider: 'cloudwatch', result: 'no-data' },
      { provider: 'prometheus', result: 'error' },
    ]);
  });

  it('serves cutovers by phase as read at each scrape, and none rather than a stale count when the read fails', async () => {
    let read: () => Promise<{ phases: Map<string, number> }> = async () => ({ phases: new Map([['gate', 2]]) });
    const metrics = new ProductMetrics(() => read());
    expect(await metrics.metrics()).toMatch(/^cutover_running\{phase="gate"\} 2$/m);
    read = async () => ({ phases: new Map([['canary', 1]]) });
    const next = await metrics.metrics();
    expect(next).toMatch(/^cutover_running\{phase="canary"\} 1$/m);
    expect(next).not.toMatch(/^cutover_running\{phase="gate"\}/m);
    read = () => Promise.reject(new Error('Temporal unreachable'));
    expect(await metrics.metrics()).not.toMatch(/^cutover_running\{/m);
  });
});
