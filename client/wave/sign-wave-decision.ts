/**
 * Signs a decision at a wave's gate, as `cutover approve` signs one at a cutover's: the statement names
 * the wave's id and first run, the gate's opening, and the digest of what the gate shows (each
 * application's state), checked against the wave's own digest before anything is signed. A gate whose
 * status could not be read is never decided: nothing is signed, nothing is sent.
 */
import type { ApproveRequest, RejectRequest } from '../../workflows/messages';
import { statementText } from '../../workflows/signing/statement';
import { waveGateDigest } from '../../workflows/wave/gate';
import type { WaveStatus } from '../../workflows/wave/messages';
import { UnreachableError, UsageError } from '../errors';
import { signStatement } from '../signing/sign-statement';
import { ViewMismatchError } from '../signing/statements';
import type { KeyChoice } from '../signing/sign-decision';

export type WaveDecision = { kind: 'approve'; request: ApproveRequest } | { kind: 'reject'; request: RejectRequest };

export interface WaveSigningContext {
  id: string;
  firstRunId: string;
  status: WaveStatus | null;
  key: KeyChoice | null;
  now: number;
  expiresInMs: number;
  env: NodeJS.ProcessEnv;
}

export async function prepareWaveDecision(decision: WaveDecision, context: WaveSigningContext): Promise<{ decision: WaveDecision; note: string }> {
  // Unread, the gate cannot be signed for; sent unsigned, a decision meant to be signed would be recorded as a typed name.
  if (!context.status) throw new UnreachableError(`cannot read gate "${decision.request.gate}" of wave ${context.id}: no worker answered; the decision was not sent`, `decide again once it answers: cutover wave status ${context.id}`);
  const gate = context.status.openGate;
  // Not open (or the wave is over): the wave refuses it in its own words; nothing to sign.
  if (context.status.outcome !== 'running' || !gate || gate.name !== decision.request.gate) return { decision, note: 'not signed: the gate is not open' };
  if (context.status.approvals === 'unverified') return { decision, note: 'not signed: identities are not verified in this wave (approvals: unverified)' };
  if (!context.key) {
    throw new UsageError(
      `no SSH key to sign this ${decision.kind === 'approve' ? 'approval' : 'rejection'} with: gate "${gate.name}" takes signed decisions only`,
      'set up a key (ssh-keygen -t ed25519, ssh-add) and have it added to the worker\'s allowed signers under your name; or pass --key <private key file>',
    );
  }
  const seen = waveGateDigest(gate);
  if (gate.shown !== undefined && gate.shown !== seen) throw new ViewMismatchError(gate.name, gate.shown, seen);
  const statement = statementText({
    cutoverId: context.id,
    firstRunId: context.firstRunId,
    gate: gate.name,
    by: decision.request.by,
    decision: decision.kind,
    reason: decision.kind === 'approve' ? (decision.request.comment ?? null) : decision.request.reason,
    gateOpenedAt: new Date(Date.parse(gate.openedAt)).toISOString(),
    shown: seen,
    expiresAt: new Date(context.now + context.expiresInMs).toISOString(),
  });
  const signed = await signStatement(statement, { key: context.key.file, env: context.env });
  return { decision: { ...decision, request: { ...decision.request, signed } } as WaveDecision, note: `signed with the key from ${context.key.source}` };
}
