/**
 * Sending a person's decision to a running cutover (approve, reject, pause, resume, abort) under
 * their identity. The cutover's validator answers at once: an accepted decision prints the
 * cutover's receipt; a refused one becomes a RefusedError carrying the cutover's own message.
 */
import type { Command } from 'commander';
import type { Receipt } from '../workflows/messages';
import { freeTextProblem } from '../workflows/decisions/request';
import { escapeUnsafe } from '../workflows/runbook/text';
import { withConnectionOptions, type ConnectionFlags } from './connection';
import type { Cutovers, Decision } from './cutovers';
import { UsageError } from './errors';
import { describeIdentity, resolveIdentity } from './identity';
import { clockTime } from './render';
import { withSpinner } from './spinner';
import { withCutovers } from './temporal';
import { palette, print } from './terminal';

export interface DecisionFlags extends ConnectionFlags {
  as?: string;
}

/** --as and the connection options every decision command takes. */
export function decisionOptions(command: Command): Command {
  command.option('--as <name>', 'who decides, recorded in the timeline (default: CUTOVER_IDENTITY, the config file, the OS user)');
  return withConnectionOptions(command);
}

export async function sendDecision(
  id: string,
  flags: DecisionFlags,
  decision: (by: string) => Decision,
  before?: (cutovers: Cutovers, by: string) => Promise<void>,
): Promise<Receipt> {
  const identity = resolveIdentity({ flag: flags.as, env: process.env });
  const request = decision(identity.name);
  // Refused here, before anything is sent; the cutover would refuse it too.
  const { comment, reason } = request.request as { comment?: string; reason?: string };
  const problem = freeTextProblem('--comment', comment) ?? freeTextProblem('--reason', reason);
  if (problem) throw new UsageError(problem);
  const colour = palette();
  return withCutovers(flags, async (cutovers) => {
    await before?.(cutovers, identity.name);
    const receipt = await withSpinner(`asking cutover ${id} to ${request.kind}`, () => cutovers.decide(id, request));
    print(colour.green(escapeUnsafe(receipt.message, { oneLine: true })));
    print(colour.dim(`  recorded at ${clockTime(receipt.at)} as ${describeIdentity(identity)}`));
    return receipt;
  });
}
