/**
 * A metric is measured on green (the trigger) and, when it has a baseline, on blue. Each provider
 * writes the two differently (a query and a baselineQuery, dimensions and baselineDimensions, a URL
 * and a baselineUrl); these functions say which field holds what, for checks and messages.
 */
import type { MetricSection } from './provider-sections';

export type Side = 'green' | 'blue';

/** The field that holds the blue-side measurement of this provider's metrics. */
export function baselineField(metric: MetricSection): string {
  switch (metric.provider) {
    case 'cloudwatch':
      return 'baselineDimensions';
    case 'http-probe':
      return 'baselineUrl';
    default:
      return 'baselineQuery';
  }
}

export function hasBaseline(metric: MetricSection): boolean {
  switch (metric.provider) {
    case 'cloudwatch':
      return metric.baselineDimensions !== undefined;
    case 'http-probe':
      return metric.baselineUrl !== undefined;
    default:
      return metric.baselineQuery !== undefined;
  }
}

/** What is measured on `side`, as an operator would recognise it in a message. */
export function describeMeasurement(metric: MetricSection, side: Side): string {
  switch (metric.provider) {
    case 'cloudwatch': {
      const dimensions = side === 'green' ? metric.dimensions : metric.baselineDimensions;
      const selector = Object.entries(dimensions ?? {}).map(([k, v]) => `${k}=${v}`).join(',');
      return `${metric.namespace} ${metric.metricName}{${selector}} ${metric.stat}`;
    }
    case 'http-probe':
      return `${metric.measure} of ${side === 'green' ? metric.url : metric.baselineUrl}`;
    default:
      return side === 'green' ? `query "${metric.query}"` : `baselineQuery "${metric.baselineQuery}"`;
  }
}
