/** `cutover watch <id>`: a live view until the cutover ends; exits with the outcome (0 only when completed). */
import { InvalidArgumentError, type Command } from 'commander';
import { withConnectionOptions, type ConnectionFlags } from '../connection';
import { EXIT } from '../exit-codes';
import { withCutovers } from '../temporal';
import { palette, printError } from '../terminal';
import { watchCutover } from '../watch';

export function watchCommand(program: Command): void {
  const command = program
    .command('watch')
    .description('Follow a cutover live until it ends; exit 0 when it completed, 10 rolled back, 11 aborted, 12 rollback failed')
    .argument('<id>', 'the cutover id')
    .option('--interval <seconds>', 'how often to read its status', seconds, 1);
  withConnectionOptions(command)
    .addHelpText(
      'after',
      `
On a terminal the screen is redrawn in place; into a file or a pipe, each change is one appended
line. Ctrl-C stops watching; the cutover goes on.

Example:
  $ cutover watch orders-cutover-20260301-091500 && echo "all traffic on green"`,
    )
    .action(async (id: string, options: ConnectionFlags & { interval: number }) => {
      const stop = new AbortController();
      const interrupt = () => stop.abort();
      process.once('SIGINT', interrupt);
      process.once('SIGTERM', interrupt);
      try {
        const code = await withCutovers(options, (cutovers) =>
          watchCutover(cutovers, id, { intervalMs: options.interval * 1000, colour: palette(), stream: process.stdout, signal: stop.signal }),
        );
        if (code === EXIT.interrupted) printError(`stopped watching; cutover ${id} goes on. Again: cutover watch ${id}`);
        process.exitCode = code;
      } finally {
        process.off('SIGINT', interrupt);
        process.off('SIGTERM', interrupt);
      }
    });
}

function seconds(value: string): number {
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < 0.2) throw new InvalidArgumentError('expected a number of seconds, at least 0.2');
  return parsed;
}
