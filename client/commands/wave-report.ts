/** `cutover wave report <id>`: each application's outcome and reason, and the wave's timeline, as markdown or JSON. */
import { Option, type Command } from 'commander';
import { withConnectionOptions, type ConnectionFlags } from '../connection';
import { UnreachableError } from '../errors';
import { waveReportMarkdown } from '../render/wave-report';
import { safeJson } from '../render/safe';
import { withSpinner } from '../spinner';
import { waveReportOf } from '../wave/report';
import { withWaves } from '../wave/with-waves';

export function waveReportCommand(wave: Command): void {
  const command = wave
    .command('report')
    .description('Print the record of a wave: each application\'s cutover id, outcome and reason, and the wave\'s timeline')
    .argument('<id>', 'the wave id')
    .addOption(new Option('--format <format>', 'markdown or JSON').choices(['md', 'json']).default('md'));
  withConnectionOptions(command)
    .addHelpText('after', '\nExample:\n  $ cutover wave report orders-wave-20260301-091500 > wave-report.md')
    .action(async (id: string, options: ConnectionFlags & { format: 'md' | 'json' }) => {
      await withWaves(options, async (waves) => {
        const snapshot = await withSpinner(`reading the record of wave ${id}`, () => waves.snapshot(id));
        if (snapshot.noWorker) throw new UnreachableError(snapshot.noWorker.message, `start a worker: cutover worker --task-queue ${snapshot.execution.taskQueue}`);
        const report = waveReportOf(snapshot);
        process.stdout.write(options.format === 'json' ? `${safeJson(report)}\n` : waveReportMarkdown(report));
      });
    });
}
