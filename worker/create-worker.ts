/**
 * A cutover worker: the cutover workflow plus activities bound to the given providers, and beside it
 * two DNS lanes, workers on the DNS task queues whose activities per second are capped so all
 * cutovers on this task queue share one DNS budget: one lane for canary and preflight calls, one for
 * rollbacks, so a rollback never waits behind other cutovers' canaries. The demo, the tests and
 * `cutover worker` all build workers here.
 */
import { NativeConnection, Worker, type State, type WorkerOptions, type WorkerPlugin, type WorkerStatus } from '@temporalio/worker';
import { createActivities } from '../activities';
import { asRollback } from '../activities/aws/route53-budget';
import { waveActivities } from '../activities/wave/abort-cutovers';
import { leaseActivities } from '../activities/leases';
import type { Providers } from '../activities/providers';
import { dnsRollbackTaskQueue, dnsTaskQueue, TASK_QUEUE } from '../workflows/task-queues';

import { readAllowedSigners } from './allowed-signers';
import { readConsoleVouchers } from './console-vouchers';
import { WORKER_SETTINGS, type WorkerConfig } from './config';
import { activityMetrics } from './metrics/activity-metrics';
import type { ProductMetrics } from './metrics/product-metrics';

export { TASK_QUEUE };

export interface CutoverWorkerOptions extends Partial<WorkerConfig> {
  connection: NativeConnection;
  namespace?: string;
  taskQueue?: string;
  providers: Providers;
  /** A prebuilt workflow bundle (bundleWorkflowCode); built from ../workflows when absent. */
  workflowBundle?: WorkerOptions['workflowBundle'];
  identity?: string;
  /** The allowed-signers file whose keys may decide at gates; read and checked at start. */
  allowedSigners?: string;
  /** The console-vouchers file: which consoles may decide for which signed-in people; read and checked at start. */
  consoleVouchers?: string;
  /** The console's checked base URL: notifications link to the cutover's page there. */
  consoleUrl?: string;
  /** SDK plugins for every worker, e.g. OpenTelemetry tracing (tracing/tracing.ts). */
  plugins?: WorkerPlugin[];
  /** Counts what the activities do (analysis samples, provider errors, failed attempts) for /metrics. */
  metrics?: ProductMetrics;
}

export class CutoverWorker {
  private constructor(
    private readonly main: Worker,
    private readonly lanes: Worker[],
  ) {}

  static async create(options: CutoverWorkerOptions): Promise<CutoverWorker> {
    const setting = (key: keyof WorkerConfig) => options[key] ?? WORKER_SETTINGS[key].fallback;
    const taskQueue = options.taskQueue ?? TASK_QUEUE;
    const signers = options.allowedSigners ? readAllowedSigners(options.allowedSigners) : undefined;
    if (options.consoleVouchers) readConsoleVouchers(options.consoleVouchers, signers);
    const activities = createActivities(options.providers, { allowedSignersFile: options.allowedSigners, consoleVouchersFile: options.consoleVouchers, consoleUrl: options.consoleUrl });
    const common = {
      connection: options.connection,
      namespace: options.namespace ?? 'default',
      ...(options.identity ? { identity: options.identity } : {}),
      ...(options.metrics ? { interceptors: { activity: [activityMetrics(options.metrics)] } } : {}),
      ...(options.plugins ? { plugins: options.plugins } : {}),
    };
    const main = await Worker.create({
      ...common,
      taskQueue,
      activities: { ...activities, ...waveActivities(), ...leaseActivities() },
      ...(options.workflowBundle ? { workflowBundle: options.workflowBundle } : { workflowsPath: require.resolve('../workflows') }),
      // A cutover evicted from the cache replays its whole history on its next task, which delays
      // its reaction to a breach; see config.ts for the measurements behind the default.
      maxCachedWorkflows: setting('maxCachedWorkflows'),
      maxConcurrentWorkflowTaskExecutions: setting('workflowTaskSlots'),
      maxConcurrentActivityTaskExecutions: setting('activityTaskSlots'),
      maxConcurrentLocalActivityExecutions: setting('localActivitySlots'),
    });
    const dnsCallsPerSecond = setting('dnsCallsPerSecond');
    if (!(dnsCallsPerSecond > 0)) throw new Error(`dnsCallsPerSecond must be a positive number, got ${dnsCallsPerSecond}`);
    const lane = (queue: string, laneActivities: object) =>
      Worker.create({
        ...common,
        taskQueue: queue,
        activities: laneActivities,
        maxTaskQueueActivitiesPerSecond: dnsCallsPerSecond,
        maxConcurrentActivityTaskExecutions: setting('activityTaskSlots'),
      });
    const lanes = [await lane(dnsTaskQueue(taskQueue), activities), await lane(dnsRollbackTaskQueue(taskQueue), servedAsRollback(activities))];
    return new CutoverWorker(main, lanes);
  }

  get taskQueue(): string {
    return this.main.options.taskQueue;
  }

  get dnsTaskQueue(): string {
    return this.lanes[0]!.options.taskQueue;
  }

  get dnsRollbackTaskQueue(): string {
    return this.lanes[1]!.options.taskQueue;
  }

  /** Runs every worker until shutdown; if one fails, the others are shut down and the failure thrown. */
  async run(): Promise<void> {
    const all = [this.main, ...this.lanes];
    const results = await Promise.allSettled(
      all.map((worker) =>
        worker.run().catch((error: unknown) => {
          this.shutdown();
          throw error;
        }),
      ),
    );
    const failed = results.find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
  }

  getState(): State {
    return this.main.getState();
  }

  /** The SDK's view of each worker (the main one first, then the DNS lanes): run state, pollers, work in hand. */
  statuses(): Array<{ taskQueue: string; status: WorkerStatus }> {
    return [this.main, ...this.lanes].map((worker) => ({ taskQueue: worker.options.taskQueue, status: worker.getStatus() }));
  }

  shutdown(): void {
    for (const worker of [this.main, ...this.lanes]) if (worker.getState() === 'RUNNING') worker.shutdown();
  }
}

/** The activities with every Route 53 request they make served before routine ones (see route53-budget.ts). */
function servedAsRollback<T extends object>(activities: T): T {
  const served: Record<string, unknown> = {};
  for (const [name, activity] of Object.entries(activities)) {
    served[name] = typeof activity === 'function' ? (...args: unknown[]) => asRollback(() => (activity as (...a: unknown[]) => Promise<unknown>)(...args)) : activity;
  }
  return served as T;
}

export function createCutoverWorker(options: CutoverWorkerOptions): Promise<CutoverWorker> {
  return CutoverWorker.create(options);
}
