/**
 * The Temporal SDK's Prometheus exporter on a loopback port of its own: task slots, poll and
 * schedule-to-start latencies, sticky cache, and the workflow's own metrics (workflows/metrics.ts).
 * The worker's /metrics fetches it and serves it together with the product's numbers.
 */
import { createServer } from 'node:net';
import type { TelemetryOptions } from '@temporalio/worker';
import { GATE_WAIT_METRIC } from '../../workflows/metrics';

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

/** A gate waits minutes to hours for a person, beyond the SDK's default buckets made for task latencies. */
export const GATE_WAIT_BUCKETS = [1, 10, 60, 300, 900, 1800, 3600, 7200, 14400, 43200, 86400];

/** Counters end in _total and durations are in seconds, as Prometheus names them everywhere else. */
export function sdkTelemetry(bindAddress: string): TelemetryOptions {
  return {
    metrics: {
      prometheus: { bindAddress, countersTotalSuffix: true, useSecondsForDurations: true, histogramBucketOverrides: { [GATE_WAIT_METRIC]: GATE_WAIT_BUCKETS } },
    },
  };
}
