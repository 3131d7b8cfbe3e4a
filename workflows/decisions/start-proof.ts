/**
 * How a cutover's start was proven, and whether the runbook lets it begin unproven. Under the
 * two-person rule the starter may not approve; that binds only if the starter is who they say, so a
 * signed runbook with such a gate begins only from a start signed by the named starter. Adopting the
 * weights DNS reads (`--adopt-weights`) lets a run continue where another left off; under signed
 * approvals only a proven starter whose statement says so may choose that. Pure.
 */
import type { Runbook } from '../runbook/schema';
import { escapeUnsafe } from '../runbook/text';
import { checkSigner } from '../signing/allowed-signers';
import type { TrustedSigners } from '../signing/gate-signers';
import type { DecisionProof } from '../signing/proof';
import { parseStartStatement, runbookDigest, type StartStatement } from '../signing/start-statement';
import { DECISION_NAMESPACE } from '../signing/statement';
import { verifySshsig } from '../signing/sshsig';
import type { SignedDecision } from '../signing/verify-decision';

export interface StartFacts {
  policy: 'signed' | 'unverified';
  cutoverId: string;
  runbook: Runbook;
  startedBy: string;
  /** The start asks to continue from the weights DNS reads; the statement must say the same. */
  adoptWeights: boolean;
  /** Null when the worker has no allowed-signers file. */
  trusted: TrustedSigners | null;
  /** Epoch ms: the workflow's time at preflight. */
  now: number;
}

/** The gates that make a verified start necessary: under `approvals: signed`, those under the two-person rule. */
export function gatesNeedingVerifiedStart(runbook: Pick<Runbook, 'approvals' | 'gates'>): string[] {
  if (runbook.approvals === 'unverified') return [];
  return runbook.gates.filter((gate) => gate.twoPersonRule).map((gate) => gate.name);
}

/** Why the statement does not speak of this start, or null when it does. */
function statementMismatch(statement: StartStatement, facts: StartFacts): string | null {
  if (statement.cutoverId !== facts.cutoverId) return 'another-cutover';
  if (statement.runbook !== runbookDigest(facts.runbook)) return 'another-runbook';
  if (statement.by !== facts.startedBy) return 'another-signer';
  if ((statement.adoptWeights === true) !== facts.adoptWeights) return 'another-choice';
  if (facts.now > Date.parse(statement.expiresAt)) return 'expired';
  return null;
}

export function startProof(signed: SignedDecision | null | undefined, facts: StartFacts): DecisionProof {
  const unverified = (because: string, key: { keyType: string; fingerprint: string } | null = null): DecisionProof => ({
    verified: false,
    principal: facts.startedBy,
    keyType: key?.keyType ?? null,
    fingerprint: key?.fingerprint ?? null,
    statement: signed?.statement ?? null,
    signature: signed?.signature ?? null,
    unverifiedBecause: because,
  });
  if (facts.policy === 'unverified') return unverified('approvals-unverified');
  if (!signed?.statement || !signed.signature) return unverified('unsigned');
  if (!facts.trusted) return unverified('no-allowed-signers');
  let statement: StartStatement;
  try {
    statement = parseStartStatement(signed.statement);
  } catch {
    return unverified('malformed');
  }
  const signature = verifySshsig(signed.signature, new TextEncoder().encode(signed.statement), DECISION_NAMESPACE);
  if (!signature.ok) return unverified(signature.reason === 'malformed' ? 'malformed' : 'bad-signature');
  const key = { keyType: signature.publicKey.type, fingerprint: signature.fingerprint };
  const signer = checkSigner(facts.trusted.signers, facts.startedBy, signature.publicKey, DECISION_NAMESPACE, facts.now, signature.userVerified);
  if (!signer.ok) {
    if (signer.reason === 'unknown-key') return unverified(facts.trusted.others[signature.fingerprint] ? 'other-principal' : 'unknown-key', key);
    return unverified(signer.reason === 'other-principal' ? 'other-principal' : 'key-not-valid', key);
  }
  const mismatch = statementMismatch(statement, facts);
  if (mismatch) return unverified(mismatch, key);
  return { verified: true, principal: facts.startedBy, ...key, statement: signed.statement, signature: signed.signature, unverifiedBecause: null };
}

/** A cutover a wave started: the wave's starter is not proven by a signature. */
export function startedByWave(startedBy: string): DecisionProof {
  return { verified: false, principal: startedBy, keyType: null, fingerprint: null, statement: null, signature: null, unverifiedBecause: 'started-by-wave' };
}

const WHY: Record<string, string> = {
  unsigned: 'the start is not signed',
  'no-allowed-signers': 'this worker has no allowed signers to verify the start with (start the worker with --allowed-signers <file>)',
  malformed: 'the start statement cannot be read',
  'bad-signature': 'the start signature does not verify over its statement',
  'unknown-key': 'the start was signed with a key that is not in the worker\'s allowed signers',
  'other-principal': 'the start was signed with a key listed under another principal',
  'key-not-valid': 'the starter\'s key may not sign now (its namespaces or validity in the allowed signers)',
  'another-cutover': 'the start statement names another cutover',
  'another-runbook': 'the start statement was signed for another runbook (its digest differs)',
  'another-signer': 'the start statement names another starter',
  'another-choice': 'the start statement does not say what the start does about adopting the weights DNS reads (--adopt-weights)',
  expired: 'the start statement had expired when the cutover began',
};

/**
 * Why this run may not begin, or null. A runbook with a two-person gate under signed approvals needs a
 * verified start; so does a start that adopts the weights DNS reads, under signed approvals: it
 * continues a half-done cutover instead of starting from 100% blue, a choice that must carry proof of who made it.
 */
export function startRefusal(proof: DecisionProof, runbook: Pick<Runbook, 'approvals' | 'gates'>, adoptWeights = false): string | null {
  if (proof.verified) return null;
  const why = WHY[proof.unverifiedBecause ?? 'unsigned'] ?? proof.unverifiedBecause;
  const who = `the start by ${escapeUnsafe(proof.principal, { oneLine: true })} is not verified (${why})`;
  const howToSign = "start with cutover start, which signs with your SSH key, as a principal in the worker's allowed signers";
  const gates = gatesNeedingVerifiedStart(runbook);
  if (gates.length > 0) return `${who}; gate ${gates.map((gate) => `"${gate}"`).join(', ')} follows the two-person rule, so the starter must be proven: ${howToSign}`;
  if (adoptWeights && runbook.approvals !== 'unverified') {
    return `${who}; --adopt-weights continues from the weights DNS reads instead of 100% blue, which under approvals: signed needs a proven starter: ${howToSign} --adopt-weights`;
  }
  return null;
}
