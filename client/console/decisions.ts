/**
 * A signed-in person's decision, sent the way the CLI sends one: the statement built from the
 * cutover's own status by `prepareDecision` (the same `shown` digest check), with `via` naming the
 * OpenID Connect issuer and subject the console vouches for, signed with the console's key, and sent
 * through the one client. The cutover's validator answers; a refusal comes back in its own words.
 */
import type { Receipt } from '../../workflows/messages';
import type { Cutovers } from '../cutovers';
import { RefusedError, UsageError } from '../errors';
import { noWorkerError } from '../run-errors';
import { prepareDecision, type KeyChoice } from '../signing/sign-decision';
import { DEFAULT_EXPIRY_MS } from '../signing/statements';
import { decisionRequestOf, type DecisionKind } from './decision-request';
import type { Person } from './sessions';

export type DecisionTarget = Pick<Cutovers, 'snapshot' | 'decide'>;

export interface ConsoleDecided {
  receipt: Receipt;
  /** What happened about the signature: "signed with …" or why not. */
  note: string;
}

export async function decideAsPerson(target: DecisionTarget, key: KeyChoice, person: Person, id: string, kind: DecisionKind, body: unknown): Promise<ConsoleDecided> {
  const request = decisionRequestOf(kind, body, person.principal);
  if ('problem' in request) throw new UsageError(request.problem, 'decide again from the cutover page');
  const snapshot = await target.snapshot(id);
  // Nothing is sent to a cutover no worker answers: the person is told so, with where it last was.
  if (snapshot.noWorker && snapshot.execution.status === 'RUNNING') throw noWorkerError(id, snapshot.execution, snapshot.noWorker, `the ${kind} was not sent`);
  const gate = snapshot.status?.openGate;
  // The page showed one view of the gate; a decision is never signed for a view the person did not see.
  if (request.shown !== null && gate?.shown !== undefined && gate.shown !== request.shown) {
    throw new RefusedError(`gate "${gate.name}" shows something else now than when the page showed it`, 'look at the gate again and decide again');
  }
  const prepared = await prepareDecision(request.decision, {
    id,
    firstRunId: snapshot.execution.firstRunId,
    status: snapshot.status,
    key,
    now: Date.now(),
    expiresInMs: DEFAULT_EXPIRY_MS,
    env: process.env,
    via: { issuer: person.issuer, subject: person.subject },
  });
  return { receipt: await target.decide(id, prepared.decision), note: prepared.note };
}
