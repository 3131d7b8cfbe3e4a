/**
 * A small service for Prometheus to scrape: every request to / is answered 200, or 500 once it is
 * switched to failing, and counted in http_requests_total{status}. Tests drive its traffic, so an
 * error ratio is whatever they make it.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Counter, Registry } from 'prom-client';

export interface SampleService {
  /** host:port, as a Prometheus scrape target. */
  target: string;
  /** The service's base URL. */
  url: string;
  /** From now on, answer 500 (true) or 200 (false). */
  setFailing(failing: boolean): void;
  /** Sends `count` requests to the service and waits for their answers. */
  serve(count: number): Promise<void>;
  /** Keeps sending `perSecond` requests a second until stopTraffic() or stop(). */
  startTraffic(perSecond: number): void;
  stopTraffic(): void;
  stop(): Promise<void>;
}

export async function startSampleService(): Promise<SampleService> {
  const registry = new Registry();
  const requests = new Counter({ name: 'http_requests_total', help: 'Requests answered, by status.', labelNames: ['status'], registers: [registry] });
  // Both series exist from the first scrape, so a ratio is 0 (not empty) before anything fails.
  requests.labels('200').inc(0);
  requests.labels('500').inc(0);
  let failing = false;

  const server = createServer((req, res) => {
    if (req.url === '/metrics') {
      void registry.metrics().then((text) => {
        res.writeHead(200, { 'content-type': registry.contentType });
        res.end(text);
      });
      return;
    }
    if (req.url === '/') {
      const status = failing ? 500 : 200;
      requests.labels(String(status)).inc();
      res.writeHead(status, { 'content-type': 'text/plain' });
      res.end(failing ? 'failing\n' : 'ok\n');
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found\n');
  });
  await listen(server);
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;

  const serve = async (count: number) => {
    await Promise.all(Array.from({ length: count }, async () => (await fetch(`${url}/`)).text()));
  };
  let traffic: NodeJS.Timeout | undefined;
  const stopTraffic = () => {
    clearInterval(traffic);
    traffic = undefined;
  };

  return {
    target: `127.0.0.1:${port}`,
    url,
    setFailing: (value) => {
      failing = value;
    },
    serve,
    startTraffic: (perSecond) => {
      stopTraffic();
      traffic = setInterval(() => void serve(1).catch(() => undefined), 1_000 / perSecond);
    },
    stopTraffic,
    stop: async () => {
      stopTraffic();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function listen(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
}
