/** `cutover worker`: polls a task queue and runs cutovers until SIGINT or SIGTERM, then stops cleanly. */
import { Option, type Command } from 'commander';
import { resolveConnection, withConnectionOptions, type ConnectionFlags } from '../connection';
import type { WorkerSettings } from '../worker-process';
import { resolveTaskQueue, taskQueueOption, type TaskQueueFlags } from '../task-queue';
import { UsageError } from '../errors';
import { ALLOWED_SIGNERS_FLAG, ALLOWED_SIGNERS_VARIABLE, allowedSignersPath, readAllowedSigners } from '../../worker/allowed-signers';
import { CONSOLE_VOUCHERS_FLAG, CONSOLE_VOUCHERS_VARIABLE, consoleVouchersPath, readConsoleVouchers } from '../../worker/console-vouchers';
import { WORKER_SETTINGS, workerConfig, WorkerConfigError, type WorkerConfig, type WorkerFlags } from '../../worker/config';
import { CONSOLE_URL_FLAG, CONSOLE_URL_VARIABLE, consoleUrl } from '../../worker/console-url';
import { METRICS_PORT_FLAG, METRICS_PORT_VARIABLE, metricsPort } from '../../worker/health/settings';

export function workerCommand(program: Command): void {
  const command = program
    .command('worker')
    .description('Run a worker that carries out cutovers on a task queue; stops cleanly on SIGINT and SIGTERM')
    .option('--simulated <state-file>', 'also serve the simulated clouds whose state is in this file (created when missing): rehearsals, demos, tests')
    .option(`${ALLOWED_SIGNERS_FLAG} <file>`, `OpenSSH allowed-signers file: the keys that may decide at gates (default: ${ALLOWED_SIGNERS_VARIABLE})`)
    .option(`${CONSOLE_VOUCHERS_FLAG} <file>`, `YAML file: the consoles (principals in the allowed signers) that may decide for people signed in through OpenID Connect, and as whom (default: ${CONSOLE_VOUCHERS_VARIABLE})`);
  for (const { flag, variable, fallback, about } of Object.values(WORKER_SETTINGS)) {
    command.option(`${flag} <n>`, `${about} (default: ${variable}, else ${fallback})`);
  }
  command.option(`${METRICS_PORT_FLAG} <port>`, `serve GET /healthz and Prometheus GET /metrics on this port (default: ${METRICS_PORT_VARIABLE}, else none)`);
  command.option(`${CONSOLE_URL_FLAG} <url>`, `the console's address: gate, pause and rollback notifications link to <url>/cutovers/<id> (default: ${CONSOLE_URL_VARIABLE}, else no links)`);
  command.addOption(new Option('--log-level <level>', 'how much the Temporal SDK logs').choices(['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR']).default('WARN'));
  taskQueueOption(command);
  const variables = Object.values(WORKER_SETTINGS)
    .map(({ flag, variable }) => `  ${variable.padEnd(30)}${flag} when the flag is not given`)
    .join('\n');
  withConnectionOptions(command)
    .addHelpText(
      'after',
      `
Environment:
  CUTOVER_WORKFLOW_BUNDLE       a prebuilt workflow bundle (skips bundling the workflow code at start)
  ${ALLOWED_SIGNERS_VARIABLE.padEnd(30)}${ALLOWED_SIGNERS_FLAG} when the flag is not given
  ${CONSOLE_VOUCHERS_VARIABLE.padEnd(30)}${CONSOLE_VOUCHERS_FLAG} when the flag is not given
${variables}
  ${METRICS_PORT_VARIABLE.padEnd(30)}${METRICS_PORT_FLAG} when the flag is not given
  ${CONSOLE_URL_VARIABLE.padEnd(30)}${CONSOLE_URL_FLAG} when the flag is not given
  OTEL_EXPORTER_OTLP_ENDPOINT   send traces of workflow and activity execution there (OTLP/HTTP)
  AWS_*, AZURE_*                cloud credentials, through each SDK's default chain

Examples:
  $ cutover worker --simulated /tmp/clouds.json
  $ cutover worker --allowed-signers /etc/cutover/allowed_signers
  $ cutover worker --allowed-signers /etc/cutover/allowed_signers --console-vouchers /etc/cutover/console-vouchers.yaml
  $ cutover worker --simulated /tmp/clouds.json --metrics-port 9464   # curl localhost:9464/healthz
  $ TEMPORAL_ADDRESS=temporal.internal:7233 cutover worker --task-queue cutover-prod --max-cached-workflows 2000`,
    )
    .action(async (options: ConnectionFlags & TaskQueueFlags & WorkerFlags & WorkerCommandFlags) => {
      const config = checkedConfig(options);
      const allowedSigners = checkedSigners(options.allowedSigners);
      const consoleVouchers = checkedVouchers(options.consoleVouchers, allowedSigners?.path);
      const port = checked(() => metricsPort(options.metricsPort));
      const consoleBase = checked(() => consoleUrl(options.consoleUrl));
      // Loaded here, not at the top: the worker SDK (and every provider's SDK) is for this command only.
      const { runWorker } = require('../worker-process') as typeof import('../worker-process');
      await runWorker({
        target: resolveConnection(options),
        taskQueue: resolveTaskQueue(options),
        simulatedStateFile: options.simulated,
        allowedSigners,
        consoleVouchers,
        ...config,
        metricsPort: port,
        consoleUrl: consoleBase,
        logLevel: options.logLevel,
      });
    });
}

type WorkerCommandFlags = { simulated?: string; allowedSigners?: string; consoleVouchers?: string; metricsPort?: string; consoleUrl?: string; logLevel: WorkerSettings['logLevel'] };

/** The allowed-signers file, read now: a bad line stops the worker before it connects. */
function checkedSigners(flag: string | undefined): { path: string; keys: number } | undefined {
  const path = allowedSignersPath(flag);
  if (!path) return undefined;
  try {
    return { path, keys: readAllowedSigners(path).length };
  } catch (error) {
    if (error instanceof WorkerConfigError) throw new UsageError(error.message);
    throw error;
  }
}

/** The console-vouchers file, read now and checked against the allowed signers. */
function checkedVouchers(flag: string | undefined, signersPath: string | undefined): { path: string; consoles: string[] } | undefined {
  const path = consoleVouchersPath(flag);
  if (!path) return undefined;
  return checked(() => {
    const vouchers = readConsoleVouchers(path, signersPath ? readAllowedSigners(signersPath) : undefined);
    return { path, consoles: [...new Set(vouchers.map((entry) => entry.principal))] };
  });
}

/** The flags, else the environment's settings; a bad value is a usage error naming it. */
function checkedConfig(options: WorkerFlags): WorkerConfig {
  const flags: WorkerFlags = {};
  for (const key of Object.keys(WORKER_SETTINGS) as (keyof WorkerConfig)[]) if (options[key] !== undefined) flags[key] = options[key];
  return checked(() => workerConfig(flags));
}

function checked<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof WorkerConfigError) throw new UsageError(error.message);
    throw error;
  }
}
