/**
 * How a pause, resume or abort was proven. These are never refused for want of a signature (stopping
 * must stay easy); the record says whether the person could be verified, and why not. Pure.
 */
import type { ControlRequest } from '../messages';
import { checkSigner } from '../signing/allowed-signers';
import { parseControlStatement, type ControlAction, type ControlStatement } from '../signing/control-statement';
import type { TrustedSigners } from '../signing/gate-signers';
import type { DecisionProof, DecisionVia } from '../signing/proof';
import { checkVouch } from '../signing/vouchers';
import { DECISION_NAMESPACE } from '../signing/statement';
import { verifySshsig } from '../signing/sshsig';

export interface ControlFacts {
  policy: 'signed' | 'unverified';
  cutoverId: string;
  firstRunId: string;
  trusted: TrustedSigners;
  /** Epoch ms: the workflow's time. */
  now: number;
}

/** Why the statement does not speak of this request to this cutover, or null when it does. */
function statementMismatch(statement: ControlStatement, action: ControlAction, request: ControlRequest, facts: ControlFacts): string | null {
  if (statement.cutoverId !== facts.cutoverId || statement.firstRunId !== facts.firstRunId) return 'another-cutover';
  if (statement.action !== action) return 'another-action';
  if (statement.by !== request.by) return 'another-signer';
  if (statement.reason !== (request.reason ?? null)) return 'another-decision';
  if (facts.now > Date.parse(statement.expiresAt)) return 'expired';
  return null;
}

export function controlProof(action: ControlAction, request: ControlRequest, facts: ControlFacts): DecisionProof {
  const signed = request.signed ?? null;
  const unverified = (because: string): DecisionProof => ({
    verified: false,
    principal: request.by,
    keyType: null,
    fingerprint: null,
    statement: signed?.statement ?? null,
    signature: signed?.signature ?? null,
    unverifiedBecause: because,
  });
  if (facts.policy === 'unverified') return unverified('approvals-unverified');
  if (!signed?.statement || !signed.signature) return unverified('unsigned');
  let statement: ControlStatement;
  try {
    statement = parseControlStatement(signed.statement);
  } catch {
    return unverified('malformed');
  }
  const signature = verifySshsig(signed.signature, new TextEncoder().encode(signed.statement), DECISION_NAMESPACE);
  if (!signature.ok) return unverified(signature.reason === 'malformed' ? 'malformed' : 'bad-signature');
  const { consoles } = facts.trusted;
  let via: DecisionVia | null = null;
  if (statement.via) {
    const vouch = checkVouch([...consoles.signers, ...facts.trusted.signers], consoles.vouchers, signature.publicKey, statement.via, request.by, facts.now);
    if (!vouch.ok) return unverified(vouch.reason);
    via = vouch.via;
  } else {
    const signer = checkSigner(facts.trusted.signers, request.by, signature.publicKey, DECISION_NAMESPACE, facts.now, signature.userVerified);
    if (!signer.ok) {
      if (signer.reason === 'unknown-key' && consoles.signers.some((entry) => entry.fingerprint === signature.fingerprint)) return unverified('console-without-via');
      if (signer.reason === 'unknown-key') return unverified(facts.trusted.others[signature.fingerprint] ? 'other-principal' : 'unknown-key');
      return unverified(signer.reason === 'other-principal' ? 'other-principal' : 'key-not-valid');
    }
  }
  const mismatch = statementMismatch(statement, action, request, facts);
  if (mismatch) return unverified(mismatch);
  return { verified: true, principal: request.by, keyType: signature.publicKey.type, fingerprint: signature.fingerprint, statement: signed.statement, signature: signed.signature, unverifiedBecause: null, via };
}
