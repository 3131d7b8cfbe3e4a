/**
 * The Temporal SDK's Prometheus exporter on a loopback port of its own: task slots, poll and
 * schedule-to-start latencies, sticky cache, and the workflow's own metrics (workflows/metrics.ts).
 * The worker's /metrics fetches it and serves it together with the product's numbers.
 */
import { createServer } from 'node:net';
import type { TelemetryOptions } from '@temporalio/worker';

/** A free port on 127.0.0.1: the SDK binds it itself, so it is found first and handed over. */
export function freeLoopbackAddress(): Promise<string> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(`127.0.0.1:${port}`));
    });
  });
}

/** Counters end in _total and durations are in seconds, as Prometheus names them everywhere else. */
export function sdkTelemetry(bindAddress: string): TelemetryOptions {
  return { metrics: { prometheus: { bindAddress, countersTotalSuffix: true, useSecondsForDurations: true } } };
}
