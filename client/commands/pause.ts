/** `cutover pause <id>`: holds the cutover where it is; rollback triggers keep running while paused. */
import type { Command } from 'commander';
import { decisionOptions, sendDecision, type DecisionFlags } from '../decide';

export function pauseCommand(program: Command): void {
  const command = program
    .command('pause')
    .description('Pause a cutover: bakes and soaks stop their clock, no step starts; triggers keep running and can still roll back')
    .argument('<id>', 'the cutover id')
    .option('--reason <text>', 'why, recorded in the timeline');
  decisionOptions(command)
    .addHelpText('after', '\nExample:\n  $ cutover pause orders-cutover-20260301-091500 --reason "checking the payments dashboard"')
    .action(async (id: string, options: DecisionFlags & { reason?: string }) => {
      await sendDecision(id, options, (by) => ({ kind: 'pause', request: { by, ...(options.reason ? { reason: options.reason } : {}) } }));
    });
}
