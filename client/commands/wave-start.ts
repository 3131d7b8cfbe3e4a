/** `cutover wave start <wave>`: validates the wave and every runbook, starts the wave, prints its id and each application's cutover id. */
import type { Command } from 'commander';
import { starterProblems } from '../../workflows/runbook/gate-rules';
import { formatProblem, RunbookError, type RunbookProblem } from '../../workflows/runbook/problems';
import { describeTarget, resolveConnection, withConnectionOptions, type ConnectionFlags } from '../connection';
import { UsageError } from '../errors';
import { describeIdentity, resolveIdentity } from '../identity';
import { cutoverIdProblem } from '../start-cutover';
import { withSpinner } from '../spinner';
import { resolveTaskQueue, taskQueueOption, type TaskQueueFlags } from '../task-queue';
import { palette, print } from '../terminal';
import { loadWave } from '../wave/load';
import { waveId, waveRunInput } from '../wave/start-wave';
import { withWaves } from '../wave/with-waves';

type WaveStartFlags = ConnectionFlags & TaskQueueFlags & { id?: string; as?: string };

export function waveStartCommand(wave: Command): void {
  const command = wave
    .command('start')
    .description('Validate a wave and every runbook it names, then start it: each application\'s cutover runs as a child of the wave')
    .argument('<wave>', 'the wave file (YAML)')
    .option('--id <id>', 'the wave id (default: <wave name>-<yyyyMMdd-HHmmss>); applications without an id get <wave id>-<application>')
    .option('--as <name>', 'who starts it, recorded in the wave\'s and every cutover\'s timeline (default: CUTOVER_IDENTITY, the config file, the OS user)');
  taskQueueOption(command);
  withConnectionOptions(command)
    .addHelpText('after', '\nExample:\n  $ cutover wave start examples/wave-orders.yaml --id orders-wave-1 --as olivia')
    .action(async (file: string, options: WaveStartFlags) => {
      // Nothing is contacted until the arguments, the wave and every runbook are known to be valid.
      const idProblem = options.id === undefined ? null : cutoverIdProblem(options.id);
      if (idProblem) throw new UsageError(`--id ${idProblem}`);
      const loaded = loadWave(file);
      const identity = resolveIdentity({ flag: options.as, env: process.env });
      const starter: RunbookProblem[] = loaded.members.flatMap((member, i) =>
        starterProblems(member.runbook, identity.name).map((problem) => ({ path: `applications[${i}].runbook`, message: `${member.application.name}: ${formatProblem(member.file, problem)}` })),
      );
      if (starter.length > 0) throw new RunbookError(file, starter, 'wave');
      const id = options.id ?? waveId(loaded.wave.name, new Date());
      const input = waveRunInput(file, loaded, { waveId: id, startedBy: identity.name });
      const taskQueue = resolveTaskQueue(options);
      const colour = palette();
      await withWaves(options, async (waves) => {
        await withSpinner('starting the wave', () => waves.start(input, { id, taskQueue }));
        const { wave: started } = loaded;
        print(`started wave ${colour.bold(id)} as ${describeIdentity(identity)}`);
        print(`  wave ${started.name} (${file}): ${started.applications.length} applications, up to ${started.maxParallel} at once, on task queue ${taskQueue} at ${describeTarget(resolveConnection(options))}`);
        print(`  a worker must poll that task queue: cutover worker --task-queue ${taskQueue}`);
        print('  applications and their cutover ids (gates are decided on these):');
        const width = Math.max(...input.members.map((member) => member.name.length));
        input.members.forEach((member, i) => {
          const after = started.applications[i]!.after;
          print(`    ${member.name.padEnd(width)}  ${member.id}${after.length > 0 ? colour.dim(`  after ${after.join(', ')}`) : ''}`);
        });
        print('');
        print('next:');
        print(`  cutover wave watch ${id}`);
        print(`  cutover wave status ${id}`);
        print(`  cutover wave abort ${id} --reason "..."`);
      });
    });
}
