/** `cutover worker`: polls a task queue and runs cutovers until SIGINT or SIGTERM, then stops cleanly. */
import { Option, type Command } from 'commander';
import { resolveConnection, withConnectionOptions, type ConnectionFlags } from '../connection';
import type { WorkerSettings } from '../worker-process';
import { resolveTaskQueue, taskQueueOption, type TaskQueueFlags } from '../task-queue';
import { UsageError } from '../errors';
import { positiveNumber, workerConfigFromEnv, WorkerConfigError } from '../../worker/config';

export function workerCommand(program: Command): void {
  const command = program
    .command('worker')
    .description('Run a worker that carries out cutovers on a task queue; stops cleanly on SIGINT and SIGTERM')
    .option('--simulated <state-file>', 'also serve the simulated clouds whose state is in this file (created when missing): rehearsals, demos, tests')
    .option('--dns-calls-per-second <n>', 'DNS calls per second shared by every cutover of the task queue (default: CUTOVER_DNS_CALLS_PER_SECOND, else 5, Route 53\'s limit)')
    .addOption(new Option('--log-level <level>', 'how much the Temporal SDK logs').choices(['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR']).default('WARN'));
  taskQueueOption(command);
  withConnectionOptions(command)
    .addHelpText(
      'after',
      `
Environment:
  CUTOVER_WORKFLOW_BUNDLE       a prebuilt workflow bundle (skips bundling the workflow code at start)
  CUTOVER_DNS_CALLS_PER_SECOND  the DNS budget when --dns-calls-per-second is not given
  AWS_*, AZURE_*                cloud credentials, through each SDK's default chain

Examples:
  $ cutover worker --simulated /tmp/clouds.json
  $ TEMPORAL_ADDRESS=temporal.internal:7233 cutover worker --task-queue cutover-prod`,
    )
    .action(async (options: ConnectionFlags & TaskQueueFlags & { simulated?: string; dnsCallsPerSecond?: string; logLevel: WorkerSettings['logLevel'] }) => {
      // Loaded here, not at the top: the worker SDK (and every provider's SDK) is for this command only.
      const { runWorker } = require('../worker-process') as typeof import('../worker-process');
      await runWorker({
        target: resolveConnection(options),
        taskQueue: resolveTaskQueue(options),
        simulatedStateFile: options.simulated,
        dnsCallsPerSecond: dnsCallsPerSecond(options.dnsCallsPerSecond),
        logLevel: options.logLevel,
      });
    });
}

/** The flag, else the environment's setting; either way a positive number or a usage error. */
function dnsCallsPerSecond(flag: string | undefined): number {
  if (flag !== undefined) {
    const value = positiveNumber(flag);
    if (value === undefined) throw new UsageError(`--dns-calls-per-second ${flag} is not a positive number`, 'write e.g. --dns-calls-per-second 5');
    return value;
  }
  try {
    return workerConfigFromEnv().dnsCallsPerSecond;
  } catch (error) {
    if (error instanceof WorkerConfigError) throw new UsageError(error.message);
    throw error;
  }
}
