/**
 * A replication-lag exporter for Prometheus to scrape, as postgres_exporter or mysqld_exporter
 * would publish it: pg_replication_lag_seconds{cluster} per replica. A gauge appears only once a
 * test sets it, as a replica's series appears only once it replicates.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Gauge, Registry } from 'prom-client';

export interface LagExporter {
  /** host:port, as a Prometheus scrape target. */
  target: string;
  setLag(cluster: string, seconds: number): void;
  stop(): Promise<void>;
}

export async function startLagExporter(): Promise<LagExporter> {
  const registry = new Registry();
  const lag = new Gauge({ name: 'pg_replication_lag_seconds', help: 'Replay lag of the replica, in seconds.', labelNames: ['cluster'], registers: [registry] });
  const server = createServer((_request, res) => {
    void registry.metrics().then((text) => {
      res.writeHead(200, { 'content-type': registry.contentType });
      res.end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    target: `127.0.0.1:${port}`,
    setLag: (cluster, seconds) => lag.labels(cluster).set(seconds),
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
