/**
 * A cutover worker: the cutover workflow plus activities bound to the given providers. The demo,
 * the tests and `cutover worker` all build workers here.
 */
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { createActivities } from '../activities';
import type { Providers } from '../activities/providers';

export const TASK_QUEUE = 'cutover';

export interface CutoverWorkerOptions {
  connection: NativeConnection;
  namespace?: string;
  taskQueue?: string;
  providers: Providers;
  /** A prebuilt workflow bundle (bundleWorkflowCode); built from ../workflows when absent. */
  workflowBundle?: WorkerOptions['workflowBundle'];
  identity?: string;
}

export async function createCutoverWorker(options: CutoverWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace ?? 'default',
    taskQueue: options.taskQueue ?? TASK_QUEUE,
    activities: createActivities(options.providers),
    ...(options.workflowBundle ? { workflowBundle: options.workflowBundle } : { workflowsPath: require.resolve('../workflows') }),
    ...(options.identity ? { identity: options.identity } : {}),
    // Rollback reaction time depends on how fast a workflow task is picked up after an activity.
    maxCachedWorkflows: 200,
  });
}
