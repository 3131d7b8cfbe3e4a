/** `cutover wave …`: the commands that take a wave file, many applications cut over in one plan. */
import { Command } from 'commander';
import { wavePlanCommand } from './wave-plan';
import { waveValidateCommand } from './wave-validate';

export function waveCommand(program: Command): void {
  const wave = program
    .command('wave')
    .description('Check and plan a wave: many applications, each with its runbook, cut over in one plan with dependencies')
    .addHelpText('after', '\nExample:\n  $ cutover wave validate examples/wave-orders.yaml\n  $ cutover wave plan examples/wave-orders.yaml');
  for (const define of [waveValidateCommand, wavePlanCommand]) define(wave);
}
