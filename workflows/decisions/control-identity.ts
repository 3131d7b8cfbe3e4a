/**
 * Who a pause, resume or abort is recorded as, and whether a resume may go on. A name is recorded
 * only when a signature proved it: a console's signed-in person no voucher maps is recorded by the
 * issuer and subject the console named (`unverified: <issuer>/<subject>`), a CLI control without a
 * trusted key as the name typed, marked so (`unverified: typed "bob"`). Under `approvals: signed`
 * a resume lets a held cutover go on, so, like an approval, it needs a verified identity; pause and
 * abort only stop or hold the run and stay always possible. Pure.
 */
import { escapeUnsafe } from '../runbook/text';
import { parseControlStatement } from '../signing/control-statement';
import type { DecisionProof } from '../signing/proof';
import type { StatementVia } from '../signing/statement';

const visible = (text: string) => escapeUnsafe(text, { oneLine: true });

/** The issuer and subject a control's statement names, when a console signed it (proven or not). */
function claimedVia(proof: DecisionProof): StatementVia | null {
  if (proof.statement === null) return null;
  try {
    return parseControlStatement(proof.statement).via ?? null;
  } catch {
    return null;
  }
}

/** `unverified: https://login.example.com/00u1abcd`: the person as the console named them, never as the name they claim. */
export function unvouchedName(via: StatementVia): string {
  return `unverified: ${visible(via.issuer.replace(/\/$/, ''))}/${visible(via.subject)}`;
}

/**
 * The name recorded for a control (timeline `by` and message, `paused.by`, the stop's `by`): the
 * principal when proven, or under `approvals: unverified` (where no name is proven and the run says so).
 */
export function controlIdentity(claimed: string, proof: DecisionProof): string {
  if (proof.verified || proof.unverifiedBecause === 'approvals-unverified') return claimed;
  const via = claimedVia(proof);
  return via ? unvouchedName(via) : `unverified: typed "${visible(claimed)}"`;
}

const BECAUSE: Record<string, string> = {
  unsigned: 'it is not signed',
  'unknown-subject': 'the console\'s vouchers map that signed-in subject to no approver',
  'subject-not-principal': 'the console\'s vouchers map that signed-in subject to another approver',
  'unknown-key': 'its key is not in the worker\'s allowed signers',
  'other-principal': 'its key belongs to someone else',
  'key-not-valid': 'its key is not valid now',
  expired: 'its statement expired',
};

/** Why a resume may not go on under this proof, or null when it may. */
export function resumeRefusal(cutoverId: string, proof: DecisionProof): string | null {
  if (proof.verified || proof.unverifiedBecause === 'approvals-unverified') return null;
  const via = claimedVia(proof);
  const who = via ? unvouchedName(via) : visible(proof.principal);
  const because = BECAUSE[proof.unverifiedBecause ?? 'unsigned'] ?? `it did not verify (${proof.unverifiedBecause})`;
  return (
    `a resume lets a held cutover go on, so under approvals: signed it needs a verified identity, and ${who}'s is not (${because}): ` +
    `sign it with a key the worker trusts (cutover resume ${cutoverId} --as <you> --key <private key file>), ` +
    'or resume from the console signed in as a subject its vouchers map to an approver'
  );
}
