/**
 * `cutover wave approve|reject <id> --gate <name>`: a decision at the wave's own start or sign-off
 * gate, signed as `cutover approve` signs one (a gate of one application goes to that application's
 * cutover: cutover approve <cutover id>).
 */
import type { Command } from 'commander';
import { freeTextProblem } from '../../workflows/decisions/request';
import { escapeUnsafe } from '../../workflows/runbook/text';
import { decisionOptions, type DecisionFlags } from '../decide';
import { RefusedError, UnreachableError, UsageError } from '../errors';
import { describeIdentity, resolveIdentity } from '../identity';
import { clockTime } from '../render';
import { chooseKey } from '../signing/sign-decision';
import { expiryMs } from '../signing/statements';
import { withSpinner } from '../spinner';
import { palette, print } from '../terminal';
import { prepareWaveDecision, type WaveDecision } from '../wave/sign-wave-decision';
import { withWaves } from '../wave/with-waves';

type Flags = DecisionFlags & { gate: string; comment?: string; reason?: string };

export function waveDecideCommands(wave: Command): void {
  const approve = wave
    .command('approve')
    .description("Approve the wave's open gate (start or sign-off); refused (exit 4) when the gate is not open or you may not approve it")
    .argument('<id>', 'the wave id')
    .requiredOption('--gate <name>', "the gate to approve (the one open now: see cutover wave status <id>)")
    .option('--comment <text>', 'why, recorded with the approval');
  decisionOptions(approve)
    .addHelpText('after', '\nExample:\n  $ cutover wave approve orders-wave-20260301-091500 --gate go --as bob --comment "window open"')
    .action((id: string, options: Flags) => decide(id, options, (by) => ({ kind: 'approve', request: { gate: options.gate, by, ...(options.comment ? { comment: options.comment } : {}) } })));
  const reject = wave
    .command('reject')
    .description("Reject the wave's open gate: at the start gate no application starts; at sign-off the wave ends not signed off")
    .argument('<id>', 'the wave id')
    .requiredOption('--gate <name>', 'the gate to reject')
    .requiredOption('--reason <text>', "why, recorded in the wave's timeline");
  decisionOptions(reject)
    .addHelpText('after', '\nExample:\n  $ cutover wave reject orders-wave-20260301-091500 --gate go --as bob --reason "change freeze"')
    .action((id: string, options: Flags) => decide(id, options, (by) => ({ kind: 'reject', request: { gate: options.gate, by, reason: options.reason! } })));
}

async function decide(id: string, flags: Flags, decision: (by: string) => WaveDecision): Promise<void> {
  const identity = resolveIdentity({ flag: flags.as, env: process.env });
  const wanted = decision(identity.name);
  const problem = freeTextProblem('--comment', flags.comment) ?? freeTextProblem('--reason', flags.reason);
  if (problem) throw new UsageError(problem);
  const expiresInMs = expiryMs(flags.expiresIn);
  const key = await chooseKey(flags.key, process.env);
  const colour = palette();
  await withWaves(flags, async (waves) => {
    const snapshot = await withSpinner(`reading wave ${id}`, () => waves.snapshot(id));
    if (snapshot.execution.status !== 'RUNNING') throw new RefusedError(`wave ${id} already ended`, `see its record: cutover wave report ${id}`);
    if (snapshot.noWorker) throw new UnreachableError(`${snapshot.noWorker.message}; wave ${id} is running; the ${wanted.kind} was not sent`, `start a worker: cutover worker --task-queue ${snapshot.execution.taskQueue}`);
    const prepared = await prepareWaveDecision(wanted, {
      id,
      firstRunId: snapshot.execution.firstRunId,
      status: snapshot.status,
      key,
      now: Date.now(),
      expiresInMs,
      env: process.env,
    });
    const receipt = await withSpinner(`asking wave ${id} to ${prepared.decision.kind}`, () => waves.decide(id, prepared.decision));
    print(colour.green(escapeUnsafe(receipt.message, { oneLine: true })));
    print(colour.dim(`  recorded at ${clockTime(receipt.at)} as ${describeIdentity(identity)}; ${prepared.note}`));
  });
}
