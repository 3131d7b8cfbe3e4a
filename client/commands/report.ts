/** `cutover report <id>`: the record of a cutover, as markdown or JSON; works on finished runs with no worker. */
import { Option, type Command } from 'commander';
import { withConnectionOptions, type ConnectionFlags } from '../connection';
import { noWorkerError } from '../run-errors';
import { reportOf } from '../report';
import { reportMarkdown } from '../render/report-markdown';
import { safeJson } from '../render/safe';
import { withSpinner } from '../spinner';
import { withCutovers } from '../temporal';
import { printMoving } from '../terminal';

export function reportCommand(program: Command): void {
  const command = program
    .command('report')
    .description('Print the record of a cutover: phases, decisions (who, when, comment, metric values), rollback reason, timeline')
    .argument('<id>', 'the cutover id')
    .addOption(new Option('--format <format>', 'markdown or JSON').choices(['md', 'json']).default('md'));
  withConnectionOptions(command)
    .addHelpText('after', '\nExamples:\n  $ cutover report orders-cutover-20260301-091500 > cutover-report.md\n  $ cutover report orders-cutover-20260301-091500 --format json | jq .decisions')
    .action(async (id: string, options: ConnectionFlags & { format: 'md' | 'json' }) => {
      await withCutovers(options, async (cutovers) => {
        const snapshot = await withSpinner(`reading the record of ${id}`, () => cutovers.snapshot(id, { waitForMove: true, onMove: printMoving }));
        // A running cutover's record lives with its worker until the run ends.
        if (snapshot.noWorker) throw noWorkerError(id, snapshot.execution, snapshot.noWorker, 'its record is read through its worker');
        const report = reportOf(id, snapshot.execution.status, snapshot.status);
        process.stdout.write(options.format === 'json' ? `${safeJson(report)}\n` : reportMarkdown(report));
      });
    });
}
