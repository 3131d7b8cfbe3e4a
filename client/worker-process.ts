/**
 * The worker behind `cutover worker`: connects with the same settings as every other command, serves
 * the providers this process can reach (and the simulated clouds when given their state file), and
 * runs until SIGINT or SIGTERM, when the SDK finishes the tasks in hand and the process exits 0.
 */
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { DefaultLogger, NativeConnection, Runtime, type LogLevel } from '@temporalio/worker';
import { createCutoverWorker, type CutoverWorker } from '../worker/create-worker';
import { startHealthServer } from '../worker/health/server';
import { ProductMetrics } from '../worker/metrics/product-metrics';
import { runningCutovers } from '../worker/metrics/running-cutovers';
import { freeLoopbackAddress, sdkTelemetry } from '../worker/metrics/sdk-exporter';
import { tracingFromEnv } from '../worker/tracing/tracing';
import { observeRoute53BudgetWaits } from '../activities/aws/route53-budget';
import type { WorkerConfig } from '../worker/config';
import { createWorkerProviders } from '../worker/providers';
import type { Providers } from '../activities/providers';
import { failureMessage } from '../workflows/failure';
import { describeTarget, type ConnectionTarget } from './connection';
import { UnreachableError, UsageError } from './errors';
import { withSpinner } from './spinner';
import { print } from './terminal';

/** dnsCallsPerSecond is the DNS budget: activities per second on each DNS lane, and Route 53 requests per second. */
export interface WorkerSettings extends WorkerConfig {
  target: ConnectionTarget;
  taskQueue: string;
  simulatedStateFile?: string;
  /** The allowed-signers file, already read once (its key count is shown at start). */
  allowedSigners?: { path: string; keys: number };
  /** The console-vouchers file, already read once (its consoles are shown at start). */
  consoleVouchers?: { path: string; consoles: string[] };
  /** Serve /healthz and /metrics on this port; none when absent. */
  metricsPort?: number;
  /** The console's checked base URL, linked from notifications. */
  consoleUrl?: string;
  logLevel: LogLevel;
}

export async function runWorker(settings: WorkerSettings): Promise<void> {
  const { target, taskQueue } = settings;
  const sdkMetricsAddress = settings.metricsPort !== undefined ? await freeLoopbackAddress() : undefined;
  Runtime.install({
    logger: new DefaultLogger(settings.logLevel),
    shutdownSignals: ['SIGINT', 'SIGTERM'],
    ...(sdkMetricsAddress ? { telemetryOptions: sdkTelemetry(sdkMetricsAddress) } : {}),
  });
  const providers = createWorkerProviders({ simulatedStateFile: settings.simulatedStateFile, route53CallsPerSecond: settings.dnsCallsPerSecond });
  const names = providerNames(providers);
  if (names.length === 0) throw new UsageError('this worker has no providers to serve', 'for rehearsals on the simulated clouds: cutover worker --simulated <state-file>');

  let connection: NativeConnection;
  try {
    connection = await withSpinner(`connecting to Temporal at ${describeTarget(target)}`, () => NativeConnection.connect(target.options));
  } catch (err) {
    throw new UnreachableError(`cannot reach Temporal at ${describeTarget(target)}: ${failureMessage(err)}`, 'set TEMPORAL_ADDRESS or pass --address');
  }
  let worker: CutoverWorker | null = null;
  let health: { address: string; close(): Promise<void> } | null = null;
  let stopTracing: (() => Promise<void>) | undefined;
  try {
    const metrics = settings.metricsPort !== undefined ? new ProductMetrics(runningCutovers(connection, target.namespace, taskQueue)) : undefined;
    if (metrics) {
      observeRoute53BudgetWaits(metrics.dnsBudgetObserver);
      // Before the worker exists, so /healthz answers 503 while the workflow code is bundled.
      health = await startHealthServer({ port: settings.metricsPort!, statuses: () => worker?.statuses() ?? null, metrics, sdkMetricsAddress });
    }
    const tracing = tracingFromEnv();
    // Tracing puts its interceptors into the workflow code, so a bundle made without them will not do.
    const bundle = tracing ? undefined : process.env.CUTOVER_WORKFLOW_BUNDLE;
    stopTracing = tracing?.shutdown;
    worker = await withSpinner(bundle ? 'starting the worker' : 'bundling the workflow code and starting the worker', () =>
      createCutoverWorker({
        connection,
        namespace: target.namespace,
        taskQueue,
        providers,
        workflowBundle: bundle ? { code: readFileSync(bundle, 'utf8') } : undefined,
        identity: `cutover-worker@${hostname()}/${process.pid}`,
        allowedSigners: settings.allowedSigners?.path,
        consoleVouchers: settings.consoleVouchers?.path,
        dnsCallsPerSecond: settings.dnsCallsPerSecond,
        maxCachedWorkflows: settings.maxCachedWorkflows,
        workflowTaskSlots: settings.workflowTaskSlots,
        activityTaskSlots: settings.activityTaskSlots,
        localActivitySlots: settings.localActivitySlots,
        metrics,
        consoleUrl: settings.consoleUrl,
        plugins: tracing ? [tracing.plugin] : undefined,
      }),
    );
    const stopping = () => print('stopping: finishing the tasks in hand (cutovers carry on with the next worker)');
    process.once('SIGINT', stopping);
    process.once('SIGTERM', stopping);
    print(`worker ready on task queue ${taskQueue} at ${describeTarget(target)}`);
    print(`  DNS calls: at most ${settings.dnsCallsPerSecond} a second, on ${worker.dnsTaskQueue} (rollbacks first, on ${worker.dnsRollbackTaskQueue})`);
    print(`  cache: ${settings.maxCachedWorkflows} cutovers; slots: ${settings.workflowTaskSlots} workflow tasks, ${settings.activityTaskSlots} activities, ${settings.localActivitySlots} samples`);
    print(`  providers: ${names.join(', ')}${settings.simulatedStateFile ? ` (simulated clouds in ${settings.simulatedStateFile})` : ''}`);
    const signers = settings.allowedSigners;
    print(
      signers
        ? `  allowed signers: ${signers.keys} key${signers.keys === 1 ? '' : 's'} from ${signers.path}, read again each time a gate opens`
        : '  allowed signers: none, so only runbooks with approvals: unverified can run (--allowed-signers <file>)',
    );
    const vouchers = settings.consoleVouchers;
    if (vouchers) print(`  consoles that may vouch for signed-in people: ${vouchers.consoles.join(', ')} (from ${vouchers.path}, read again each time a gate opens)`);
    if (settings.consoleUrl) print(`  notifications link to ${settings.consoleUrl}/cutovers/<id>`);
    if (tracing) print(`  traces: OTLP/HTTP to ${tracing.endpoint}`);
    if (health) print(`  health and metrics: ${health.address}/healthz, ${health.address}/metrics`);
    print('  Ctrl-C or SIGTERM stops it cleanly');
    await worker.run();
    print('worker stopped');
  } finally {
    await stopTracing?.();
    await health?.close();
    await connection.close();
  }
}

/** "route53 (dns), simulated": each provider name once, with the kinds it serves when not all. */
function providerNames(providers: Providers): string[] {
  const kinds = new Map<string, string[]>();
  for (const [kind, byName] of Object.entries(providers)) {
    for (const name of Object.keys(byName as object)) kinds.set(name, [...(kinds.get(name) ?? []), kind]);
  }
  const all = Object.keys(providers).length;
  return [...kinds].map(([name, served]) => (served.length === all ? name : `${name} (${served.join(', ')})`));
}
