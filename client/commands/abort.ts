/** `cutover abort <id> --reason <text>`: stops a cutover; if traffic moved, it rolls back to 100% blue. */
import type { Command } from 'commander';
import { decisionOptions, sendDecision, type DecisionFlags } from '../decide';

export function abortCommand(program: Command): void {
  const command = program
    .command('abort')
    .description('Abort a cutover: traffic goes back to 100% blue (verified), writes unfrozen, TTL restored')
    .argument('<id>', 'the cutover id')
    .requiredOption('--reason <text>', 'why, recorded in the timeline, the notifications and the report');
  decisionOptions(command)
    .addHelpText('after', '\nExample:\n  $ cutover abort orders-cutover-20260301-091500 --reason "payments team reports double charges"')
    .action(async (id: string, options: DecisionFlags & { reason: string }) => {
      await sendDecision(id, options, (by) => ({ kind: 'abort', request: { by, reason: options.reason } }));
    });
}
