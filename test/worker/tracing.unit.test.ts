import { shownEndpoint, tracingFromEnv } from '../../worker/tracing/tracing';

describe('tracing settings', () => {
  it('is off unless an OTLP endpoint is set', () => {
    expect(tracingFromEnv({})).toBeUndefined();
    expect(tracingFromEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: '  ' })).toBeUndefined();
  });

  it('shows the endpoint without a user or password it may carry', () => {
    expect(shownEndpoint('https://tenant:s3cr3t@otlp.example.com:4318/otlp')).toBe('https://otlp.example.com:4318/otlp');
    expect(shownEndpoint('not a url')).toBe('the endpoint in OTEL_EXPORTER_OTLP_ENDPOINT');
  });
});
