/**
 * Metric values keyed by the full query string ("green.error_rate"), so the runbook's `query` and
 * `baselineQuery` address green and blue without any query language. An injected fault overrides
 * the value from its start time, for a number of reads or until cleared.
 */
import type { MetricProvider } from '../providers';
import type { Metric } from '../../workflows/runbook/schema';
import type { CloudCore } from './core';
import { takeMetricFault } from './faults';

export function simulatedMetrics(core: CloudCore): MetricProvider {
  return {
    async query(metric: Metric, query: string) {
      return core.call({ op: 'metrics.query', target: query, args: { metric: metric.name, query }, logResult: true }, (state, at) => {
        if (!(query in state.metrics)) throw new Error(`unknown metric query "${query}"`);
        const fault = takeMetricFault(state, query, at);
        return fault ? fault.value : state.metrics[query]!;
      });
    },
  };
}
