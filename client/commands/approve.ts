/** `cutover approve <id> --gate <name>`: shows what is being approved, then approves it under your name. */
import type { Command } from 'commander';
import { decisionOptions, sendDecision, type DecisionFlags } from '../decide';
import { gateLine } from '../render';
import { palette, print } from '../terminal';

export function approveCommand(program: Command): void {
  const command = program
    .command('approve')
    .description('Approve the open gate of a cutover; refused (exit 4) when the gate is not open or you may not approve it')
    .argument('<id>', 'the cutover id')
    .requiredOption('--gate <name>', 'the gate to approve (the one open now: see cutover status <id>)')
    .option('--comment <text>', 'why, recorded with the approval');
  decisionOptions(command)
    .addHelpText('after', '\nExample:\n  $ cutover approve orders-cutover-20260301-091500 --gate half-way --as alice --comment "error rate flat, lag 0.4s"')
    .action(async (id: string, options: DecisionFlags & { gate: string; comment?: string }) => {
      await sendDecision(
        id,
        options,
        (by) => ({ kind: 'approve', request: { gate: options.gate, by, ...(options.comment ? { comment: options.comment } : {}) } }),
        ({ status }, by) => {
          // What the approver is approving, when the gate is open; the cutover itself decides whether they may.
          if (status?.openGate?.name === options.gate) print(`approving as ${by}: ${gateLine(status.openGate, { colour: palette() })}`);
        },
      );
    });
}
