/**
 * The http-probe metric: the provider is the request itself. Each read sends `requests` GETs to
 * green's `url` (blue's `baselineUrl` for the baseline), a few at a time, and reports their success
 * rate or their p95 latency.
 */
import { ApplicationFailure } from '@temporalio/common';
import type { MetricProvider, Side } from '../providers';
import type { Metric } from '../../workflows/runbook/schema';
import type { HttpProbeMetric } from '../../workflows/runbook/provider-sections';
import { exchange, isExpectedStatus, type HttpDeps } from './request';
import { latencyP95, successRate, type ProbeOutcome } from './probe-stats';
import { PROBE_CONCURRENCY } from '../../workflows/runbook/provider-rules';

/**
 * Requests in flight at once: enough to finish the default 10 requests in three rounds, few enough
 * not to be a load test. A read takes at most ceil(requests / 4) × timeout, which validation holds
 * within the time a sample may take.
 */
export { PROBE_CONCURRENCY };

export function httpProbeMetrics(deps: HttpDeps): MetricProvider {
  return {
    async query(metric: Metric, side: Side) {
      if (metric.provider !== 'http-probe') {
        throw ApplicationFailure.nonRetryable(`metric "${metric.name}" is a ${metric.provider} metric, not an http-probe one`, 'MetricMisconfigured');
      }
      const url = side === 'green' ? metric.url : metric.baselineUrl;
      if (url === undefined) throw ApplicationFailure.nonRetryable(`metric "${metric.name}" has no baselineUrl to probe on blue`, 'MetricMisconfigured');
      const outcomes = await pooled(metric.requests, PROBE_CONCURRENCY, () => probeOnce(deps, metric, url));
      return metric.measure === 'success-rate' ? successRate(outcomes) : latencyP95(outcomes);
    },
  };
}

/** A request that times out or fails on the network is an outcome, not an error: green failed it. */
async function probeOnce(deps: HttpDeps, metric: HttpProbeMetric, url: string): Promise<ProbeOutcome> {
  const started = performance.now();
  try {
    const answer = await exchange(deps, url, { headers: { 'cache-control': 'no-cache' } }, metric.timeout);
    return { ok: isExpectedStatus(answer.status, metric.expectStatus), ms: answer.ms };
  } catch {
    return { ok: false, ms: performance.now() - started };
  }
}

/** Runs `count` calls with at most `limit` in flight; results in call order. */
async function pooled<T>(count: number, limit: number, call: () => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  const lane = async () => {
    while (next < count) {
      const index = next++;
      results[index] = await call();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, count) }, lane));
  return results;
}
