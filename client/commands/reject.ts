/** `cutover reject <id> --gate <name> --reason <text>`: rejects the open gate; traffic goes back to blue. */
import type { Command } from 'commander';
import { decisionOptions, sendDecision, type DecisionFlags } from '../decide';

export function rejectCommand(program: Command): void {
  const command = program
    .command('reject')
    .description('Reject the open gate of a cutover: it rolls back (or aborts, if traffic never moved) with your reason')
    .argument('<id>', 'the cutover id')
    .requiredOption('--gate <name>', 'the gate to reject (the one open now)')
    .requiredOption('--reason <text>', 'why, recorded in the timeline and the report');
  decisionOptions(command)
    .addHelpText('after', '\nExample:\n  $ cutover reject orders-cutover-20260301-091500 --gate half-way --reason "p95 latency creeping up" --as bob')
    .action(async (id: string, options: DecisionFlags & { gate: string; reason: string }) => {
      await sendDecision(id, options, (by) => ({ kind: 'reject', request: { gate: options.gate, by, reason: options.reason } }));
    });
}
