/** `cutover plan <runbook>`: every step with its weights, bake, gate and timing, and the least total time; touches nothing. */
import type { Command } from 'commander';
import { loadRunbook } from '../runbook/load';
import { planOf } from '../runbook/plan';
import { planLines } from '../render/plan';
import { outputWidth, palette, print } from '../terminal';

export function planCommand(program: Command): void {
  program
    .command('plan')
    .description('Print what a runbook will do, step by step, and the least time it takes; touches nothing')
    .argument('<runbook>', 'the runbook file (YAML)')
    .option('--json', 'print the plan as JSON (durations in milliseconds)')
    .addHelpText('after', '\nExample:\n  $ cutover plan examples/production-shape.yaml')
    .action((file: string, options: { json?: boolean }) => {
      const runbook = loadRunbook(file);
      const plan = planOf(runbook);
      if (options.json) {
        print(JSON.stringify(plan, null, 2));
        return;
      }
      for (const line of planLines(plan, { width: Math.min(outputWidth(), 100), colour: palette(), source: file })) print(line);
      if (runbook.approvals === 'unverified') print(palette().yellow('approvals: unverified: identities will not be verified; a gate passes on the name the caller gives'));
    });
}
