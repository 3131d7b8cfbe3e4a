/** Status snapshots for the renderer tests, shaped like the workflow's own. */
import type { CutoverStatus, MetricStatus, TimelineEntry } from '../../workflows/status';

export const T0 = Date.parse('2026-03-01T09:15:00.000Z');

export function iso(offsetMs: number): string {
  return new Date(T0 + offsetMs).toISOString();
}

export function metricStatus(overrides: Partial<MetricStatus> = {}): MetricStatus {
  return {
    verdict: 'pass',
    value: 0.01,
    limit: 0.03,
    at: T0 + 5_000,
    failingSince: null,
    consecutiveErrors: 0,
    totalErrors: 0,
    threshold: 'above baseline × 3 = 0.03',
    baseline: 0.01,
    ...overrides,
  };
}

let seq = 0;

/** Each entry the next sequence number unless told, as the workflow numbers them. */
export function entry(overrides: Partial<TimelineEntry> = {}): TimelineEntry {
  seq += 1;
  return { seq, at: iso(0), phase: 'canary', kind: 'note', message: 'something happened', ...overrides };
}

export function status(overrides: Partial<CutoverStatus> = {}): CutoverStatus {
  return {
    cutover: 'orders-cutover-20260301-091500',
    runbook: 'orders-cutover',
    description: null,
    startedBy: 'olivia',
    startedAt: iso(0),
    endedAt: iso(31_400),
    outcome: 'completed',
    phase: 'complete',
    reason: null,
    step: { index: 4, total: 4, weight: 100 },
    weights: { blue: 0, green: 100 },
    paused: null,
    openGate: null,
    metrics: {},
    lag: null,
    queues: null,
    rollback: null,
    sampling: null,
    timeline: [],
    ...overrides,
  };
}
