/**
 * `npm run bench:route53`: how the Route 53 budget shapes a burst of concurrent cutovers on one
 * worker, measured as requests reach the server (moto): for each budget, the busiest second, the
 * Route 53 requests of the burst, and how long the burst took to complete.
 */
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { startCutover } from '../../client/start-cutover';
import { createCutoverWorker } from '../../worker/create-worker';
import { createWorkerProviders } from '../../worker/providers';
import { startTemporal } from '../../worker/temporal-server';
import { ensureMoto } from '../support/moto';
import { startLocalClouds } from '../support/local-clouds';
import { busiestSecond } from '../support/request-rate';

const CUTOVERS = Number(process.env.BENCH_CUTOVERS ?? 8);
const BUDGETS = (process.env.BENCH_BUDGETS ?? '100,5,2').split(',').map(Number);

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  await ensureMoto();
  const server = await startTemporal((line) => process.stderr.write(`${line}\n`));
  const clouds = await startLocalClouds();
  const nativeConnection = await NativeConnection.connect({ address: server.address });
  const connection = await Connection.connect({ address: server.address });
  const client = new Client({ connection, namespace: server.namespace });
  await clouds.replicatingTask('bench-cdc', 1);
  await clouds.queueDrainedAfter('bench-events', 0, 0);
  console.log(`${CUTOVERS} concurrent cutovers of 2 canary steps on one worker, Route 53 on moto\n`);
  console.log('budget/s  busiest second  Route 53 requests  burst took');
  try {
    for (const budget of BUDGETS) {
      const taskQueue = `route53-bench-${budget}-${Date.now().toString(36)}`;
      const worker = await createCutoverWorker({
        connection: nativeConnection,
        namespace: server.namespace,
        taskQueue,
        providers: createWorkerProviders({ route53CallsPerSecond: budget }),
        dnsCallsPerSecond: budget,
      });
      const running = worker.run();
      const records = Array.from({ length: CUTOVERS }, (_, i) => `bench-${budget}-${i}.example.com`);
      const zones = await Promise.all(records.map((record) => clouds.weightedRecord(record)));
      const started = Date.now();
      const handles = await Promise.all(
        records.map((record, i) =>
          startCutover(
            client,
            clouds.runbook(
              { name: `bench-${i}`, hostedZoneId: zones[i]!.hostedZoneId, record, task: 'bench-cdc', queue: 'bench-events' },
              { canary: { steps: [{ weight: 50, bake: '1s' }, { weight: 100, bake: '1s' }] } },
            ),
            { startedBy: 'bench', taskQueue },
          ),
        ),
      );
      const outcomes = await Promise.all(handles.map(async (handle) => (await handle.result()).outcome));
      const took = Date.now() - started;
      // A request's line comes from moto through a pipe: give the last ones a moment.
      await new Promise((resolve) => setTimeout(resolve, 500));
      const requests = clouds.route53Arrivals(started);
      const busiest = busiestSecond(requests.map((request) => request.at));
      const failed = outcomes.filter((outcome) => outcome !== 'completed').length;
      console.log(
        `${String(budget).padStart(8)}  ${String(busiest).padStart(14)}  ${String(requests.length).padStart(17)}  ${(took / 1000).toFixed(1).padStart(9)}s` +
          (failed ? `  (${failed} not completed)` : ''),
      );
      worker.shutdown();
      await running;
    }
  } finally {
    await connection.close();
    await nativeConnection.close();
    await clouds.stop();
    await server.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
