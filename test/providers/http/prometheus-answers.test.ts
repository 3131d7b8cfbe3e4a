/**
 * How a Prometheus answer becomes one number (pure), and what the provider sends and reports for
 * answers a healthy Prometheus rarely gives: served by a local receiver.
 */
import { ApplicationFailure } from '@temporalio/common';
import { httpProviders } from '../../../activities/http';
import { instantValue } from '../../../activities/http/prometheus-result';
import { prometheusMetric } from '../../../workflows/runbook/provider-sections';
import { startRecordingServer, type RecordingServer } from '../../support/recording-server';

const sample = (value: string, metric: Record<string, string> = {}) => ({ metric, value: [1_700_000_000, value] as [number, string] });

describe('instantValue', () => {
  test('is the value of a vector with exactly one sample', () => {
    expect(instantValue({ resultType: 'vector', result: [sample('0.25')] }, 'q')).toBe(0.25);
  });

  test('is null (no data) for an empty vector and for NaN', () => {
    expect(instantValue({ resultType: 'vector', result: [] }, 'q')).toBeNull();
    expect(instantValue({ resultType: 'vector', result: [sample('NaN')] }, 'q')).toBeNull();
    expect(instantValue({ resultType: 'scalar', result: [1_700_000_000, 'NaN'] }, 'q')).toBeNull();
  });

  test('is the value of a scalar', () => {
    expect(instantValue({ resultType: 'scalar', result: [1_700_000_000, '42'] }, 'q')).toBe(42);
  });

  test('refuses an infinity, which a workflow would carry as null', () => {
    expect(() => instantValue({ resultType: 'vector', result: [sample('+Inf')] }, 'errors / total')).toThrow(/returned \+Inf, a division by zero/);
  });

  test('says how many series came back, shows some, and asks to aggregate', () => {
    const result = ['a', 'b', 'c', 'd', 'e'].map((pod) => sample('1', { __name__: 'up', pod }));
    expect(() => instantValue({ resultType: 'vector', result }, 'up')).toThrow(
      'the query returned 5 series (up{pod="a"}, up{pod="b"}, up{pod="c"}, and 2 more) but a metric needs one number: aggregate them in the query, e.g. sum(up) or max(up)',
    );
  });
});

describe('prometheus provider against a local receiver', () => {
  let receiver: RecordingServer;
  beforeAll(async () => {
    receiver = await startRecordingServer();
  });
  afterAll(() => receiver.stop());

  const metric = (extra: Record<string, unknown> = {}) =>
    prometheusMetric.parse({ provider: 'prometheus', name: 'error-rate', threshold: { above: 0.05 }, endpoint: `${receiver.url}/prom/`, query: 'sum(up)', ...extra });
  const ok = JSON.stringify({ status: 'success', data: { resultType: 'vector', result: [sample('1')] } });

  test('sends headers and secretHeaders read from the environment at call time', async () => {
    const env: NodeJS.ProcessEnv = {};
    const { prometheus } = httpProviders({ env }).metrics;
    receiver.respond(() => ({ status: 200, body: ok }));
    env.PROM_TOKEN = 'Bearer prom-secret-123456';
    const withHeaders = metric({ headers: { 'X-Scope-OrgID': 'tenant-1' }, secretHeaders: { Authorization: 'PROM_TOKEN' } });

    expect(await prometheus.query(withHeaders, 'green')).toBe(1);
    const request = receiver.received.at(-1)!;
    expect(request.url).toBe('/prom/api/v1/query?query=sum(up)');
    expect(request.headers.authorization).toBe('Bearer prom-secret-123456');
    expect(request.headers['x-scope-orgid']).toBe('tenant-1');
  });

  test('a missing secret variable is a non-retryable error naming the variable', async () => {
    const { prometheus } = httpProviders({ env: {} }).metrics;
    const error = await prometheus.query(metric({ secretHeaders: { Authorization: 'PROM_TOKEN' } }), 'green').catch((err: unknown) => err);
    expect(error).toBeInstanceOf(ApplicationFailure);
    expect((error as ApplicationFailure).nonRetryable).toBe(true);
    expect((error as Error).message).toBe('header Authorization is read from environment variable PROM_TOKEN, which is not set on the worker: set PROM_TOKEN where the worker runs');
  });

  test('a 503 from an overloaded Prometheus is retryable and names the status', async () => {
    const { prometheus } = httpProviders({ env: {} }).metrics;
    receiver.respond(() => ({ status: 503, body: 'upstream overloaded' }));
    const error = (await prometheus.query(metric(), 'green').catch((err: unknown) => err)) as ApplicationFailure;
    expect(error.nonRetryable).toBe(false);
    expect(error.message).toContain('answered 503: upstream overloaded');
  });

  test('a query that timed out in Prometheus is retryable and carries errorType and error', async () => {
    const { prometheus } = httpProviders({ env: {} }).metrics;
    receiver.respond(() => ({ status: 503, body: JSON.stringify({ status: 'error', errorType: 'timeout', error: 'query timed out in expression evaluation' }) }));
    const error = (await prometheus.query(metric(), 'green').catch((err: unknown) => err)) as ApplicationFailure;
    expect(error.nonRetryable).toBe(false);
    expect(error.message).toContain('(timeout): query timed out in expression evaluation');
  });
});
