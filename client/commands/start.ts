/**
 * `cutover start <runbook>`: validates the runbook, starts the cutover, and says what to run next. It
 * does not wait for preflight: a record that does not read 100% blue ends the cutover aborted before
 * any change, which `status` and `watch` show; `--adopt-weights` continues a half-done one instead.
 */
import type { Command } from 'commander';
import { describeTarget, resolveConnection, withConnectionOptions, type ConnectionFlags } from '../connection';
import { describeIdentity, resolveIdentity } from '../identity';
import { starterProblems } from '../../workflows/runbook/gate-rules';
import { RunbookError } from '../../workflows/runbook/problems';
import { UsageError } from '../errors';
import { loadRunbook } from '../runbook/load';
import { writesPlanOf } from '../runbook/plan-writes';
import { cutoverId, cutoverIdProblem } from '../start-cutover';
import { chooseKey } from '../signing/sign-decision';
import { prepareStart } from '../signing/sign-start';
import { expiryMs } from '../signing/statements';
import { withSpinner } from '../spinner';
import { withCutovers } from '../temporal';
import { resolveTaskQueue, taskQueueOption, type TaskQueueFlags } from '../task-queue';
import { palette, print } from '../terminal';
import { UNVERIFIED_NOTICE } from '../render/proof';
import { checkLeases } from '../lease-check';

type StartFlags = ConnectionFlags & TaskQueueFlags & { id?: string; as?: string; key?: string; expiresIn?: string; adoptWeights?: boolean };

export function startCommand(program: Command): void {
  const command = program
    .command('start')
    .description('Validate a runbook and start the cutover it describes; prints the cutover id and the commands to follow it')
    .argument('<runbook>', 'the runbook file (YAML)')
    .option('--id <id>', 'the cutover id (default: <runbook name>-<yyyyMMdd-HHmmss>)')
    .option('--as <name>', 'who starts it: the principal your key is listed under (default: CUTOVER_IDENTITY, the config file, the OS user)')
    .option('--key <file>', 'the private key file to sign the start with (default: "key:" in the config file, else the first key ssh-agent holds)')
    .option('--expires-in <duration>', 'how long the signed start may be used, e.g. 5m (default 10m, at most 1h)')
    .option(
      '--adopt-weights',
      'continue a half-done cutover from the weights DNS reads now, instead of refusing a record that is not 100% blue; signed with the start (never the default)',
    );
  taskQueueOption(command);
  withConnectionOptions(command)
    .addHelpText('after', '\nExample:\n  $ cutover start examples/orders-cutover.yaml --as olivia')
    .action(async (file: string, options: StartFlags) => {
      // Nothing is contacted until the arguments and the runbook are known to be valid.
      const idProblem = options.id === undefined ? null : cutoverIdProblem(options.id);
      if (idProblem) throw new UsageError(`--id ${idProblem}`);
      const runbook = loadRunbook(file);
      const identity = resolveIdentity({ flag: options.as, env: process.env });
      const starter = starterProblems(runbook, identity.name);
      if (starter.length > 0) throw new RunbookError(file, starter);
      const taskQueue = resolveTaskQueue(options);
      const expiresInMs = expiryMs(options.expiresIn);
      // The id is fixed before signing: the start statement binds it.
      const chosenId = options.id ?? cutoverId(runbook.name, new Date());
      const key = await chooseKey(options.key, process.env);
      const adoptWeights = options.adoptWeights === true;
      const prepared = await prepareStart(runbook, { id: chosenId, by: identity.name, key, now: Date.now(), expiresInMs, env: process.env, adoptWeights });
      const colour = palette();
      await withCutovers(options, async (cutovers) => {
        const id = await withSpinner('starting the cutover', () => cutovers.start(runbook, { id: chosenId, startedBy: identity.name, taskQueue, signedStart: prepared.signedStart, adoptWeights }));
        // Before anything changes the cutover takes the leases of what it changes; one held elsewhere ends it here.
        const leases = await checkLeases(cutovers, id, taskQueue);
        print(`started cutover ${colour.bold(id)} as ${describeIdentity(identity)}; ${prepared.note}`);
        print(`  runbook ${runbook.name} (${file}) on task queue ${taskQueue} at ${describeTarget(resolveConnection(options))}`);
        print(`  a worker must poll that task queue: cutover worker --task-queue ${taskQueue}`);
        if (leases === 'no-worker') print(`  no worker polls it yet: the cutover takes the leases of what it changes, before any change, once one does`);
        if (runbook.approvals === 'unverified') print(colour.bold(`  ${UNVERIFIED_NOTICE}: gates pass on the name the caller gives`));
        if (adoptWeights) print(colour.bold(`  --adopt-weights: the canary continues from the weights ${runbook.dns.record} reads at preflight, which this run then owns (a rollback sets 100% blue)`));
        const writes = writesPlanOf(runbook);
        for (const line of writes.lines) print(`  ${line}`);
        if (writes.warning) print(colour.bold(`  WARNING: ${writes.warning}`));
        print('');
        print('next:');
        print(`  cutover watch ${id}`);
        print(`  cutover status ${id}`);
        const firstGate = runbook.startGate ?? runbook.canary.steps.find((step) => step.gate)?.gate ?? runbook.signoffGate;
        const approvers = runbook.gates.find((gate) => gate.name === firstGate)?.approvers.join(' or ');
        if (firstGate) print(`  cutover approve ${id} --gate ${firstGate}    ${colour.dim(`(${approvers}, when it opens)`)}`);
        print(`  cutover abort ${id} --reason "..."`);
      });
    });
}
