/**
 * Metrics from CloudWatch (`provider: cloudwatch`): the statistic of namespace/metricName selected by
 * `dimensions` on green and `baselineDimensions` on blue. The measurement is the latest full period:
 * the window ends at the last period boundary (a period still filling would read low for a Sum or
 * a count) and reaches back PERIODS_BACK periods, since CloudWatch may publish a period late.
 */
import type { CloudwatchMetric } from '../../workflows/runbook/provider-sections';
import type { Metric } from '../../workflows/runbook/schema';
import type { MetricProvider, Side } from '../providers';
import type { AwsClients } from './clients';
import { metricData } from './cloudwatch-data';
import { permanentFailure } from './errors';

const PERIODS_BACK = 3;

function asCloudwatch(metric: Metric): CloudwatchMetric {
  if (metric.provider !== 'cloudwatch') throw permanentFailure(`metric "${metric.name}" has provider "${metric.provider}", not cloudwatch`, 'UnknownProvider');
  return metric;
}

export function periodSeconds(metric: CloudwatchMetric): number {
  const seconds = metric.period / 1000;
  if (!Number.isInteger(seconds) || seconds < 1) {
    throw permanentFailure(`metric "${metric.name}" has period ${metric.period}ms: CloudWatch periods are whole seconds (60s or a multiple of it, or 1, 5, 10, 30s for high resolution)`, 'InvalidPeriod');
  }
  return seconds;
}

/** The latest full period's window: PERIODS_BACK whole periods ending at the last boundary. */
export function fullPeriodsWindow(now: number, periodMs: number): { start: Date; end: Date } {
  const end = Math.floor(now / periodMs) * periodMs;
  return { start: new Date(end - PERIODS_BACK * periodMs), end: new Date(end) };
}

export function cloudwatchMetrics(clients: AwsClients): MetricProvider {
  return {
    async query(config: Metric, side: Side) {
      const metric = asCloudwatch(config);
      const dimensions = side === 'green' ? metric.dimensions : metric.baselineDimensions;
      if (dimensions === undefined) {
        throw permanentFailure(`metric "${metric.name}" has no baselineDimensions to read on blue: add them (the same metric on blue)`, 'MissingBaseline');
      }
      const selector = {
        id: 'measurement',
        namespace: metric.namespace,
        metricName: metric.metricName,
        dimensions,
        stat: metric.stat,
        periodSeconds: periodSeconds(metric),
      };
      const found = await metricData(
        clients.cloudwatch(metric),
        [selector],
        fullPeriodsWindow(Date.now(), metric.period),
        `reading ${metric.namespace} ${metric.metricName} ${metric.stat} of metric "${metric.name}" on ${side}`,
      );
      const points = found[selector.id] ?? [];
      if (points.length === 0) return null;
      return points.reduce((latest, point) => (point.at > latest.at ? point : latest)).value;
    },
  };
}
