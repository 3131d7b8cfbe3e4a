/**
 * The prometheus metric provider against a real Prometheus scraping a real service every second.
 */
import { httpProviders } from '../../../activities/http';
import { prometheusMetric } from '../../../workflows/runbook/provider-sections';
import { startPrometheus, type PrometheusServer } from '../../support/prometheus';
import { startSampleService, type SampleService } from '../../support/sample-service';
import { failure } from '../../support/failure';

const SCRAPE_WAIT_MS = 15_000;

let service: SampleService;
let prometheus: PrometheusServer;
const { prometheus: provider } = httpProviders({ env: {} }).metrics;

function metric(query: string, extra: Record<string, unknown> = {}) {
  return prometheusMetric.parse({ provider: 'prometheus', name: 'error-rate', threshold: { above: 0.05 }, endpoint: prometheus.endpoint, query, ...extra });
}

/** Queries until `done` accepts the value; fails with the last value after SCRAPE_WAIT_MS. */
async function eventually(query: string, done: (value: number | null) => boolean): Promise<number | null> {
  const deadline = Date.now() + SCRAPE_WAIT_MS;
  let value: number | null = null;
  while (Date.now() < deadline) {
    value = await provider.query(metric(query), 'green');
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`query "${query}" still gave ${value} after ${SCRAPE_WAIT_MS / 1000}s`);
}

beforeAll(async () => {
  service = await startSampleService();
  prometheus = await startPrometheus({ scrapeTargets: [service.target] });
  await eventually('up{job="sample"}', (value) => value === 1);
}, 30_000);

afterAll(async () => {
  await prometheus?.stop();
  await service?.stop();
});

test('reads a counter with an instant query once Prometheus has scraped it', async () => {
  await service.serve(5);
  expect(await eventually('sum(http_requests_total{status="200"})', (value) => value === 5)).toBe(5);
  expect(await provider.query(metric('scalar(sum(http_requests_total{status="200"}))'), 'green')).toBe(5);
});

test('reads the baseline on blue with baselineQuery', async () => {
  const both = metric('sum(http_requests_total{status="500"})', { baselineQuery: 'count(http_requests_total)' });
  expect(await provider.query(both, 'blue')).toBe(2);
});

test('answers no data (null) for a query that matches no series', async () => {
  expect(await provider.query(metric('http_requests_total{status="418"}'), 'green')).toBeNull();
});

test("answers no data (null) for NaN, Prometheus's 0/0 for a ratio without traffic", async () => {
  expect(await provider.query(metric('sum(http_requests_total{status="500"}) / sum(http_requests_total{status="500"})'), 'green')).toBeNull();
});

test("fails without retrying on a PromQL syntax error, carrying Prometheus's message", async () => {
  const error = await failure(provider.query(metric('sum(rate(http_requests_total[1m])'), 'green'));
  expect(error.nonRetryable).toBe(true);
  expect(error.type).toBe('PrometheusQueryInvalid');
  expect(error.message).toContain('(bad_data)');
  expect(error.message).toMatch(/parse error/);
});

test('fails and asks to aggregate when a query returns more than one series', async () => {
  const error = await failure(provider.query(metric('http_requests_total'), 'green'));
  expect(error.nonRetryable).toBe(true);
  expect(error.message).toContain('returned 2 series');
  expect(error.message).toContain('status="200"');
  expect(error.message).toContain('sum(http_requests_total)');
});

test('fails on a range vector, asking for a function that makes it one value', async () => {
  const error = await failure(provider.query(metric('http_requests_total{status="200"}[1m]'), 'green'));
  expect(error.message).toContain('range vector');
});

test("fails with the status when the endpoint is not Prometheus's API", async () => {
  const wrong = prometheusMetric.parse({ provider: 'prometheus', name: 'error-rate', threshold: { above: 0.05 }, endpoint: service.url, query: 'up' });
  const error = await failure(provider.query(wrong, 'green'));
  expect(error.message).toContain('answered 404');
  expect(error.nonRetryable).toBe(true);
});

test('sees the error ratio rise after the service is switched to failing', async () => {
  const ratio = 'sum(rate(http_requests_total{status="500"}[5s])) / sum(rate(http_requests_total[5s]))';
  service.startTraffic(20);
  try {
    expect(await eventually(ratio, (value) => value === 0)).toBe(0);
    service.setFailing(true);
    expect(await eventually(ratio, (value) => value !== null && value > 0.5)).toBeGreaterThan(0.5);
  } finally {
    service.stopTraffic();
    service.setFailing(false);
  }
});
