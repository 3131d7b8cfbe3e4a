/** `cutover wave …`: the commands that take a wave file or a wave id, many applications cut over in one plan. */
import { Command } from 'commander';
import { waveControlCommands } from './wave-control';
import { waveDecideCommands } from './wave-decide';
import { wavePlanCommand } from './wave-plan';
import { waveReportCommand } from './wave-report';
import { waveStartCommand } from './wave-start';
import { waveStatusCommand } from './wave-status';
import { waveValidateCommand } from './wave-validate';
import { waveWatchCommand } from './wave-watch';

export function waveCommand(program: Command): void {
  const wave = program
    .command('wave')
    .description('Check, plan, start, follow and stop a wave: many applications, each with its runbook, cut over in one plan with dependencies')
    .addHelpText('after', '\nExample:\n  $ cutover wave validate examples/wave-orders.yaml\n  $ cutover wave plan examples/wave-orders.yaml\n  $ cutover wave start examples/wave-orders.yaml --as olivia');
  for (const define of [waveValidateCommand, wavePlanCommand, waveStartCommand, waveStatusCommand, waveWatchCommand, waveControlCommands, waveDecideCommands, waveReportCommand]) define(wave);
}
