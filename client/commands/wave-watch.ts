/** `cutover wave watch <id>`: a live view of a wave until it ends; exits with how it ended. */
import { InvalidArgumentError, type Command } from 'commander';
import { withConnectionOptions, type ConnectionFlags } from '../connection';
import { EXIT } from '../exit-codes';
import { palette, printError } from '../terminal';
import { watchWave } from '../wave/watch-wave';
import { withWaves } from '../wave/with-waves';

export function waveWatchCommand(wave: Command): void {
  const command = wave
    .command('watch')
    .description('Follow a wave live until it ends; exit 0 when every application completed, 10 when some did not, 11 aborted, 12 a rollback failed')
    .argument('<id>', 'the wave id')
    .option('--interval <seconds>', 'how often to read its status', seconds, 2);
  withConnectionOptions(command)
    .addHelpText('after', '\nOn a terminal the screen is redrawn in place; into a file or a pipe, each changed line is appended.\nCtrl-C stops watching; the wave goes on.\n\nExample:\n  $ cutover wave watch orders-wave-20260301-091500 && echo "every application on green"')
    .action(async (id: string, options: ConnectionFlags & { interval: number }) => {
      const stop = new AbortController();
      const interrupt = () => stop.abort();
      process.once('SIGINT', interrupt);
      process.once('SIGTERM', interrupt);
      try {
        const code = await withWaves(options, (waves) => watchWave(waves, id, { intervalMs: options.interval * 1000, colour: palette(), stream: process.stdout, signal: stop.signal }));
        if (code === EXIT.interrupted) printError(`stopped watching; wave ${id} goes on. Again: cutover wave watch ${id}`);
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
