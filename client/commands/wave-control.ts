/**
 * `cutover wave pause|resume|abort <id>`: the whole wave. Pause stops new applications from starting
 * (the running ones go on); abort stops new starts and aborts every running cutover, which rolls back
 * if its traffic moved.
 */
import type { Command } from 'commander';
import { freeTextProblem } from '../../workflows/decisions/request';
import { escapeUnsafe } from '../../workflows/runbook/text';
import { decisionOptions, type DecisionFlags } from '../decide';
import { UsageError } from '../errors';
import { describeIdentity, resolveIdentity } from '../identity';
import { clockTime } from '../render';
import { withSpinner } from '../spinner';
import { palette, print } from '../terminal';
import type { WaveControl } from '../wave/waves';
import { withWaves } from '../wave/with-waves';

const CONTROLS: Array<{ kind: WaveControl; description: string; reason: 'required' | 'optional'; example: string }> = [
  { kind: 'pause', description: 'Pause a wave: no new application starts; the running cutovers go on (pause one with cutover pause <cutover>)', reason: 'optional', example: '--reason "payments team is checking orders"' },
  { kind: 'resume', description: 'Resume a paused wave: applications start again as their dependencies allow', reason: 'optional', example: '' },
  { kind: 'abort', description: 'Abort a wave: no new application starts, and every running cutover is aborted (rolled back if its traffic moved)', reason: 'required', example: '--reason "DNS provider incident"' },
];

export function waveControlCommands(wave: Command): void {
  for (const control of CONTROLS) {
    const command = wave.command(control.kind).description(control.description).argument('<id>', 'the wave id');
    if (control.reason === 'required') command.requiredOption('--reason <text>', 'why, recorded in the wave\'s timeline and in each aborted cutover\'s');
    else command.option('--reason <text>', 'why, recorded in the wave\'s timeline');
    decisionOptions(command)
      .addHelpText('after', `\nExample:\n  $ cutover wave ${control.kind} orders-wave-20260301-091500${control.example ? ` ${control.example}` : ''}`)
      .action(async (id: string, options: DecisionFlags & { reason?: string }) => {
        const identity = resolveIdentity({ flag: options.as, env: process.env });
        const problem = freeTextProblem('--reason', options.reason);
        if (problem) throw new UsageError(problem);
        const colour = palette();
        await withWaves(options, async (waves) => {
          const request = { by: identity.name, ...(options.reason ? { reason: options.reason } : {}) };
          const receipt = await withSpinner(`asking wave ${id} to ${control.kind}`, () => waves.control(id, control.kind, request));
          print(colour.green(escapeUnsafe(receipt.message, { oneLine: true })));
          print(colour.dim(`  recorded at ${clockTime(receipt.at)} as ${describeIdentity(identity)}`));
        });
      });
  }
}
