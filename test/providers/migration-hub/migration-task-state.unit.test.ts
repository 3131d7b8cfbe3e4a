import { migrationTaskState, STATUS_DETAIL_LIMIT } from '../../../workflows/decisions/progress';
import type { ProgressPoint } from '../../../workflows/decisions/progress';

const at = (point: Partial<ProgressPoint>): ProgressPoint => ({ phase: 'preflight', step: null, outcome: 'running', reason: null, ...point });

describe('migrationTaskState', () => {
  test('is NOT_STARTED 0% during preflight, before anything changes', () => {
    expect(migrationTaskState(at({}))).toEqual({ status: 'NOT_STARTED', percent: 0 });
  });

  test('grows through the phases in runbook order, the canary by steps done', () => {
    const percents = [
      at({ phase: 'gate' }),
      at({ phase: 'freeze' }),
      at({ phase: 'replication' }),
      at({ phase: 'drain' }),
      at({ phase: 'canary', step: { index: 1, total: 3, weight: 10 } }),
      at({ phase: 'write-switch', step: { index: 2, total: 3, weight: 50 } }),
      at({ phase: 'canary', step: { index: 3, total: 3, weight: 100 } }),
      at({ phase: 'acceptance' }),
      at({ phase: 'signoff' }),
      at({ phase: 'complete' }),
    ].map((point) => migrationTaskState(point).percent);
    expect(percents).toEqual([5, 10, 15, 20, 25, 45, 65, 90, 95, 98]);
  });

  test('is COMPLETED 100% once completed, FAILED with the reason once rolled back or aborted', () => {
    expect(migrationTaskState(at({ phase: 'complete', outcome: 'completed' }))).toEqual({ status: 'COMPLETED', percent: 100 });
    expect(migrationTaskState(at({ phase: 'rollback', outcome: 'rolled-back', reason: 'metric error-rate = 0.25' }))).toEqual({
      status: 'FAILED',
      detail: 'rolled-back: metric error-rate = 0.25',
    });
    expect(migrationTaskState(at({ phase: 'abort', outcome: 'aborted', reason: 'rejected at gate go' })).status).toBe('FAILED');
  });

  test('keeps a long reason within Migration Hub’s 2,500-character status detail', () => {
    const detail = migrationTaskState(at({ outcome: 'rollback-failed', reason: 'x'.repeat(10_000) })).detail!;
    expect(detail).toHaveLength(STATUS_DETAIL_LIMIT);
  });
});
