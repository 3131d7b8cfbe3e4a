/**
 * A metric as one phrase: its last value against its threshold, with the verdict
 * ("error-rate 0.01 vs above baseline × 3 = 0.03: pass"), and all sampled metrics on one line.
 */
import type { Verdict } from '../../workflows/decisions/verdict';
import type { CutoverStatus, MetricStatus } from '../../workflows/status';
import { plain, type Palette } from './colour';
import { elapsed } from './time';

export function metricLine(name: string, metric: MetricStatus, colour: Palette = plain): string {
  return `${name} ${valueText(metric)} vs ${metric.threshold}: ${verdictText(metric, colour)}`;
}

/** Every metric sampled so far on one line, or null before the first sample. */
export function metricsLine(status: CutoverStatus, colour: Palette = plain): string | null {
  const sampled = Object.entries(status.metrics).filter(([, metric]) => metric.at !== null);
  if (sampled.length === 0) return null;
  return sampled.map(([name, metric]) => metricLine(name, metric, colour)).join(colour.dim('  ·  '));
}

export function formatValue(value: number): string {
  return String(Math.round(value * 10_000) / 10_000);
}

export function valueText(metric: MetricStatus): string {
  if (metric.value !== null) return formatValue(metric.value);
  return metric.at === null ? 'not sampled yet' : 'no data';
}

const VERDICT_COLOUR: Record<Verdict, keyof Palette> = {
  pending: 'dim',
  pass: 'green',
  failing: 'yellow',
  breach: 'red',
  error: 'yellow',
  inconclusive: 'yellow',
};

/** The verdict, with how long a failing metric has failed or which provider errors made it inconclusive. */
export function verdictText(metric: MetricStatus, colour: Palette = plain): string {
  let text: string = metric.verdict;
  if ((metric.verdict === 'failing' || metric.verdict === 'breach') && metric.failingSince !== null && metric.at !== null) {
    text += ` for ${elapsed(metric.at - metric.failingSince)}`;
  }
  if ((metric.verdict === 'error' || metric.verdict === 'inconclusive') && metric.consecutiveErrors > 0) {
    text += ` (${metric.consecutiveErrors} provider error${metric.consecutiveErrors === 1 ? '' : 's'} in a row: ${metric.lastError ?? 'unknown'})`;
  }
  return colour[VERDICT_COLOUR[metric.verdict]](text);
}
