/**
 * The http-probe metric: what its requests add up to (pure), and the probe itself against a local
 * server that fails and delays some of them.
 */
import { httpProviders } from '../../../activities/http';
import { latencyP95, percentile, successRate } from '../../../activities/http/probe-stats';
import { httpProbeMetric } from '../../../workflows/runbook/provider-sections';
import { startRecordingServer, type RecordingServer } from '../../support/recording-server';

describe('probe statistics', () => {
  test('p95 is the nearest-rank value: the 19th of 20, the only one of 1, none of none', () => {
    const values = Array.from({ length: 20 }, (_, i) => 20 - i);
    expect(percentile(values, 95)).toBe(19);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 95)).toBeNull();
  });

  test('success rate is the share of successful requests', () => {
    expect(successRate([{ ok: true, ms: 1 }, { ok: false, ms: 1 }, { ok: true, ms: 1 }, { ok: true, ms: 1 }])).toBe(0.75);
    expect(successRate([])).toBeNull();
  });

  test('latency counts successful requests only, and no success is no data', () => {
    expect(latencyP95([{ ok: true, ms: 10 }, { ok: false, ms: 5_000 }])).toBe(10);
    expect(latencyP95([{ ok: false, ms: 5_000 }])).toBeNull();
  });
});

describe('http-probe against a local server', () => {
  let server: RecordingServer;
  const { 'http-probe': probe } = httpProviders({ env: {} }).metrics;

  beforeAll(async () => {
    server = await startRecordingServer();
  });
  afterAll(() => server.stop());

  const metric = (extra: Record<string, unknown>) =>
    httpProbeMetric.parse({ provider: 'http-probe', name: 'health', threshold: { below: 0.95 }, url: `${server.url}/green`, baselineUrl: `${server.url}/blue`, ...extra });

  test('measures the share of 2xx answers on green, with some 500s among them', async () => {
    server.respond((_, i) => ({ status: i % 5 === 4 ? 500 : 200, delayMs: 5 }));
    expect(await probe.query(metric({ measure: 'success-rate', requests: 20 }), 'green')).toBe(0.8);
    expect(server.received.slice(-20).every((request) => request.url === '/green' && request.method === 'GET')).toBe(true);
  });

  test('measures p95 latency in milliseconds over successful answers, ignoring slow failures', async () => {
    // 24 requests: every 6th fails after 800ms; of the 20 successes the first two take 300ms, so
    // the p95 (the 19th fastest of 20) is one of those.
    server.respond((_, k) => {
      if (k % 6 === 5) return { status: 503, delayMs: 800 };
      return { status: 200, delayMs: k < 2 ? 300 : 5 };
    });
    const p95 = await probe.query(metric({ measure: 'latency-p95', requests: 24 }), 'blue');
    expect(server.received.at(-1)!.url).toBe('/blue');
    expect(p95).toBeGreaterThanOrEqual(295);
    expect(p95).toBeLessThan(800);
  });

  test('counts an answer slower than the timeout as a failure', async () => {
    server.respond((_, i) => ({ status: 200, delayMs: i % 2 === 0 ? 2_000 : 5 }));
    const started = Date.now();
    const rate = await probe.query(metric({ measure: 'success-rate', requests: 4, timeout: '200ms' }), 'green');
    expect(rate).toBe(0.5);
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  test('gives no data for latency when every request times out', async () => {
    server.respond(() => ({ status: 200, delayMs: 2_000 }));
    expect(await probe.query(metric({ measure: 'latency-p95', requests: 2, timeout: '100ms' }), 'green')).toBeNull();
  });

  test('counts only the statuses in expectStatus as success', async () => {
    server.respond((_, i) => ({ status: i % 2 === 0 ? 204 : 200 }));
    expect(await probe.query(metric({ measure: 'success-rate', requests: 10, expectStatus: [204] }), 'green')).toBe(0.5);
  });

  test('counts an unreachable green as failed requests, not as an error', async () => {
    const closed = await startRecordingServer();
    await closed.stop();
    const unreachable = httpProbeMetric.parse({ provider: 'http-probe', name: 'health', threshold: { below: 0.95 }, url: closed.url, measure: 'success-rate', requests: 3 });
    expect(await probe.query(unreachable, 'green')).toBe(0);
  });

  test('sends a few requests at a time, not all at once nor one by one', async () => {
    server.respond(() => ({ status: 200, delayMs: 150 }));
    const started = Date.now();
    await probe.query(metric({ measure: 'success-rate', requests: 8 }), 'green');
    const elapsed = Date.now() - started;
    // 4 at a time: two rounds of 150ms, where one at a time would take 1.2s and all at once 150ms.
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(8 * 150);
  });
});
