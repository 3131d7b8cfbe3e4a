/** `cutover console`: a live web view of every cutover and a runbook planner, read-only until sign-in lands. */
import { InvalidArgumentError, type Command } from 'commander';
import { withConnectionOptions, type ConnectionFlags } from '../connection';
import { failureMessage } from '../../workflows/failure';
import { escapeUnsafe } from '../../workflows/runbook/text';
import { isLoopback } from '../console/security';
import { UsageError } from '../errors';
import { withCutovers } from '../temporal';
import { print, printError } from '../terminal';

interface ConsoleFlags extends ConnectionFlags {
  port: number;
  host: string;
}

export function consoleCommand(program: Command): void {
  const command = program
    .command('console')
    .description('Serve a live web view of running and recent cutovers, and a runbook planner (read-only: sign-in is not configured)')
    .option('--port <n>', 'the port to listen on', port, 8080)
    .option('--host <address>', 'the address to listen on; anything but loopback exposes the console to the network', '127.0.0.1');
  withConnectionOptions(command)
    .addHelpText('after', '\nExamples:\n  $ cutover console\n  $ cutover console --port 9000 --address temporal.internal:7233')
    .action(async (options: ConsoleFlags) => {
      await withCutovers(options, async (cutovers) => {
        // Loaded here: fastify is for this command only.
        const { buildConsole } = require('../console/server') as typeof import('../console/server');
        const app = buildConsole({ source: cutovers, loopbackOnly: isLoopback(options.host), logError: (err) => printError(`console: ${escapeUnsafe(failureMessage(err), { oneLine: true })}`) });
        try {
          await app.listen({ port: options.port, host: options.host });
        } catch (err) {
          throw new UsageError(`cannot listen on ${options.host}:${options.port}: ${failureMessage(err)}`, 'choose another --port, or stop what is using it');
        }
        // The port actually bound: --port 0 asks the system for a free one.
        const { port: bound } = app.server.address() as { port: number };
        print(`console at http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${bound}/ (read-only: sign-in is not configured); Ctrl-C stops it`);
        await new Promise<void>((resolve) => {
          process.once('SIGINT', resolve);
          process.once('SIGTERM', resolve);
        });
        await app.close();
      });
    });
}

function port(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65535) throw new InvalidArgumentError('expected a port number from 0 to 65535');
  return parsed;
}
