/** `cutover wave status <id>`: one line per application and the wave's progress; `--json` for scripts. */
import type { Command } from 'commander';
import { withConnectionOptions, type ConnectionFlags } from '../connection';
import { EXIT } from '../exit-codes';
import { waveStatusLines } from '../render/wave-status';
import { safeJson } from '../render/safe';
import { withSpinner } from '../spinner';
import { outputWidth, palette, print } from '../terminal';
import { withWaves } from '../wave/with-waves';

export function waveStatusCommand(wave: Command): void {
  const command = wave
    .command('status')
    .description('Show a wave: each application\'s state, phase, traffic on green, open gate and who may approve it, or how it ended')
    .argument('<id>', 'the wave id')
    .option('--json', 'print the wave\'s status and each application\'s view as JSON');
  withConnectionOptions(command)
    .addHelpText('after', '\nExample:\n  $ cutover wave status orders-wave-20260301-091500')
    .action(async (id: string, options: ConnectionFlags & { json?: boolean }) => {
      await withWaves(options, async (waves) => {
        const snapshot = await withSpinner(`reading the status of wave ${id}`, () => waves.snapshot(id));
        if (options.json) print(safeJson(snapshot));
        else for (const line of waveStatusLines(snapshot, { width: Math.min(outputWidth(), 100), colour: palette() })) print(line);
        if (snapshot.noWorker) process.exitCode = EXIT.unreachable;
      });
    });
}
