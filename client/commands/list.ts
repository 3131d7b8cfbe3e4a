/** `cutover list`: running and recent cutovers, newest first, with their phase or outcome. */
import { InvalidArgumentError, type Command } from 'commander';
import { withConnectionOptions, type ConnectionFlags } from '../connection';
import type { ListedCutover } from '../cutovers';
import { padEnd, truncate, visibleWidth } from '../render/fit';
import { plain, type Palette } from '../render';
import { displaySafe, safeJson } from '../render/safe';
import { withSpinner } from '../spinner';
import { withCutovers } from '../temporal';
import { outputWidth, palette, print } from '../terminal';

export function listCommand(program: Command): void {
  const command = program
    .command('list')
    .description('List running and recent cutovers with their phase, open gate or outcome')
    .option('--limit <n>', 'how many, newest first', positiveInteger, 20)
    .option('--json', 'print them as JSON');
  withConnectionOptions(command)
    .addHelpText('after', '\nExample:\n  $ cutover list --limit 5')
    .action(async (options: ConnectionFlags & { limit: number; json?: boolean }) => {
      await withCutovers(options, async (cutovers) => {
        const listed = await withSpinner('listing cutovers', () => cutovers.list(options.limit));
        if (options.json) {
          print(safeJson(listed));
          return;
        }
        if (listed.length === 0) {
          print('no cutovers yet; start one with: cutover start <runbook>');
          return;
        }
        for (const line of listLines(listed, palette())) print(truncate(line, outputWidth()));
      });
    });
}

function positiveInteger(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new InvalidArgumentError('expected a whole number above 0');
  return parsed;
}

export function listLines(unsafeListed: ListedCutover[], colour: Palette = plain): string[] {
  const rows = displaySafe(unsafeListed).map((cutover) => [cutover.id, stateText(cutover, colour), cutover.startedBy ?? '?', startedText(cutover.execution.startTime)]);
  const header = ['ID', 'STATE', 'BY', 'STARTED'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => visibleWidth(row[column]!))));
  const line = (row: string[]) => row.map((cell, column) => (column === row.length - 1 ? cell : padEnd(cell, widths[column]!))).join('  ');
  return [colour.dim(line(header)), ...rows.map(line)];
}

/** A running cutover's phase ("canary, at gate half-way"), a finished one's outcome. */
function stateText(cutover: ListedCutover, colour: Palette): string {
  if (cutover.outcome && cutover.outcome !== 'running') {
    const style = cutover.outcome === 'completed' ? colour.green : colour.red;
    return style(cutover.outcome);
  }
  if (cutover.execution.status !== 'RUNNING') return colour.red(cutover.execution.status.toLowerCase());
  if (cutover.note) return colour.yellow(`running, ${cutover.note}`);
  return colour.yellow(`${cutover.phase ?? 'running'}${cutover.openGate ? `, at gate ${cutover.openGate}` : ''}`);
}

/** "03-01 09:15", local time: recent runs are what a list is for. */
function startedText(at: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${pad(at.getMonth() + 1)}-${pad(at.getDate())} ${pad(at.getHours())}:${pad(at.getMinutes())}`;
}
