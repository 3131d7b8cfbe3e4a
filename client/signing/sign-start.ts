/**
 * Signs a cutover's start with the starter's SSH key (the same key order as a decision), so the
 * cutover can verify who started it: the two-person rule keeps the starter from approving only if
 * the starter is proven. A runbook with a two-person gate under signed approvals cannot start
 * without a key; any other start is signed when a key is at hand and recorded as verified or not.
 * So must a start that adopts the weights DNS reads (`--adopt-weights`) under signed approvals: the
 * statement says so, and the cutover refuses an unproven one.
 */
import { gatesNeedingVerifiedStart } from '../../workflows/decisions/start-proof';
import type { Runbook } from '../../workflows/runbook/schema';
import { runbookDigest, startStatementText } from '../../workflows/signing/start-statement';
import type { SignedDecision } from '../../workflows/signing/verify-decision';
import { UsageError } from '../errors';
import type { KeyChoice } from './sign-decision';
import { signStatement, SigningError } from './sign-statement';

const START_KEY_HINT =
  'set up a key once: ssh-keygen -t ed25519 -f ~/.ssh/id_ed25519 && ssh-add ~/.ssh/id_ed25519, ask the worker\'s administrator to add ' +
  '"<your name> <the .pub line>" to its allowed signers; then start again (or pass --key <private key file>)';

export interface StartSigning {
  id: string;
  by: string;
  key: KeyChoice | null;
  /** Epoch ms. */
  now: number;
  expiresInMs: number;
  env: NodeJS.ProcessEnv;
  /** `--adopt-weights`: bound into the statement. */
  adoptWeights?: boolean;
}

export interface PreparedStart {
  signedStart?: SignedDecision;
  /** What happened about the signature, for the person. */
  note: string;
}

const iso = (ms: number) => new Date(ms).toISOString();

export function startText(runbook: Runbook, signing: Pick<StartSigning, 'id' | 'by' | 'now' | 'expiresInMs' | 'adoptWeights'>): string {
  return startStatementText({
    cutoverId: signing.id,
    runbook: runbookDigest(runbook),
    by: signing.by,
    signedAt: iso(signing.now),
    expiresAt: iso(signing.now + signing.expiresInMs),
    ...(signing.adoptWeights && { adoptWeights: true }),
  });
}

export async function prepareStart(runbook: Runbook, signing: StartSigning): Promise<PreparedStart> {
  if (runbook.approvals === 'unverified') return { note: 'not signed: identities are not verified in this cutover (approvals: unverified)' };
  const required = gatesNeedingVerifiedStart(runbook);
  const gates = required.map((gate) => `"${gate}"`).join(', ');
  const mustSign = required.length > 0 || signing.adoptWeights === true;
  if (!signing.key) {
    if (required.length > 0) throw new UsageError(`no SSH key to sign the start with: gate ${gates} follows the two-person rule, so the cutover must know who started it`, START_KEY_HINT);
    if (signing.adoptWeights) throw new UsageError('no SSH key to sign the start with: --adopt-weights continues a half-done cutover, a choice the cutover accepts only signed by its starter', START_KEY_HINT);
    return { note: 'not signed (no SSH key at hand): the start is recorded as not verified' };
  }
  try {
    const signedStart = await signStatement(startText(runbook, signing), { key: signing.key.file, env: signing.env });
    return { signedStart, note: `start signed${signing.adoptWeights ? ' with --adopt-weights' : ''} (key from ${signing.key.source})` };
  } catch (err) {
    if (!(err instanceof SigningError) || mustSign) throw err;
    return { note: `not signed (${err.message}): the start is recorded as not verified` };
  }
}
