/**
 * Metric values keyed by the full query string ("green.error_rate"), so the runbook's `query` and
 * `baselineQuery` address green and blue without any query language. An injected fault overrides
 * the value from its start time, for a number of reads or until cleared.
 */
import type { MetricProvider, Side } from '../providers';
import type { Metric } from '../../workflows/runbook/schema';
import type { CloudCore } from './core';
import { takeMetricFault } from './faults';

export function simulatedMetrics(core: CloudCore): MetricProvider {
  return {
    async query(metric: Metric, side: Side) {
      if (metric.provider !== 'simulated') throw new Error(`metric "${metric.name}" is not a simulated metric`);
      const query = side === 'green' ? metric.query : metric.baselineQuery;
      if (query === undefined) throw new Error(`metric "${metric.name}" has no baselineQuery to read on blue`);
      return core.call({ op: 'metrics.query', target: query, args: { metric: metric.name, query }, logResult: true }, (state, at) => {
        if (!(query in state.metrics)) throw new Error(`unknown metric query "${query}"`);
        const fault = takeMetricFault(state, query, at);
        return fault ? fault.value : state.metrics[query]!;
      });
    },
  };
}
