import { reportOf } from '../../client/report';
import { reportMarkdown } from '../../client/render/report-markdown';
import { entry, iso, status, T0 } from './fixtures';

const metrics = { 'error-rate': { value: 0.012, verdict: 'pass' } };

describe('the report of a cutover', () => {
  const rolledBack = status({
    outcome: 'rolled-back',
    phase: 'rollback',
    reason: 'gate "half-way" rejected by bob: p95 | creeping',
    weights: { blue: 100, green: 0 },
    rollback: { reason: 'gate "half-way" rejected by bob: p95 | creeping', cause: null, startedAt: iso(30_000), verifiedAt: iso(31_000), attempts: 1 },
    timeline: [
      entry({ kind: 'phase', phase: 'preflight', message: 'preflight: checking every provider', at: iso(0) }),
      entry({ kind: 'approval', by: 'alice', message: 'gate "go-live" approved by alice: dashboards green', data: { gate: 'go-live', comment: 'dashboards green', context: null, metrics } }),
      entry({ kind: 'refused', by: 'mallory', message: 'approval of gate "half-way" refused: mallory may not decide gate "half-way"' }),
      entry({ kind: 'rejection', by: 'bob', message: 'gate "half-way" rejected by bob: p95 | creeping', data: { gate: 'half-way', reason: 'p95 | creeping', metrics } }),
      entry({ kind: 'analysis', message: 'breach: metric error-rate = 0.2', data: { cause: { metric: 'error-rate', value: 0.2, threshold: 'above 0.05', at: T0, sustainedFor: 1_000 } } }),
      entry({ kind: 'analysis', message: 'error-rate: pass → failing (value 0.2)' }),
    ],
  });

  it('lists every decision with who took it, their comment or reason, and the metrics at the time', () => {
    const report = reportOf('orders-1', 'COMPLETED', rolledBack);
    expect(report.decisions.map(({ kind, by, gate, note }) => ({ kind, by, gate, note }))).toEqual([
      { kind: 'approval', by: 'alice', gate: 'go-live', note: 'dashboards green' },
      { kind: 'refused', by: 'mallory', gate: 'half-way', note: null },
      { kind: 'rejection', by: 'bob', gate: 'half-way', note: 'p95 | creeping' },
      { kind: 'breach', by: 'analysis', gate: null, note: null },
    ]);
    expect(report.decisions[0]!.metrics).toEqual(metrics);
    expect(report.decisions[3]!.metrics).toEqual({ 'error-rate': { value: 0.2, verdict: 'breach' } });
    expect(report.phases).toEqual([{ phase: 'preflight', at: iso(0), message: 'preflight: checking every provider' }]);
  });

  it('renders as markdown with the rollback reason and table cells that survive a pipe', () => {
    const text = reportMarkdown(reportOf('orders-1', 'COMPLETED', rolledBack));
    expect(text).toContain('| Outcome | **rolled-back** |');
    expect(text).toContain('| Reason | gate "half-way" rejected by bob: p95 \\| creeping |');
    expect(text).toContain(`| ${iso(0)} | rejection | bob | half-way | p95 \\| creeping | error-rate 0.012 (pass) |`);
    expect(text).toContain('## Rollback');
  });

  it('says the run left no status when it was terminated', () => {
    const report = reportOf('orders-2', 'TERMINATED', null);
    expect(report.outcome).toBeNull();
    expect(reportMarkdown(report)).toContain('| Outcome | none (the run is terminated) |');
  });
});
