/** `cutover wave validate <wave>`: every problem of a wave file and of the runbooks it names, at once; touches nothing. */
import type { Command } from 'commander';
import { formatDuration } from '../../workflows/runbook/duration';
import { RunbookError } from '../../workflows/runbook/problems';
import { DEFAULT_DNS_CALLS_PER_SECOND } from '../../worker/config';
import { palette, print } from '../terminal';
import { loadWave, type LoadedWave } from '../wave/load';
import { wavePlanOf } from '../wave/plan';

export function waveValidateCommand(wave: Command): void {
  wave
    .command('validate')
    .description('Check a wave file and every runbook it names; list every problem with its file, line and field; touches nothing')
    .argument('<wave>', 'the wave file (YAML)')
    .option('--json', 'also print {"valid": …, "problems": [{"line", "path", "message"}]} on stdout, for editors and CI')
    .addHelpText('after', '\nExample:\n  $ cutover wave validate examples/wave-orders.yaml')
    .action((file: string, options: { json?: boolean }) => {
      let loaded: LoadedWave;
      try {
        loaded = loadWave(file);
      } catch (err) {
        if (options.json && err instanceof RunbookError) print(JSON.stringify({ valid: false, problems: err.problems }, null, 2));
        throw err;
      }
      if (options.json) {
        print(JSON.stringify({ valid: true, problems: [] }, null, 2));
        return;
      }
      const colour = palette();
      const plan = wavePlanOf(loaded, DEFAULT_DNS_CALLS_PER_SECOND);
      const count = loaded.wave.applications.length;
      print(`${colour.green('valid')}: ${file} is wave ${colour.bold(loaded.wave.name)}`);
      print(`  ${count} application${count === 1 ? '' : 's'} in ${plan.levels.length} level${plan.levels.length === 1 ? '' : 's'}, up to ${loaded.wave.maxParallel} at once; at least ${formatDuration(plan.totalMs)}`);
      print(`  every level: cutover wave plan ${file}`);
    });
}
