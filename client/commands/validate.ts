/** `cutover validate <runbook>`: every problem of a runbook file at once, each with its line; touches nothing. */
import type { Command } from 'commander';
import { formatDuration } from '../../workflows/runbook/duration';
import { RunbookError } from '../../workflows/runbook/problems';
import type { Runbook } from '../../workflows/runbook/schema';
import { loadRunbook } from '../runbook/load';
import { planOf } from '../runbook/plan';
import { palette, print } from '../terminal';

export function validateCommand(program: Command): void {
  program
    .command('validate')
    .description('Check a runbook file and list every problem with its line and what to write instead; touches nothing')
    .argument('<runbook>', 'the runbook file (YAML)')
    .option('--json', 'also print {"valid": …, "problems": [{"line", "path", "message"}]} on stdout, for editors and CI')
    .addHelpText('after', '\nExample:\n  $ cutover validate examples/orders-cutover.yaml')
    .action((file: string, options: { json?: boolean }) => {
      let runbook: Runbook;
      try {
        runbook = loadRunbook(file);
      } catch (err) {
        if (options.json && err instanceof RunbookError) print(JSON.stringify({ valid: false, problems: err.problems }, null, 2));
        throw err;
      }
      if (options.json) {
        print(JSON.stringify({ valid: true, problems: [] }, null, 2));
        return;
      }
      const colour = palette();
      const steps = runbook.canary.steps.map((step) => `${step.weight}%`).join(' → ');
      const metrics = runbook.analysis.metrics.length + (runbook.acceptance?.checks.length ?? 0);
      const gates = runbook.gates.length;
      print(`${colour.green('valid')}: ${file} is runbook ${colour.bold(runbook.name)}`);
      print(`  canary ${steps}; ${gates} gate${gates === 1 ? '' : 's'}; ${metrics} metric${metrics === 1 ? '' : 's'}; at least ${formatDuration(planOf(runbook).minimum.totalMs)}`);
      if (!runbook.analysis.automaticRollback) print(`  ${colour.red('NO AUTOMATIC ROLLBACK')}: only a person rejecting or aborting sends traffic back to blue`);
      print(`  every step: cutover plan ${file}`);
    });
}
