/**
 * What the record keeps of a person's decision and of a refused attempt: plain data in the timeline,
 * the memo and the report, read by fields (never parsed from prose) by `report`, `verify` and the
 * console. Public keys and signatures are not secret; private keys and agent sockets never get here.
 */
import type { OpenGate } from '../status';
import type { GateView } from './statement';

/** How a decision (approve, reject, pause, resume, abort) was proven. */
export interface DecisionProof {
  /** True only when the signature verified against the keys the worker's allowed signers give the principal. */
  verified: boolean;
  principal: string;
  /** e.g. `ssh-ed25519`; null when unsigned or not verified. */
  keyType: string | null;
  /** OpenSSH's `SHA256:…` form; null when unsigned or not verified. */
  fingerprint: string | null;
  /** The canonical statement and the armored SSHSIG exactly as received; null when unsigned. */
  statement: string | null;
  signature: string | null;
  /** Why it is not verified: `approvals-unverified` (the runbook's policy), `unsigned`, or a refusal reason. Null when verified. */
  unverifiedBecause: string | null;
  /**
   * Set when a console signed for a person who signed in through OpenID Connect: the console's
   * principal (whose key made the signature) and the issuer and subject it vouched for. Absent or
   * null when the person signed with their own key (and in records made before consoles existed).
   */
  via?: DecisionVia | null;
}

export interface DecisionVia {
  /** The console's principal in the worker's allowed signers, e.g. `console@ops.example.com`. */
  console: string;
  issuer: string;
  subject: string;
}

/** A decision the cutover refused, kept in the record (a bounded number of them per run). */
export interface RefusedAttempt {
  action: 'approve' | 'reject' | 'pause' | 'resume' | 'abort';
  via: 'update' | 'signal';
  gate: string | null;
  /** The name the sender claimed, escaped for display. */
  claimed: string;
  /** A typed reason (`unsigned`, `bad-signature`, `unknown-key`, `other-principal`, `another-gate`, `earlier-opening`, `expired`, `not-an-approver`, …). */
  reason: string;
  message: string;
  /** The signing key's fingerprint when the signature could be read. */
  fingerprint: string | null;
}

/** The memo key under which an accepted decision is listed: `decision.<seq>` (seq of its timeline entry). */
export const DECISION_MEMO_PREFIX = 'decision.';

/**
 * One accepted decision, upserted into the memo when it is taken, so the workflow history alone
 * says which decisions the cutover acted on (a signal's acceptance is not otherwise in history).
 * `cutover verify` finds each one's request in the history and verifies its signature again.
 */
export interface AcceptedDecisionMemo {
  seq: number;
  action: 'approve' | 'reject' | 'pause' | 'resume' | 'abort';
  via: 'update' | 'signal';
  gate: string | null;
  principal: string;
  verified: boolean;
  fingerprint: string | null;
  /** `sha256:` and the hex digest of the armored signature as received; null when unsigned. */
  signatureDigest: string | null;
  at: string;
  /** The console that vouched for the principal, when one did (`DecisionProof.via`; `via` here is the channel). */
  vouched?: DecisionVia | null;
}

/** What the gate shows the approver, in the form whose digest the statement binds (`shown`). */
export function gateViewOf(open: Pick<OpenGate, 'context'>): GateView {
  return {
    step: open.context.step?.index ?? null,
    weights: open.context.weights,
    lagSeconds: open.context.lagSeconds,
    metrics: Object.fromEntries(Object.entries(open.context.metrics).map(([name, metric]) => [name, metric.value])),
  };
}
