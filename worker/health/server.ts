/**
 * The worker's HTTP endpoint for the platform that runs it: GET /healthz (200 once the worker polls
 * its task queues, 503 before and once it stops) and GET /metrics, Prometheus text: the Temporal
 * SDK's own worker metrics followed by the product's. The SDK serves its metrics on a loopback port
 * of its own (Runtime telemetry); they are fetched from there at each scrape, so one scrape target
 * serves both.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import type { ProductMetrics } from '../metrics/product-metrics';
import { Readiness, type PollerView } from './readiness';

export interface HealthServerOptions {
  port: number;
  host?: string;
  /** The SDK worker statuses; null while the worker is being created. */
  statuses: () => Array<{ taskQueue: string; status: PollerView }> | null;
  metrics: ProductMetrics;
  /** Where the SDK's Prometheus exporter listens (host:port), when the Runtime was installed with it. */
  sdkMetricsAddress?: string;
}

const SDK_SCRAPE_TIMEOUT_MS = 5_000;

export async function startHealthServer(options: HealthServerOptions): Promise<{ address: string; close(): Promise<void> }> {
  const app: FastifyInstance = Fastify({ logger: false });
  const readiness = new Readiness();
  app.get('/healthz', async (_request, reply) => {
    const health = readiness.check(options.statuses());
    return reply.code(health.ready ? 200 : 503).send(health);
  });
  app.get('/metrics', async (_request, reply) => {
    const [sdk, product] = await Promise.all([sdkMetrics(options.sdkMetricsAddress), options.metrics.metrics()]);
    return reply.type(options.metrics.registry.contentType).send(`${sdk}${sdk && !sdk.endsWith('\n') ? '\n' : ''}${product}`);
  });
  const address = await app.listen({ port: options.port, host: options.host ?? '0.0.0.0' });
  return { address, close: () => app.close() };
}

/** The SDK's text; empty when it has no exporter or does not answer (the product's numbers still go out). */
async function sdkMetrics(address: string | undefined): Promise<string> {
  if (!address) return '';
  try {
    const response = await fetch(`http://${address}/metrics`, { signal: AbortSignal.timeout(SDK_SCRAPE_TIMEOUT_MS) });
    return response.ok ? await response.text() : '';
  } catch {
    return '';
  }
}
