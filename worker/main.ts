/**
 * A worker process on the simulated clouds, whose state lives in a file so that another process
 * (a test, a demo, an operator's shell) can watch and steer it:
 *   TEMPORAL_ADDRESS=localhost:7233 CUTOVER_SIMULATED_STATE=/tmp/clouds.json npm run worker
 * It shuts down cleanly on SIGINT and SIGTERM; SIGKILL loses nothing either (the run resumes on
 * the next worker).
 */
import { existsSync, readFileSync } from 'node:fs';
import { NativeConnection, Runtime } from '@temporalio/worker';
import { FileStore, SimulatedCloud } from '../activities/simulated';
import { createCutoverWorker, TASK_QUEUE } from './create-worker';

async function main(): Promise<void> {
  const address = process.env.TEMPORAL_ADDRESS ?? 'localhost:7233';
  const statePath = process.env.CUTOVER_SIMULATED_STATE;
  if (!statePath) throw new Error('set CUTOVER_SIMULATED_STATE to the simulated clouds\' state file (created when missing)');
  Runtime.install({ shutdownSignals: ['SIGINT', 'SIGTERM'] });
  const store = new FileStore(statePath);
  const cloud = existsSync(statePath) ? SimulatedCloud.attach({ store }) : SimulatedCloud.create({ store });
  const connection = await NativeConnection.connect({ address });
  const bundlePath = process.env.CUTOVER_WORKFLOW_BUNDLE;
  const worker = await createCutoverWorker({
    connection,
    namespace: process.env.TEMPORAL_NAMESPACE,
    taskQueue: process.env.CUTOVER_TASK_QUEUE ?? TASK_QUEUE,
    providers: cloud.providers(),
    workflowBundle: bundlePath ? { code: readFileSync(bundlePath, 'utf8') } : undefined,
  });
  console.log(`worker ready on task queue ${worker.taskQueue} (DNS on ${worker.dnsTaskQueue}) at ${address}`);
  await worker.run();
  await connection.close();
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
