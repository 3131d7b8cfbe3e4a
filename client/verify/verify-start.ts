/**
 * Re-verifies a cutover's start from its first run's input: the start statement's SSHSIG, the
 * auditor's key for the starter at the start's time, and what the statement binds (this cutover, this
 * runbook by digest, the starter, whether it adopted the weights DNS read, not expired). An unsigned start fails only where the cutover could
 * not have begun without one: a two-person gate under signed approvals. Pure.
 */
import { gatesNeedingVerifiedStart } from '../../workflows/decisions/start-proof';
import type { Runbook } from '../../workflows/runbook/schema';
import { checkSigner, type AllowedSigner } from '../../workflows/signing/allowed-signers';
import { parseStartStatement, runbookDigest } from '../../workflows/signing/start-statement';
import { DECISION_NAMESPACE } from '../../workflows/signing/statement';
import { verifySshsig } from '../../workflows/signing/sshsig';
import type { StartFacts } from './history-facts';

export interface StartCheck {
  principal: string;
  at: string;
  verified: boolean;
  /** Started without a signature: what the cutover itself recorded as not verified. */
  unsigned: boolean;
  keyType: string | null;
  fingerprint: string | null;
  problem: string | null;
  /** Whether this start makes the verification fail. */
  fails: boolean;
}

export function verifyStart(start: StartFacts, cutoverId: string, signers: AllowedSigner[], strict: boolean): StartCheck {
  const base = { principal: start.by, at: new Date(start.at).toISOString(), keyType: null, fingerprint: null };
  const refuse = (problem: string, key: Partial<StartCheck> = {}): StartCheck => ({ ...base, verified: false, unsigned: false, problem, fails: true, ...key });
  if (!start.signed) {
    const required = gatesNeedingVerifiedStart(start.runbook as Pick<Runbook, 'approvals' | 'gates'>).length > 0;
    const problem = required ? 'unsigned, though the runbook\'s two-person rule needs a signed start' : 'unsigned (recorded unverified by the cutover)';
    return { ...base, verified: false, unsigned: true, problem, fails: required || strict };
  }
  const signature = verifySshsig(start.signed.signature, new TextEncoder().encode(start.signed.statement), DECISION_NAMESPACE);
  if (!signature.ok) return refuse(`bad signature: ${signature.message}`);
  const key = { keyType: signature.publicKey.type, fingerprint: signature.fingerprint };
  const signer = checkSigner(signers, start.by, signature.publicKey, DECISION_NAMESPACE, start.at, signature.userVerified);
  if (!signer.ok) return refuse(signer.message, key);
  let problem: string | null;
  try {
    const statement = parseStartStatement(start.signed.statement);
    const binds = (field: string, got: string, want: string) => (got === want ? null : `the statement's ${field} is ${JSON.stringify(got)}, not ${JSON.stringify(want)}`);
    problem =
      binds('cutover', statement.cutoverId, cutoverId) ??
      binds('runbook digest', statement.runbook, runbookDigest(start.runbook)) ??
      binds('starter', statement.by, start.by) ??
      binds('choice to adopt the weights', String(statement.adoptWeights === true), String(start.adoptWeights)) ??
      (start.at > Date.parse(statement.expiresAt) ? `the statement expired at ${statement.expiresAt}, before the cutover started at ${base.at}` : null);
  } catch (error) {
    problem = `the statement cannot be read: ${(error as Error).message}`;
  }
  if (problem) return refuse(problem, key);
  return { ...base, ...key, verified: true, unsigned: false, problem: null, fails: false };
}
