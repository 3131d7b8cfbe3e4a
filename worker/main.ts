/**
 * A worker process serving every cloud provider, plus the simulated clouds when
 * CUTOVER_SIMULATED_STATE names their state file (so another process — a test, a demo, an
 * operator's shell — can watch and steer them):
 *   TEMPORAL_ADDRESS=localhost:7233 CUTOVER_SIMULATED_STATE=/tmp/clouds.json npm run worker
 * It shuts down cleanly on SIGINT and SIGTERM; SIGKILL loses nothing either (the run resumes on
 * the next worker). `cutover worker` is the same worker with flags and envconfig profiles.
 */
import { readFileSync } from 'node:fs';
import { NativeConnection, Runtime } from '@temporalio/worker';
import { workerConfigFromEnv } from './config';
import { createCutoverWorker, TASK_QUEUE } from './create-worker';
import { createWorkerProviders } from './providers';

async function main(): Promise<void> {
  const config = workerConfigFromEnv();
  const address = process.env.TEMPORAL_ADDRESS ?? 'localhost:7233';
  Runtime.install({ shutdownSignals: ['SIGINT', 'SIGTERM'] });
  const providers = createWorkerProviders({
    simulatedStateFile: process.env.CUTOVER_SIMULATED_STATE,
    route53CallsPerSecond: config.dnsCallsPerSecond,
  });
  const connection = await NativeConnection.connect({ address });
  const bundlePath = process.env.CUTOVER_WORKFLOW_BUNDLE;
  const worker = await createCutoverWorker({
    connection,
    namespace: process.env.TEMPORAL_NAMESPACE,
    taskQueue: process.env.CUTOVER_TASK_QUEUE ?? TASK_QUEUE,
    providers,
    workflowBundle: bundlePath ? { code: readFileSync(bundlePath, 'utf8') } : undefined,
    dnsCallsPerSecond: config.dnsCallsPerSecond,
  });
  console.log(`worker ready on task queue ${worker.taskQueue} (DNS on ${worker.dnsTaskQueue}) at ${address}`);
  await worker.run();
  await connection.close();
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
