/**
 * Counts what the activities do, from outside them: an activity interceptor reads the analysis
 * samples `measure` returns (a provider error is captured in the sample, not thrown) and counts every
 * attempt of an activity that throws, by activity. The activities stay free of metrics.
 */
import type { Context } from '@temporalio/activity';
import type { ActivityInterceptorsFactory } from '@temporalio/worker';
import type { MetricSample } from '../../activities/types';
import type { Metric } from '../../workflows/runbook/schema';
import type { ProductMetrics } from './product-metrics';

export type SampleResult = 'value' | 'no-data' | 'error';

/** Each sample with the provider of the metric it measured: `measure` returns them in the metrics' order. */
export function sampleResults(metrics: Pick<Metric, 'provider'>[], samples: Pick<MetricSample, 'value' | 'error'>[]): Array<{ provider: string; result: SampleResult }> {
  return samples.map((sample, index) => ({
    provider: metrics[index]?.provider ?? 'unknown',
    result: sample.error !== undefined ? 'error' : sample.value === null ? 'no-data' : 'value',
  }));
}

export function activityMetrics(metrics: ProductMetrics): ActivityInterceptorsFactory {
  return (ctx: Context) => ({
    inbound: {
      async execute(input, next) {
        const activity = ctx.info.activityType;
        let result: unknown;
        try {
          result = await next(input);
        } catch (error) {
          metrics.activityFailures.inc({ activity });
          throw error;
        }
        if (activity === 'measure') {
          const [arg] = input.args as [{ metrics: Metric[] }];
          for (const { provider, result: kind } of sampleResults(arg.metrics, result as MetricSample[])) {
            metrics.analysisSamples.inc({ provider, result: kind });
            if (kind === 'error') metrics.providerErrors.inc({ provider });
          }
        }
        return result;
      },
    },
  });
}
