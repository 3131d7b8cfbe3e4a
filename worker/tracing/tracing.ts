/**
 * OpenTelemetry traces of the worker's workflow and activity execution, through the SDK's own
 * OpenTelemetry plugin (@temporalio/interceptors-opentelemetry): on when OTEL_EXPORTER_OTLP_ENDPOINT
 * (or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) is set, exported over OTLP/HTTP by the standard exporter,
 * which reads the rest of the standard OTEL_* variables (headers, timeout) itself.
 *
 * Workflow spans are made inside the sandbox by the plugin's workflow interceptors and leave it
 * through a sink; activity spans are made by its activity interceptors, which read their parent from
 * the activity's headers through the process's propagator and make it current through its context
 * manager: both are registered globally here, which a worker process (one per process) can afford.
 * Spans go out in batches, and what is pending is sent at shutdown.
 */
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { Resource } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { OpenTelemetryPlugin } from '@temporalio/interceptors-opentelemetry';
import type { WorkerPlugin } from '@temporalio/worker';

export const DEFAULT_SERVICE_NAME = 'cutover-worker';

export interface Tracing {
  /** Where spans go, for the worker's start-up lines: scheme, host and path, never a user or password. */
  endpoint: string;
  plugin: WorkerPlugin;
  /** Sends the spans still pending. */
  shutdown(): Promise<void>;
}

export function tracingFromEnv(env: NodeJS.ProcessEnv = process.env): Tracing | undefined {
  const endpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim() || env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim();
  if (!endpoint) return undefined;
  const resource = new Resource({ 'service.name': env.OTEL_SERVICE_NAME?.trim() || DEFAULT_SERVICE_NAME });
  const spanProcessor = new BatchSpanProcessor(new OTLPTraceExporter());
  const provider = new BasicTracerProvider({ resource, spanProcessors: [spanProcessor] });
  provider.register({ contextManager: new AsyncLocalStorageContextManager().enable() });
  const plugin = new OpenTelemetryPlugin({ resource, spanProcessor, tracer: provider.getTracer('cutover-worker') });
  return { endpoint: shownEndpoint(endpoint), plugin, shutdown: () => provider.shutdown() };
}

/** The endpoint as the worker prints it: without a user or password it may carry. */
export function shownEndpoint(endpoint: string): string {
  try {
    const url = new URL(endpoint);
    return `${url.protocol}//${url.host}${url.pathname}`;
  } catch {
    return 'the endpoint in OTEL_EXPORTER_OTLP_ENDPOINT';
  }
}
