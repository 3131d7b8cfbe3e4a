/**
 * The analysis activity: one sample of every metric, queried in parallel on green. A provider error
 * is captured in the sample, never thrown: the workflow counts consecutive errors apart from failed
 * checks, and one broken query must not hide the others' values.
 */
import { errorMessage } from './errors';
import { providerFor } from './lookup';
import type { Providers } from './providers';
import type { MetricSample } from './types';
import type { Metric } from '../workflows/runbook/schema';

export function analysisActivities(providers: Providers) {
  return {
    async measure(input: { metrics: Metric[] }): Promise<MetricSample[]> {
      return Promise.all(input.metrics.map((metric) => sample(providers, metric)));
    },
  };
}

async function sample(providers: Providers, metric: Metric): Promise<MetricSample> {
  try {
    // An unknown provider is captured too: preflight reports it before any traffic moves.
    const provider = providerFor(providers.metrics, metric.provider, `metric "${metric.name}" provider`);
    const value = await provider.query(metric, 'green');
    return { name: metric.name, value, at: Date.now() };
  } catch (error) {
    return { name: metric.name, value: null, error: errorMessage(error), at: Date.now() };
  }
}
