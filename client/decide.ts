/**
 * Sending a person's decision to a running cutover (approve, reject, pause, resume, abort) under
 * their identity, signed with their SSH key. The cutover is read first: one that has ended or that no
 * worker answers is told so and nothing is sent. The cutover's validator answers at once: an accepted
 * decision prints the cutover's receipt; a refused one becomes a RefusedError carrying the
 * cutover's own message.
 */
import type { Command } from 'commander';
import type { Receipt } from '../workflows/messages';
import { freeTextProblem } from '../workflows/decisions/request';
import { escapeUnsafe } from '../workflows/runbook/text';
import { withConnectionOptions, type ConnectionFlags } from './connection';
import type { Decision, Snapshot } from './cutovers';
import { UsageError } from './errors';
import { describeIdentity, resolveIdentity } from './identity';
import { clockTime } from './render';
import { endedRefusal, noWorkerError } from './run-errors';
import { chooseKey, prepareDecision } from './signing/sign-decision';
import { expiryMs } from './signing/statements';
import { withSpinner } from './spinner';
import { withCutovers } from './temporal';
import { palette, print, printMoving } from './terminal';

export interface DecisionFlags extends ConnectionFlags {
  as?: string;
  key?: string;
  expiresIn?: string;
}

/** --as, --key, --expires-in and the connection options every decision command takes. */
export function decisionOptions(command: Command): Command {
  command
    .option('--as <name>', 'who decides: the principal your key is listed under (default: CUTOVER_IDENTITY, the config file, the OS user)')
    .option('--key <file>', 'the private key file to sign with (default: "key:" in the config file, else the first key ssh-agent holds)')
    .option('--expires-in <duration>', 'how long the signed decision may be used, e.g. 5m (default 10m, at most 1h)');
  return withConnectionOptions(command);
}

export async function sendDecision(
  id: string,
  flags: DecisionFlags,
  decision: (by: string) => Decision,
  before?: (snapshot: Snapshot, by: string) => void,
): Promise<Receipt> {
  const identity = resolveIdentity({ flag: flags.as, env: process.env });
  const request = decision(identity.name);
  // Refused here, before anything is sent; the cutover would refuse it too.
  const { comment, reason } = request.request as { comment?: string; reason?: string };
  const problem = freeTextProblem('--comment', comment) ?? freeTextProblem('--reason', reason);
  if (problem) throw new UsageError(problem);
  const expiresInMs = expiryMs(flags.expiresIn);
  const key = await chooseKey(flags.key, process.env);
  const colour = palette();
  return withCutovers(flags, async (cutovers) => {
    const snapshot = await withSpinner(`reading cutover ${id}`, () => cutovers.snapshot(id, { waitForMove: true, onMove: printMoving }));
    // A decision goes out only to a run that is going and answers: one the CLI could not read is never sent unsigned.
    if (snapshot.execution.status !== 'RUNNING') throw endedRefusal(id, snapshot.execution, snapshot.status);
    if (snapshot.noWorker) throw noWorkerError(id, snapshot.execution, snapshot.noWorker, `the ${request.kind} was not sent`);
    before?.(snapshot, identity.name);
    const prepared = await prepareDecision(request, {
      id,
      firstRunId: snapshot.execution.firstRunId,
      status: snapshot.status,
      key,
      now: Date.now(),
      expiresInMs,
      env: process.env,
    });
    const receipt = await withSpinner(`asking cutover ${id} to ${request.kind}`, () => cutovers.decide(id, prepared.decision));
    print(colour.green(escapeUnsafe(receipt.message, { oneLine: true })));
    print(colour.dim(`  recorded at ${clockTime(receipt.at)} as ${describeIdentity(identity)}; ${prepared.note}`));
    return receipt;
  });
}
