/**
 * A signed gate decision, checked end to end in pure code: the SSHSIG verifies over the statement in
 * the decisions namespace, the worker's allowed signers give the signing key to the principal who
 * claims the decision, and the statement speaks of this gate's current opening. Whether that
 * principal may decide the gate at all stays with `refuseGateDecision`.
 */
import { checkSigner, type AllowedSigner } from './allowed-signers';
import type { DecisionVia } from './proof';
import { verifySshsig } from './sshsig';
import { checkVouch, type ConsoleVoucher, type VouchRefusalReason } from './vouchers';
import { DECISION_NAMESPACE, parseStatement, refuseStatement, statementBytes, type DecisionRequestFacts, type DecisionStatement, type OpenGateFacts, type StatementRefusalReason } from './statement';

export interface SignedDecision {
  /** The canonical statement text, exactly as signed. */
  statement: string;
  /** The armored SSHSIG (`-----BEGIN SSH SIGNATURE-----` …). */
  signature: string;
}

export type DecisionVerdict =
  | { ok: true; statement: DecisionStatement; principal: string; keyType: string; fingerprint: string; via: DecisionVia | null }
  | { ok: false; reason: DecisionRefusalReason; message: string };

export type DecisionRefusalReason =
  | 'unsigned'
  | 'malformed'
  | 'bad-signature'
  | 'unknown-key'
  | 'other-principal'
  | 'key-not-valid'
  | 'console-without-via'
  | VouchRefusalReason
  | StatementRefusalReason;

/** The consoles that may vouch for people at this gate: their keys and their voucher entries. */
export interface ConsoleTrust {
  signers: AllowedSigner[];
  vouchers: ConsoleVoucher[];
}

const NO_CONSOLES: ConsoleTrust = { signers: [], vouchers: [] };

export function verifySignedDecision(
  signed: SignedDecision | null | undefined,
  signers: AllowedSigner[],
  gate: OpenGateFacts,
  request: DecisionRequestFacts,
  now: number,
  consoles: ConsoleTrust = NO_CONSOLES,
): DecisionVerdict {
  if (!signed || !signed.signature || !signed.statement) {
    return { ok: false, reason: 'unsigned', message: 'the decision is not signed: decide with the cutover command line, which signs with your SSH key' };
  }
  let statement: DecisionStatement;
  try {
    statement = parseStatement(signed.statement);
  } catch (error) {
    return { ok: false, reason: 'malformed', message: (error as Error).message };
  }
  const signature = verifySshsig(signed.signature, statementBytes(statement), DECISION_NAMESPACE);
  if (!signature.ok) return { ok: false, reason: signature.reason === 'malformed' ? 'malformed' : 'bad-signature', message: signature.message };
  let via: DecisionVia | null = null;
  if (statement.via) {
    // A person's own key is looked up too, so its vouching is refused as "not a console", not "unknown".
    const vouch = checkVouch([...consoles.signers, ...signers], consoles.vouchers, signature.publicKey, statement.via, request.by, now);
    if (!vouch.ok) return vouch;
    via = vouch.via;
  } else {
    const signer = checkSigner(signers, request.by, signature.publicKey, DECISION_NAMESPACE, now, signature.userVerified);
    if (!signer.ok) {
      if (signer.reason === 'unknown-key' && consoles.signers.some((entry) => entry.fingerprint === signature.fingerprint)) {
        return { ok: false, reason: 'console-without-via', message: `key ${signature.publicKey.type} ${signature.fingerprint} is a console's: a console signs only for a signed-in person, naming them with "via"` };
      }
      const reason = signer.reason === 'unknown-key' || signer.reason === 'other-principal' ? signer.reason : 'key-not-valid';
      return { ok: false, reason, message: signer.message };
    }
  }
  const refusal = refuseStatement(statement, gate, request, now);
  if (refusal) return { ok: false, ...refusal };
  return { ok: true, statement, principal: request.by, keyType: signature.publicKey.type, fingerprint: signature.fingerprint, via };
}
