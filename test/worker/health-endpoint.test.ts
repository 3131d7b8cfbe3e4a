import { createCutoverWorker } from '../../worker/create-worker';
import { startHealthServer } from '../../worker/health/server';
import { ProductMetrics } from '../../worker/metrics/product-metrics';
import { connectHarness, uniqueId, workflowBundle, type Harness } from '../support/harness';
import { fastCloud } from '../support/runbooks';

async function healthz(address: string): Promise<{ code: number; body: { ready: boolean; queues: Array<{ taskQueue: string; state: string; polled: boolean }> } }> {
  const response = await fetch(`${address}/healthz`);
  return { code: response.status, body: (await response.json()) as Awaited<ReturnType<typeof healthz>>['body'] };
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = await read();
  while (!done(last) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    last = await read();
  }
  return last;
}

describe("the worker's /healthz", () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await connectHarness();
  });
  afterAll(async () => harness.close());

  it('answers 503 while the worker is being created and before it polls, 200 once every task queue is polled, 503 after it stops', async () => {
    let worker: Awaited<ReturnType<typeof createCutoverWorker>> | null = null;
    const server = await startHealthServer({ port: 0, host: '127.0.0.1', statuses: () => worker?.statuses() ?? null, metrics: new ProductMetrics() });
    try {
      const creating = await healthz(server.address);
      expect(creating).toEqual({ code: 503, body: { ready: false, queues: [] } });

      const taskQueue = uniqueId('health');
      worker = await createCutoverWorker({ connection: harness.connection, taskQueue, providers: fastCloud().providers(), workflowBundle: workflowBundle() });
      const created = await healthz(server.address);
      expect(created.code).toBe(503);
      expect(created.body.queues).toEqual([
        { taskQueue, state: 'INITIALIZED', polled: false },
        { taskQueue: worker.dnsTaskQueue, state: 'INITIALIZED', polled: false },
        { taskQueue: worker.dnsRollbackTaskQueue, state: 'INITIALIZED', polled: false },
      ]);

      const running = worker.run();
      const ready = await until(() => healthz(server.address), (health) => health.code === 200);
      expect(ready.code).toBe(200);
      expect(ready.body.ready).toBe(true);
      expect(ready.body.queues.every((queue) => queue.state === 'RUNNING' && queue.polled)).toBe(true);

      worker.shutdown();
      await running;
      const stopped = await healthz(server.address);
      expect(stopped.code).toBe(503);
      expect(stopped.body.queues[0]).toMatchObject({ taskQueue, state: 'STOPPED' });
    } finally {
      await server.close();
    }
  });
});
