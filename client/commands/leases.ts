/** `cutover leases`: which cutover holds which resource now (DNS records, replication tasks, writers). */
import type { Command } from 'commander';
import { withConnectionOptions, type ConnectionFlags } from '../connection';
import type { ListedLease } from '../leases';
import { padEnd, truncate, visibleWidth } from '../render/fit';
import { plain, type Palette } from '../render';
import { displaySafe, safeJson } from '../render/safe';
import { withSpinner } from '../spinner';
import { withCutovers } from '../temporal';
import { outputWidth, palette, print } from '../terminal';

export function leasesCommand(program: Command): void {
  const command = program
    .command('leases')
    .description('List the resources held by cutovers now (one owner per DNS record, replication task and writer), with their holder')
    .option('--json', 'print them as JSON');
  withConnectionOptions(command)
    .addHelpText('after', '\nExample:\n  $ cutover leases\n  $ cutover release dns/route53/Z123/orders.example.com --reason "checked: 100% blue"')
    .action(async (options: ConnectionFlags & { json?: boolean }) => {
      await withCutovers(options, async (cutovers) => {
        const { listLeases } = require('../leases') as typeof import('../leases');
        const leases = await withSpinner('listing leases', () => listLeases(cutovers, 1_000));
        if (options.json) {
          print(safeJson(leases));
          return;
        }
        if (leases.length === 0) {
          print('no resource is held by a cutover now');
          return;
        }
        // Piped, lines stay whole: a resource id is copied from here into `cutover release`.
        for (const line of leaseLines(leases, palette())) print(process.stdout.isTTY ? truncate(line, outputWidth()) : line);
      });
    });
}

export function leaseLines(unsafeLeases: ListedLease[], colour: Palette = plain): string[] {
  const rows = displaySafe(unsafeLeases).map((lease) => [
    lease.resource,
    lease.holder ? `${lease.holder.cutover}${lease.holder.wave ? ` (wave ${lease.holder.wave})` : ''}` : '-',
    lease.holder?.startedBy ?? '-',
    lease.since ?? '-',
  ]);
  const header = ['RESOURCE', 'HELD BY', 'STARTED BY', 'SINCE'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => visibleWidth(row[column]!))));
  const line = (row: string[]) => row.map((cell, column) => (column === row.length - 1 ? cell : padEnd(cell, widths[column]!))).join('  ');
  return [colour.dim(line(header)), ...rows.map(line)];
}
