/** `cutover worker`: polls a task queue and runs cutovers until SIGINT or SIGTERM, then stops cleanly. */
import { Option, type Command } from 'commander';
import { resolveConnection, withConnectionOptions, type ConnectionFlags } from '../connection';
import type { WorkerSettings } from '../worker-process';
import { resolveTaskQueue, taskQueueOption, type TaskQueueFlags } from '../task-queue';

export function workerCommand(program: Command): void {
  const command = program
    .command('worker')
    .description('Run a worker that carries out cutovers on a task queue; stops cleanly on SIGINT and SIGTERM')
    .option('--simulated <state-file>', 'also serve the simulated clouds whose state is in this file (created when missing): rehearsals, demos, tests')
    .addOption(new Option('--log-level <level>', 'how much the Temporal SDK logs').choices(['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR']).default('WARN'));
  taskQueueOption(command);
  withConnectionOptions(command)
    .addHelpText(
      'after',
      `
Environment:
  CUTOVER_WORKFLOW_BUNDLE  a prebuilt workflow bundle (skips bundling the workflow code at start)

Examples:
  $ cutover worker --simulated /tmp/clouds.json
  $ TEMPORAL_ADDRESS=temporal.internal:7233 cutover worker --task-queue cutover-prod`,
    )
    .action(async (options: ConnectionFlags & TaskQueueFlags & { simulated?: string; logLevel: WorkerSettings['logLevel'] }) => {
      // Loaded here, not at the top: the worker SDK (and every provider's SDK) is for this command only.
      const { runWorker } = require('../worker-process') as typeof import('../worker-process');
      await runWorker({
        target: resolveConnection(options),
        taskQueue: resolveTaskQueue(options),
        simulatedStateFile: options.simulated,
        logLevel: options.logLevel,
      });
    });
}
