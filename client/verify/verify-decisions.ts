/**
 * Re-verifies, from history alone, every decision a cutover accepted: its request is in history with
 * the very signature the cutover recorded (by digest), the SSHSIG verifies over the statement in the
 * decisions namespace, the auditor's allowed signers give the key to the principal at the event's
 * time, and the statement binds this cutover, its first run, the gate or action, the decision and
 * its reason, the principal, and was not expired when it arrived. Pure: the command does the I/O.
 */
import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex } from '@noble/hashes/utils';
import { checkSigner, type AllowedSigner } from '../../workflows/signing/allowed-signers';
import { parseControlStatement } from '../../workflows/signing/control-statement';
import { verifySshsig } from '../../workflows/signing/sshsig';
import type { DecisionVia } from '../../workflows/signing/proof';
import { DECISION_NAMESPACE, parseStatement, type StatementVia } from '../../workflows/signing/statement';
import { checkVouch, type ConsoleVoucher } from '../../workflows/signing/vouchers';
import { auditEffects, type EffectProblem } from './audit-effects';
import type { AcceptedDecision, DecisionRequest, HistoryFacts } from './history-facts';
import { verifyStart, type StartCheck } from './verify-start';

export interface DecisionCheck {
  seq: number;
  action: AcceptedDecision['memo']['action'];
  gate: string | null;
  principal: string;
  at: string;
  verified: boolean;
  keyType: string | null;
  fingerprint: string | null;
  /** The console that vouched for the principal, when one did and it verified. */
  via: DecisionVia | null;
  /** Why not, when not verified. */
  problem: string | null;
  /** A pause, resume or abort sent without a signature, which the cutover recorded as not verified. */
  unsigned: boolean;
  /** Whether this decision makes the verification fail (see `unsignedControlFails`). */
  fails: boolean;
}

export interface Verification {
  cutoverId: string;
  firstRunId: string | null;
  /** Problems of the run as a whole (its policy, a missing first run). */
  runProblems: string[];
  /** Null when the history holds no start (its first run is missing). */
  start: StartCheck | null;
  decisions: DecisionCheck[];
  /** Gates passed, resumes that took effect and accepted updates that no accepted, verified decision in the memo stands behind. */
  effects: EffectProblem[];
  ok: boolean;
}

/**
 * Does an unsigned control fail the verification? The cutover never blocks a pause, resume or abort
 * for want of a signature (stopping must stay easy) and records it as not verified. An unsigned abort
 * or pause can only stop or hold the run, and the automatic rollback watches on through a pause: an
 * attacker gains nothing by it. An unsigned resume lets a held run go on, so it fails, as every
 * unsigned control does under --strict.
 */
export function unsignedControlFails(action: DecisionCheck['action'], strict: boolean): boolean {
  return strict || action === 'resume';
}

export function signatureDigest(signature: string): string {
  return `sha256:${bytesToHex(sha256(new TextEncoder().encode(signature)))}`;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The request the memo speaks of: same action, channel, principal and gate, before the memo, not refused, by signature digest. */
function requestFor(accepted: AcceptedDecision, requests: DecisionRequest[]): DecisionRequest[] {
  const { memo } = accepted;
  return requests.filter((request) => request.order < accepted.order && request.completed !== 'failure' && request.action === memo.action && request.via === memo.via && request.by === memo.principal && (memo.gate === null || request.gate === memo.gate));
}

function statementProblem(request: DecisionRequest, cutoverId: string, firstRunId: string): { problem: string | null; expiresAt: string | null } {
  const signed = request.signed!;
  const binds = (field: string, got: unknown, want: unknown) => (got === want ? null : `the statement's ${field} is ${JSON.stringify(got)}, not ${JSON.stringify(want)}`);
  try {
    if (request.action === 'approve' || request.action === 'reject') {
      const statement = parseStatement(signed.statement);
      const problem =
        binds('cutover', statement.cutoverId, cutoverId) ??
        binds('first run', statement.firstRunId, firstRunId) ??
        binds('gate', statement.gate, request.gate) ??
        binds('decision', statement.decision, request.action) ??
        binds('reason', statement.reason, request.reason) ??
        binds('signer', statement.by, request.by) ??
        (Date.parse(statement.gateOpenedAt) > request.at ? `the statement speaks of a gate opening at ${statement.gateOpenedAt}, after the decision arrived` : null);
      return { problem, expiresAt: statement.expiresAt };
    }
    const statement = parseControlStatement(signed.statement);
    const problem =
      binds('cutover', statement.cutoverId, cutoverId) ??
      binds('first run', statement.firstRunId, firstRunId) ??
      binds('action', statement.action, request.action) ??
      binds('reason', statement.reason, request.reason) ??
      binds('signer', statement.by, request.by);
    return { problem, expiresAt: statement.expiresAt };
  } catch (error) {
    return { problem: `the statement cannot be read: ${(error as Error).message}`, expiresAt: null };
  }
}

/** The console's vouching a statement carries, if it does (a statement that cannot be read is judged later). */
function statementVia(request: DecisionRequest): StatementVia | null {
  const gateDecision = request.action === 'approve' || request.action === 'reject';
  try {
    return (gateDecision ? parseStatement(request.signed!.statement) : parseControlStatement(request.signed!.statement)).via ?? null;
  } catch {
    return null;
  }
}

function check(accepted: AcceptedDecision, facts: HistoryFacts, cutoverId: string, signers: AllowedSigner[], vouchers: ConsoleVoucher[] | null, strict: boolean): DecisionCheck {
  const { memo } = accepted;
  const base = { seq: memo.seq, action: memo.action, gate: memo.gate, principal: memo.principal, at: memo.at ?? iso(accepted.at), keyType: null, fingerprint: memo.fingerprint, via: null, unsigned: false };
  const refuse = (problem: string, extra: Partial<DecisionCheck> = {}): DecisionCheck => ({ ...base, verified: false, problem, fails: true, ...extra });
  const candidates = requestFor(accepted, facts.requests);
  if (candidates.length === 0) return refuse(`no ${memo.via} request for it from ${memo.principal} is in the history`);
  if (memo.signatureDigest === null) {
    if (memo.action === 'approve' || memo.action === 'reject') return refuse('not signed');
    if (memo.verified || candidates.every((candidate) => candidate.signed)) return refuse('the cutover recorded no signature, but the history does not show it unsigned: the history was changed');
    return { ...base, verified: false, unsigned: true, problem: 'unsigned (recorded unverified by the cutover)', fails: unsignedControlFails(memo.action, strict) };
  }
  const request = candidates.find((candidate) => candidate.signed && signatureDigest(candidate.signed.signature) === memo.signatureDigest);
  if (!request) return refuse(`the signature in the history is not the one the cutover recorded (${memo.signatureDigest}): the history was changed`);
  const signed = request.signed!;
  const signature = verifySshsig(signed.signature, new TextEncoder().encode(signed.statement), DECISION_NAMESPACE);
  if (!signature.ok) return refuse(`bad signature: ${signature.message}`);
  const key = { keyType: signature.publicKey.type, fingerprint: signature.fingerprint };
  const vouched = statementVia(request);
  const recorded = memo.vouched ?? null;
  if (recorded && (!vouched || recorded.issuer !== vouched.issuer || recorded.subject !== vouched.subject)) {
    return refuse(`the cutover recorded console ${recorded.console} vouching for OIDC subject ${JSON.stringify(recorded.subject)} at ${recorded.issuer}, which the signed statement does not say`, key);
  }
  let via: DecisionVia | null = null;
  if (vouched) {
    if (!vouchers) return refuse(`a console vouched for ${request.by} (OIDC subject ${JSON.stringify(vouched.subject)} at ${vouched.issuer}): give --console-vouchers <file> to check it`, key);
    const vouch = checkVouch(signers, vouchers, signature.publicKey, vouched, request.by, request.at);
    if (!vouch.ok) return refuse(vouch.message, key);
    via = vouch.via;
  } else {
    const signer = checkSigner(signers, request.by, signature.publicKey, DECISION_NAMESPACE, request.at, signature.userVerified);
    if (!signer.ok) return refuse(signer.message, key);
  }
  if (memo.fingerprint !== null && memo.fingerprint !== signature.fingerprint) return refuse(`signed with ${signature.fingerprint}, but the cutover recorded ${memo.fingerprint}`, key);
  if (!facts.firstRunId) return refuse('the history holds no first run to check the statement against', key);
  const { problem, expiresAt } = statementProblem(request, cutoverId, facts.firstRunId);
  if (problem) return refuse(problem, key);
  if (expiresAt !== null && request.at > Date.parse(expiresAt)) return refuse(`the statement expired at ${expiresAt}, before the decision arrived at ${iso(request.at)}`, key);
  if (!memo.verified) return refuse('the cutover recorded it as not verified', key);
  return { ...base, ...key, via, verified: true, problem: null, fails: false };
}

/** `vouchers` null or absent: the auditor gave no console vouchers, so no decision a console vouched for verifies. */
export function verifyDecisions(
  cutoverId: string,
  facts: HistoryFacts,
  signers: AllowedSigner[],
  options: { vouchers?: ConsoleVoucher[] | null; strict?: boolean } = {},
): Verification {
  const strict = options.strict ?? false;
  const vouchers = options.vouchers ?? null;
  const runProblems: string[] = [];
  if (!facts.firstRunId) runProblems.push('no start of the cutover in the history: give every run, first run first');
  runProblems.push(...facts.gaps);
  if (facts.approvals === 'unverified') runProblems.push('the runbook says approvals: unverified: identities in this cutover were not verified');
  // A memo key is upserted once; a history that repeats one keeps the first.
  const bySeq = new Map<number, AcceptedDecision>();
  for (const accepted of facts.accepted) if (!bySeq.has(accepted.memo.seq)) bySeq.set(accepted.memo.seq, accepted);
  const accepted = [...bySeq.values()].sort((left, right) => left.memo.seq - right.memo.seq);
  const decisions = accepted.map((entry) => check(entry, facts, cutoverId, signers, vouchers, strict));
  const start = facts.start && facts.approvals !== 'unverified' ? verifyStart(facts.start, cutoverId, signers, strict) : null;
  // Under approvals: unverified nothing is verified, and the run already fails for it.
  const effects = facts.approvals === 'unverified' ? [] : auditEffects(facts, accepted.map((entry, index) => ({ accepted: entry, verified: decisions[index]!.verified })), signatureDigest);
  const ok = runProblems.length === 0 && !start?.fails && decisions.every((decision) => !decision.fails) && effects.length === 0;
  return { cutoverId, firstRunId: facts.firstRunId, runProblems, start, decisions, effects, ok };
}
