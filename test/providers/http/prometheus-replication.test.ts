/**
 * Replication lag through a real Prometheus scraping a lag exporter every second: the forward and
 * reverse lag queries, the reverse replication counted as running once its lag has data, and what
 * preflight and the write switch refuse.
 */
import { httpProviders } from '../../../activities/http';
import { prometheusReplication } from '../../../workflows/runbook/provider-sections';
import { failure } from '../../support/failure';
import { startPrometheus, type PrometheusServer } from '../../support/prometheus';
import { startLagExporter, type LagExporter } from './lag-exporter';

const SCRAPE_WAIT_MS = 15_000;
const FORWARD = 'max(pg_replication_lag_seconds{cluster="green"})';
const REVERSE = 'max(pg_replication_lag_seconds{cluster="blue"})';

let exporter: LagExporter;
let prometheus: PrometheusServer;
const { prometheus: provider } = httpProviders({ env: { PROM_TOKEN: 'Bearer lag-reader-0123456789' } }).replication;

function section(extra: Record<string, unknown> = {}) {
  return prometheusReplication.parse({
    provider: 'prometheus',
    task: 'orders-db',
    timeout: '10m',
    endpoint: prometheus.endpoint,
    query: FORWARD,
    reverseQuery: REVERSE,
    secretHeaders: { Authorization: 'PROM_TOKEN' },
    ...extra,
  });
}

/** Reads until `done` accepts the value; fails with the last value after SCRAPE_WAIT_MS. */
async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + SCRAPE_WAIT_MS;
  let value = await read();
  while (!done(value)) {
    if (Date.now() > deadline) throw new Error(`still ${JSON.stringify(value)} after ${SCRAPE_WAIT_MS / 1000}s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    value = await read();
  }
  return value;
}

beforeAll(async () => {
  exporter = await startLagExporter();
  exporter.setLag('green', 42);
  prometheus = await startPrometheus({ scrapeTargets: [exporter.target] });
  await eventually(() => provider.lagSeconds(section()), (lag) => lag === 42);
}, 30_000);

afterAll(async () => {
  await prometheus?.stop();
  await exporter?.stop();
});

test('forward lag is the instant value of query, forward when no direction is given', async () => {
  exporter.setLag('green', 3.5);
  expect(await eventually(() => provider.lagSeconds(section(), 'forward'), (lag) => lag === 3.5)).toBe(3.5);
  expect(await provider.lagSeconds(section())).toBe(3.5);
});

test('reverse replication runs once reverseQuery answers with data, and its lag is that value', async () => {
  await provider.check(section());
  await provider.startReverse(section());
  expect(await provider.reverseStatus(section())).toEqual({ running: false, status: 'no reverse lag data yet' });
  expect(await provider.lagSeconds(section(), 'reverse')).toBeNull();

  exporter.setLag('blue', 7);
  expect(await eventually(() => provider.reverseStatus(section()), (status) => status.running)).toEqual({ running: true, status: 'running, lag 7s' });
  expect(await provider.lagSeconds(section(), 'reverse')).toBe(7);
});

test('without reverseQuery, the write switch cannot start reverse replication nor read its lag', async () => {
  const config = section({ reverseQuery: undefined });
  await provider.check(config);
  for (const call of [provider.startReverse(config), provider.reverseStatus(config), provider.lagSeconds(config, 'reverse')]) {
    const error = await failure(call);
    expect(error).toMatchObject({ type: 'NoReverseReplication', nonRetryable: true });
    expect(error.message).toContain('replication orders-db has no reverseQuery: write the PromQL of the green → blue lag in replication.reverseQuery');
  }
});

test('preflight refuses a reverse query Prometheus cannot parse, and one that gives several series', async () => {
  const broken = await failure(provider.check(section({ reverseQuery: 'max(pg_replication_lag_seconds{cluster="blue"}' })));
  expect(broken).toMatchObject({ type: 'PrometheusQueryInvalid', nonRetryable: true });

  exporter.setLag('blue-east', 1);
  exporter.setLag('blue-west', 2);
  const config = section({ reverseQuery: 'pg_replication_lag_seconds{cluster=~"blue-.*"}' });
  await eventually(
    () => provider.check(config).then(() => 'one series', () => 'refused'),
    (outcome) => outcome === 'refused',
  );
  const several = await failure(provider.check(config));
  expect(several).toMatchObject({ type: 'PrometheusQueryInvalid', nonRetryable: true });
  expect(several.message).toContain('aggregate them in the query');
});

test('a Prometheus that does not answer is a retryable error that names it', async () => {
  const error = await failure(provider.lagSeconds(section({ endpoint: 'http://127.0.0.1:1' })));
  expect(error).toMatchObject({ type: 'PrometheusUnavailable', nonRetryable: false });
  expect(error.message).toContain('Prometheus at http://127.0.0.1:1/');
});
