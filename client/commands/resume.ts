/** `cutover resume <id>`: lets a paused cutover carry on (paused by a person or by an inconclusive metric). */
import type { Command } from 'commander';
import { decisionOptions, sendDecision, type DecisionFlags } from '../decide';

export function resumeCommand(program: Command): void {
  const command = program
    .command('resume')
    .description('Resume a paused cutover where it stopped')
    .argument('<id>', 'the cutover id')
    .option('--reason <text>', 'why it is safe to go on, recorded in the timeline');
  decisionOptions(command)
    .addHelpText('after', '\nExample:\n  $ cutover resume orders-cutover-20260301-091500 --reason "dashboard checked"')
    .action(async (id: string, options: DecisionFlags & { reason?: string }) => {
      await sendDecision(id, options, (by) => ({ kind: 'resume', request: { by, ...(options.reason ? { reason: options.reason } : {}) } }));
    });
}
