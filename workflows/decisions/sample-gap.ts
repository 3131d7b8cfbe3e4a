/**
 * A silence in the analysis: while green has traffic, samples are due every interval. An overloaded
 * worker (or none at all) takes them late or not at all, and the workflow sees it only as a timer
 * that fired late. A silence longer than GAP_INTERVALS intervals, and than GAP_MIN_MS, is a gap:
 * nothing was known about green for that long, so each metric's no-data policy judges it, as it
 * would a query that answered nothing.
 */
import type { Metric } from '../runbook/schema';
import { judgeSample, type MetricState } from './verdict';

/**
 * Intervals without a sample that make a gap. Three leaves room for a slow provider and a busy
 * worker (a sample late by up to two intervals), and still notices a stalled worker within seconds
 * at the usual intervals.
 */
export const GAP_INTERVALS = 3;

/**
 * The shortest silence that is a gap, whatever the interval. A workflow task lost with its worker
 * is handed to another after the server's 10 s workflow task timeout: one such retry is a hiccup,
 * not a blind spot worth a rollback.
 */
export const GAP_MIN_MS = 15_000;

export interface SampleGap {
  /** Epoch ms of the last sample before the silence (or of the start of the analysis). */
  from: number;
  /** Epoch ms when sampling could go on again. */
  to: number;
  /** Intervals that passed without a sample. */
  missed: number;
}

/** The gap between the last sample and `now`, or null when the silence is short enough. */
export function sampleGap(lastSampleAt: number, now: number, interval: number): SampleGap | null {
  const silence = now - lastSampleAt;
  if (silence <= Math.max(GAP_INTERVALS * interval, GAP_MIN_MS)) return null;
  return { from: lastSampleAt, to: now, missed: Math.floor(silence / interval) - 1 };
}

/**
 * The metric's state after a gap: no data from the first sample that was due until the end of the
 * gap. `noData: fail` counts the whole silence as failing (so a sustain window shorter than the gap
 * breaches), `pass` as passing, `inconclusive` as inconclusive.
 */
export function judgeGap(metric: Metric, previous: MetricState, gap: SampleGap, interval: number, baseline: number | null | undefined, consecutiveErrorLimit: number): MetricState {
  const firstMissed = judgeSample(metric, previous, { name: metric.name, value: null, at: gap.from + interval }, baseline, consecutiveErrorLimit);
  return judgeSample(metric, firstMissed, { name: metric.name, value: null, at: gap.to }, baseline, consecutiveErrorLimit);
}
