/**
 * Does this approval or rejection pass the open gate? One pure function for the Update validators,
 * the Update handlers and the Signal handlers. Under `approvals: signed` a decision counts only when
 * its SSH signature verifies against the keys the gate opened with, the verified principal may decide
 * the gate, and the signed statement speaks of this cutover, this opening and what it showed.
 *
 * Refusals come in two kinds: those that say nothing about who asks (no such gate, a gate not open,
 * text a terminal would obey) and those about identity (unsigned, a bad signature, another person's
 * key, a replay, an expired statement, not an approver). The first kind an Update's validator refuses
 * before history; the second is recorded, within a budget (refusal-budget.ts), as proof of the attempt.
 */
import type { ApproveRequest, RejectRequest } from '../messages';
import type { Gate } from '../runbook/schema';
import { escapeUnsafe } from '../runbook/text';
import type { DecisionProof } from '../signing/proof';
import type { TrustedSigners } from '../signing/gate-signers';
import { parseSshsig } from '../signing/sshsig';
import { fingerprint } from '../signing/public-key';
import { verifySignedDecision } from '../signing/verify-decision';
import type { OpenGate } from '../status';
import { refuseApprover, refuseGateState } from './approval';
import { requestTextProblem } from './request';

export type GateAction = 'approve' | 'reject';

export interface GateDecisionFacts {
  policy: 'signed' | 'unverified';
  cutoverId: string;
  firstRunId: string;
  startedBy: string;
  gates: Gate[];
  /** The gate waiting for a decision; null when none is, or its decision is already taken. */
  open: OpenGate | null;
  /** Why the run takes no decisions, in `notRunningText`'s words; null while it runs. */
  notRunning: string | null;
  /** The keys the open gate accepts (empty under `unverified`). */
  trusted: TrustedSigners;
  /** Epoch ms: the workflow's time. */
  now: number;
}

export type GateJudgement =
  | { accepted: true; proof: DecisionProof }
  | { accepted: false; aboutIdentity: false; reason: 'bad-request' | 'gate-not-open' | 'handler-failed'; message: string }
  | { accepted: false; aboutIdentity: true; reason: string; message: string; fingerprint: string | null };

export function missingReason(reason: unknown): string | null {
  return typeof reason === 'string' && reason.trim() ? null : 'give a reason (--reason "...") so the timeline says why';
}

/** The signing key's fingerprint when the signature can be read at all. */
export function signatureFingerprint(armored: unknown): string | null {
  if (typeof armored !== 'string') return null;
  try {
    return fingerprint(parseSshsig(armored).publicKey);
  } catch {
    return null;
  }
}

/** What the statement's `reason` binds: an approval's comment, a rejection's reason. */
export function decisionReason(action: GateAction, request: ApproveRequest | RejectRequest): string | null {
  return action === 'approve' ? ((request as ApproveRequest).comment ?? null) : (request as RejectRequest).reason;
}

export function judgeGateDecision(action: GateAction, request: ApproveRequest | RejectRequest, facts: GateDecisionFacts): GateJudgement {
  const text = requestTextProblem(request) ?? (action === 'reject' ? missingReason((request as RejectRequest).reason) : null);
  if (text) return { accepted: false, aboutIdentity: false, reason: 'bad-request', message: text };
  const context = { gates: facts.gates, openGate: facts.open?.name ?? null, startedBy: facts.startedBy, notRunning: facts.notRunning };
  const state = refuseGateState(request, context);
  if (state) return { accepted: false, aboutIdentity: false, reason: 'gate-not-open', message: state };
  const open = facts.open!;
  const by = request.by.trim();
  const signed = request.signed ?? null;
  const refused = (reason: string, message: string): GateJudgement => ({ accepted: false, aboutIdentity: true, reason, message, fingerprint: signatureFingerprint(signed?.signature) });

  const approver = refuseApprover(request, context);
  if (approver) return refused(approver.reason, approver.message);

  let proof: DecisionProof;
  if (facts.policy === 'unverified') {
    proof = { verified: false, principal: by, keyType: null, fingerprint: null, statement: signed?.statement ?? null, signature: signed?.signature ?? null, unverifiedBecause: 'approvals-unverified' };
  } else {
    const gate = { cutoverId: facts.cutoverId, firstRunId: facts.firstRunId, gate: open.name, openedAt: Date.parse(open.openedAt), shown: open.shown ?? '' };
    const verdict = verifySignedDecision(signed, facts.trusted.signers, gate, { by, decision: action, reason: decisionReason(action, request) }, facts.now, facts.trusted.consoles);
    if (!verdict.ok) {
      const key = signatureFingerprint(signed?.signature);
      const owners = verdict.reason === 'unknown-key' && key ? facts.trusted.others[key] : undefined;
      if (owners) return refused('other-principal', `key ${key} is listed for ${owners.join(', ')}, not for ${escapeUnsafe(by, { oneLine: true })}`);
      return refused(verdict.reason, verdict.message);
    }
    proof = { verified: true, principal: by, keyType: verdict.keyType, fingerprint: verdict.fingerprint, statement: signed!.statement, signature: signed!.signature, unverifiedBecause: null, via: verdict.via };
  }
  if (action === 'approve' && (open.approvals ?? []).some((given) => given.principal === by)) {
    return refused('already-approved', `${by} already approved this opening of gate "${open.name}"; it waits for ${open.required ?? 1} different approvers`);
  }
  return { accepted: true, proof };
}
