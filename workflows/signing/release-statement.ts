/**
 * The statement a person signs to release a resource lease by hand (`cutover release`): bound to the
 * resource, the holder it takes the lease from (its cutover and first run), who and why, and short
 * lived, so it cannot be replayed against a later holder. Verified by the lease against the worker's
 * allowed signers, and refused unless it verifies: releasing lets another cutover change the resource.
 */
import { checkSigner } from './allowed-signers';
import type { TrustedSigners } from './gate-signers';
import type { DecisionProof } from './proof';
import { DECISION_NAMESPACE, readFieldLines, requireUtcTimes, StatementFormatError } from './statement';
import { verifySshsig } from './sshsig';
import type { SignedDecision } from './verify-decision';

const HEADER = 'cutover-release v1';

export interface ReleaseStatement {
  resource: string;
  holder: string;
  holderFirstRunId: string;
  by: string;
  reason: string;
  /** ISO 8601 UTC, milliseconds. */
  signedAt: string;
  expiresAt: string;
}

const FIELDS: Array<[keyof ReleaseStatement, string]> = [
  ['resource', 'resource'],
  ['holder', 'holder'],
  ['holderFirstRunId', 'holder-first-run'],
  ['by', 'by'],
  ['reason', 'reason'],
  ['signedAt', 'signed'],
  ['expiresAt', 'expires'],
];

export function releaseStatementText(statement: ReleaseStatement): string {
  return `${HEADER}\n${FIELDS.map(([field, key]) => `${key}: ${JSON.stringify(statement[field])}`).join('\n')}\n`;
}

/** Reads a release statement back; only the canonical form is accepted. */
export function parseReleaseStatement(text: string): ReleaseStatement {
  const lines = text.split('\n');
  if (lines[0] !== HEADER) throw new StatementFormatError(`a release statement starts with "${HEADER}"`);
  const statement = readFieldLines(lines, FIELDS) as unknown as ReleaseStatement;
  for (const [field] of FIELDS) if (typeof statement[field] !== 'string') throw new StatementFormatError(`the statement's ${field} must be a string`);
  requireUtcTimes(statement, ['signedAt', 'expiresAt']);
  if (releaseStatementText(statement) !== text) throw new StatementFormatError('the statement is not in its canonical form (extra lines, spacing or escapes)');
  return statement;
}

export interface ReleaseFacts {
  resource: string;
  holder: { cutover: string; firstRunId: string };
  by: string;
  reason: string;
  trusted: TrustedSigners;
  /** Epoch ms: the lease workflow's time. */
  now: number;
}

/** The proof of a hand release: verified, or why not (the lease refuses it then). */
export function releaseProof(signed: SignedDecision | undefined, facts: ReleaseFacts): DecisionProof {
  const unverified = (because: string): DecisionProof => ({
    verified: false,
    principal: facts.by,
    keyType: null,
    fingerprint: null,
    statement: signed?.statement ?? null,
    signature: signed?.signature ?? null,
    unverifiedBecause: because,
  });
  if (!signed?.statement || !signed.signature) return unverified('unsigned');
  let statement: ReleaseStatement;
  try {
    statement = parseReleaseStatement(signed.statement);
  } catch {
    return unverified('malformed');
  }
  const signature = verifySshsig(signed.signature, new TextEncoder().encode(signed.statement), DECISION_NAMESPACE);
  if (!signature.ok) return unverified(signature.reason === 'malformed' ? 'malformed' : 'bad-signature');
  const signer = checkSigner(facts.trusted.signers, facts.by, signature.publicKey, DECISION_NAMESPACE, facts.now, signature.userVerified);
  if (!signer.ok) {
    if (signer.reason === 'unknown-key') return unverified(facts.trusted.others[signature.fingerprint] ? 'other-principal' : 'unknown-key');
    return unverified(signer.reason === 'other-principal' ? 'other-principal' : 'key-not-valid');
  }
  if (statement.resource !== facts.resource) return unverified('another-resource');
  if (statement.holder !== facts.holder.cutover || statement.holderFirstRunId !== facts.holder.firstRunId) return unverified('another-holder');
  if (statement.by !== facts.by) return unverified('another-signer');
  if (statement.reason !== facts.reason) return unverified('another-decision');
  if (facts.now > Date.parse(statement.expiresAt)) return unverified('expired');
  return { verified: true, principal: facts.by, keyType: signature.publicKey.type, fingerprint: signature.fingerprint, statement: signed.statement, signature: signed.signature, unverifiedBecause: null };
}

/** Words for a refused hand release, by its reason. */
export function releaseRefusalMessage(because: string): string {
  const words: Record<string, string> = {
    unsigned: 'a release must be signed: release with the cutover command line, which signs with your SSH key',
    malformed: 'the signed statement is not a release statement in its canonical form',
    'bad-signature': 'the signature does not verify over the statement',
    'unknown-key': "the signing key is not in the worker's allowed signers",
    'other-principal': "the signing key is listed under another principal in the worker's allowed signers",
    'key-not-valid': "the signing key is not valid for decisions now (see its options in the worker's allowed signers)",
    'another-resource': 'the statement was signed for another resource',
    'another-holder': 'the statement was signed for another holder of this lease: look at it again (cutover leases) and sign again',
    'another-signer': 'the statement was signed by another person than the release names',
    'another-decision': 'the statement gives another reason than the release sent',
    expired: 'the statement has expired; sign again',
    'no-signers': "the worker has no allowed signers to verify a release with: start it with --allowed-signers <file>",
  };
  return words[because] ?? because;
}
