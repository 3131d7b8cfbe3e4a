/** `cutover wave plan <wave>`: the wave's applications by dependency level with their least times; touches nothing. */
import type { Command } from 'commander';
import { DEFAULT_DNS_CALLS_PER_SECOND } from '../../worker/config';
import { UsageError } from '../errors';
import { wavePlanLines } from '../render/wave-plan';
import { outputWidth, palette, print } from '../terminal';
import { loadWave } from '../wave/load';
import { wavePlanOf } from '../wave/plan';

export function wavePlanCommand(wave: Command): void {
  wave
    .command('plan')
    .description('Print a wave by dependency level: each application\'s least time, each level\'s, the DNS budget\'s effect, the total; touches nothing')
    .argument('<wave>', 'the wave file (YAML)')
    .option('--dns-calls-per-second <n>', 'the workers\' DNS budget, as set by cutover worker', String(DEFAULT_DNS_CALLS_PER_SECOND))
    .option('--json', 'print the plan as JSON (durations in milliseconds)')
    .addHelpText('after', '\nExample:\n  $ cutover wave plan examples/wave-orders.yaml')
    .action((file: string, options: { json?: boolean; dnsCallsPerSecond: string }) => {
      const budget = Number(options.dnsCallsPerSecond);
      if (!(budget > 0) || !Number.isFinite(budget)) {
        throw new UsageError(`--dns-calls-per-second must be a number above 0, got "${options.dnsCallsPerSecond}"`, `write e.g. --dns-calls-per-second ${DEFAULT_DNS_CALLS_PER_SECOND}`);
      }
      const plan = wavePlanOf(loadWave(file), budget);
      if (options.json) {
        print(JSON.stringify(plan, null, 2));
        return;
      }
      for (const line of wavePlanLines(plan, { width: Math.min(outputWidth(), 100), colour: palette(), source: file })) print(line);
    });
}
