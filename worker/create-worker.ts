/**
 * A cutover worker: the cutover workflow plus activities bound to the given providers, and beside it
 * the DNS lane, a second worker on the DNS task queue whose activities per second are capped so all
 * cutovers on this task queue share one DNS budget. The demo, the tests and `cutover worker` all
 * build workers here.
 */
import { NativeConnection, Worker, type State, type WorkerOptions } from '@temporalio/worker';
import { createActivities } from '../activities';
import type { Providers } from '../activities/providers';
import { dnsTaskQueue, TASK_QUEUE } from '../workflows/task-queues';

import { DEFAULT_DNS_CALLS_PER_SECOND } from './config';

export { TASK_QUEUE };

export interface CutoverWorkerOptions {
  connection: NativeConnection;
  namespace?: string;
  taskQueue?: string;
  providers: Providers;
  /** A prebuilt workflow bundle (bundleWorkflowCode); built from ../workflows when absent. */
  workflowBundle?: WorkerOptions['workflowBundle'];
  identity?: string;
  /** DNS activities started per second across every worker of this task queue. */
  dnsCallsPerSecond?: number;
}

export class CutoverWorker {
  private constructor(
    private readonly main: Worker,
    private readonly dns: Worker,
  ) {}

  static async create(options: CutoverWorkerOptions): Promise<CutoverWorker> {
    const taskQueue = options.taskQueue ?? TASK_QUEUE;
    const activities = createActivities(options.providers);
    const common = {
      connection: options.connection,
      namespace: options.namespace ?? 'default',
      ...(options.identity ? { identity: options.identity } : {}),
    };
    const main = await Worker.create({
      ...common,
      taskQueue,
      activities,
      ...(options.workflowBundle ? { workflowBundle: options.workflowBundle } : { workflowsPath: require.resolve('../workflows') }),
      // Rollback reaction time depends on how fast a workflow task is picked up after an activity.
      maxCachedWorkflows: 200,
    });
    const dnsCallsPerSecond = options.dnsCallsPerSecond ?? DEFAULT_DNS_CALLS_PER_SECOND;
    if (!(dnsCallsPerSecond > 0)) throw new Error(`dnsCallsPerSecond must be a positive number, got ${dnsCallsPerSecond}`);
    const dns = await Worker.create({
      ...common,
      taskQueue: dnsTaskQueue(taskQueue),
      activities,
      maxTaskQueueActivitiesPerSecond: dnsCallsPerSecond,
    });
    return new CutoverWorker(main, dns);
  }

  get taskQueue(): string {
    return this.main.options.taskQueue;
  }

  get dnsTaskQueue(): string {
    return this.dns.options.taskQueue;
  }

  /** Runs both workers until shutdown; if either fails, the other is shut down and the failure thrown. */
  async run(): Promise<void> {
    const stopOther = (other: Worker) => () => {
      if (other.getState() === 'RUNNING') other.shutdown();
    };
    const main = this.main.run().catch((error: unknown) => {
      stopOther(this.dns)();
      throw error;
    });
    const dns = this.dns.run().catch((error: unknown) => {
      stopOther(this.main)();
      throw error;
    });
    const [mainResult, dnsResult] = await Promise.allSettled([main, dns]);
    if (mainResult.status === 'rejected') throw mainResult.reason;
    if (dnsResult.status === 'rejected') throw dnsResult.reason;
  }

  getState(): State {
    return this.main.getState();
  }

  shutdown(): void {
    for (const worker of [this.main, this.dns]) if (worker.getState() === 'RUNNING') worker.shutdown();
  }
}

export function createCutoverWorker(options: CutoverWorkerOptions): Promise<CutoverWorker> {
  return CutoverWorker.create(options);
}
