/**
 * Metrics read from Prometheus's HTTP API: an instant query of the metric's PromQL (`query` on
 * green, `baselineQuery` on blue), evaluated at the server's now. The same instant query serves the
 * Prometheus replication lag (prometheus-replication.ts).
 */
import { ApplicationFailure } from '@temporalio/common';
import type { MetricProvider, Side } from '../providers';
import type { Metric } from '../../workflows/runbook/schema';
import type { PrometheusMetric } from '../../workflows/runbook/provider-sections';
import { describeUrl, exchange, isPermanentStatus, NoAnswer, type HttpDeps } from './request';
import { excerpt, resolveHeaders } from './secrets';
import { instantValue, type InstantData } from './prometheus-result';

export const PROMETHEUS_TIMEOUT_MS = 10_000;

export function prometheusMetrics(deps: HttpDeps, timeoutMs = PROMETHEUS_TIMEOUT_MS): MetricProvider {
  return {
    async query(metric: Metric, side: Side) {
      if (metric.provider !== 'prometheus') throw notOurs(metric);
      const promql = side === 'green' ? metric.query : metric.baselineQuery;
      if (promql === undefined) throw ApplicationFailure.nonRetryable(`metric "${metric.name}" has no baselineQuery to read on blue`, 'MetricMisconfigured');
      return instantQuery(deps, metric, promql, timeoutMs);
    },
  };
}

interface ApiAnswer {
  status?: 'success' | 'error';
  data?: InstantData;
  errorType?: string;
  error?: string;
}

/** Where a query goes: a runbook section with Prometheus's base URL and the headers it needs. */
export type PrometheusSource = Pick<PrometheusMetric, 'endpoint' | 'headers' | 'secretHeaders'>;

/** The one number `promql` gives now, or null for no data; typed failures for everything else. */
export async function instantQuery(deps: HttpDeps, source: PrometheusSource, promql: string, timeoutMs: number): Promise<number | null> {
  const { headers, secrets } = resolveHeaders(deps.env(), source.headers, source.secretHeaders);
  const url = `${source.endpoint.replace(/\/+$/, '')}/api/v1/query?query=${encodeURIComponent(promql)}`;
  const where = `Prometheus at ${describeUrl(source.endpoint)}`;

  let answer;
  try {
    // Redirects are not followed: secret headers go to the configured endpoint and nowhere else.
    answer = await exchange(deps, url, { headers: { accept: 'application/json', ...headers }, redirect: 'manual' }, timeoutMs);
  } catch (error) {
    if (error instanceof NoAnswer) throw ApplicationFailure.retryable(`${where}: ${error.reason}`, 'PrometheusUnavailable');
    throw error;
  }

  const parsed = parseJson(answer.body);
  if (parsed?.status === 'error') {
    // bad_data is the query's fault (a syntax error); execution, timeout, unavailable may pass.
    const message = `${where} refused the query (${parsed.errorType ?? 'error'}): ${excerpt(parsed.error ?? '', secrets)}`;
    throw parsed.errorType === 'bad_data' ? ApplicationFailure.nonRetryable(message, 'PrometheusQueryInvalid') : ApplicationFailure.retryable(message, 'PrometheusQueryFailed');
  }
  if (answer.status < 200 || answer.status >= 300) {
    const message = `${where} answered ${answer.status}: ${excerpt(answer.body, secrets)}${hintFor(answer.status)}`;
    throw isPermanentStatus(answer.status) ? ApplicationFailure.nonRetryable(message, 'PrometheusRejected') : ApplicationFailure.retryable(message, 'PrometheusUnavailable');
  }
  if (parsed?.status !== 'success' || !parsed.data) {
    throw ApplicationFailure.nonRetryable(`${where} did not answer like Prometheus's query API: check that endpoint is Prometheus's base URL (http://prometheus:9090)`, 'PrometheusRejected');
  }
  return instantValue(parsed.data, promql);
}

function hintFor(status: number): string {
  if (status === 401 || status === 403) return ': check the headers and secretHeaders the endpoint requires';
  if (status === 404) return ": check that endpoint is Prometheus's base URL (http://prometheus:9090), without /api/v1";
  if (status >= 300 && status < 400) return ': redirects are not followed; write the address it redirects to as endpoint';
  return '';
}

function parseJson(body: string): ApiAnswer | undefined {
  try {
    const value: unknown = JSON.parse(body);
    return typeof value === 'object' && value !== null ? (value as ApiAnswer) : undefined;
  } catch {
    return undefined;
  }
}

function notOurs(metric: Metric): ApplicationFailure {
  return ApplicationFailure.nonRetryable(`metric "${metric.name}" is a ${metric.provider} metric, not a prometheus one`, 'MetricMisconfigured');
}
