/**
 * A signed cutover's trust, on the workflow side: the keys loaded at preflight and at each gate
 * opening (kept as the activity's text, carried over, parsed here), the record of refused attempts
 * within its budget, and the memo entry of every accepted decision, which tells `cutover verify`,
 * reading history alone, which requests the cutover acted on.
 */
import { ApplicationFailure, patched, upsertMemo } from '@temporalio/workflow';
import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex } from '@noble/hashes/utils';
import type { Activities } from './activities';
import type { ControlFacts } from './decisions/control-proof';
import { countRefusal } from './decisions/refusal-budget';
import type { GateDecisionFacts, GateJudgement } from './decisions/gate-decision';
import { notRunningText } from './decisions/request';
import type { Gate } from './runbook/schema';
import { escapeUnsafe } from './runbook/text';
import { keysOf, principalsOf, signerProblems, trustedSigners, type GateSigners, type TrustedSigners } from './signing/gate-signers';
import { DECISION_MEMO_PREFIX, type AcceptedDecisionMemo, type DecisionProof, type RefusedAttempt } from './signing/proof';
import { nowIso, type CutoverRun } from './run';
import type { OpenGate } from './status';

const parsed = new WeakMap<GateSigners, TrustedSigners>();

/**
 * The runbook's policy. A runbook that does not say (one started by another tool, or before the policy
 * existed) is held to signatures: nothing passes a gate on a typed name unless a runbook asks for it.
 */
export function approvalPolicy(run: CutoverRun): 'signed' | 'unverified' {
  return run.runbook.approvals === 'unverified' ? 'unverified' : 'signed';
}

/**
 * Whether this run reads keys. A run whose preflight or gate opened before signed gates existed has
 * no key reads in its history, and replaying it must not ask for any (`patched` tells the two apart).
 */
function readsKeys(run: CutoverRun): boolean {
  return approvalPolicy(run) === 'signed' && patched('signed-gates');
}

function trusted(loaded: GateSigners): TrustedSigners {
  let signers = parsed.get(loaded);
  if (!signers) {
    signers = trustedSigners(loaded);
    parsed.set(loaded, signers);
  }
  return signers;
}

/** Preflight of a signed cutover: the worker must have allowed signers, with a key for every approver. */
export async function checkSigners(run: CutoverRun, activities: Activities): Promise<void> {
  if (!readsKeys(run)) return;
  const loaded = await activities.loadGateSigners({ principals: principalsOf(run.runbook, run.startedBy) });
  const problems = signerProblems(run.runbook, loaded);
  if (problems.length > 0) throw ApplicationFailure.nonRetryable(problems.join('; '), 'PreflightFailed', { problems });
  run.signing.runSigners = loaded;
}

/** Reads the keys this opening of `gate` accepts, fixed from now until it closes; undefined when unverified. */
export async function loadGateKeys(run: CutoverRun, activities: Activities, gate: Gate): Promise<OpenGate['keys']> {
  run.signing.refused = { ...run.signing.refused, recordedThisOpening: 0 };
  if (!readsKeys(run)) return undefined;
  const loaded = await activities.loadGateSigners({ principals: [...new Set([...gate.approvers, run.startedBy])] });
  run.signing.gateSigners = loaded;
  return keysOf(trusted(loaded));
}

export function notRunning(run: CutoverRun): string | null {
  return notRunningText({ outcome: run.outcome, reason: run.reason, phase: run.phase, stopping: run.stop?.reason ?? null, signedOff: run.signedOff });
}

export function gateFacts(run: CutoverRun): GateDecisionFacts {
  return {
    policy: approvalPolicy(run),
    cutoverId: run.cutover,
    firstRunId: run.firstRunId,
    startedBy: run.startedBy,
    gates: run.runbook.gates,
    open: run.openGate && !run.gateDecision ? run.openGate : null,
    notRunning: notRunning(run),
    trusted: trusted(run.signing.gateSigners),
    now: Date.now(),
  };
}

/** Pause, resume and abort are checked against every key the cutover loaded: its approvers' and its starter's. */
export function controlFacts(run: CutoverRun): ControlFacts {
  const { runSigners, gateSigners } = run.signing;
  const everyone = trusted(runSigners);
  const gate = trusted(gateSigners);
  return {
    policy: approvalPolicy(run),
    cutoverId: run.cutover,
    firstRunId: run.firstRunId,
    trusted: {
      signers: [...gate.signers, ...everyone.signers],
      others: { ...everyone.others, ...gate.others },
      consoles: { signers: [...gate.consoles.signers, ...everyone.consoles.signers], vouchers: [...gate.consoles.vouchers, ...everyone.consoles.vouchers] },
    },
    now: Date.now(),
  };
}

/** Keeps a refused attempt in the record while the budget lasts, and counts it either way. */
export function recordRefusal(
  run: CutoverRun,
  attempt: Pick<RefusedAttempt, 'action' | 'via'>,
  request: { gate?: unknown; by?: unknown },
  judgement: Extract<GateJudgement, { accepted: false }>,
): void {
  const { counts, record } = countRefusal(run.signing.refused);
  run.signing.refused = counts;
  if (!record) return;
  // A request carries whatever its sender put in it: the record names the gate and the sender escaped.
  const visible = (text: unknown) => (typeof text === 'string' ? escapeUnsafe(text, { oneLine: true }) : 'unknown');
  const data: RefusedAttempt = {
    ...attempt,
    gate: typeof request.gate === 'string' ? visible(request.gate) : null,
    claimed: visible(request.by),
    reason: judgement.reason,
    message: judgement.message,
    fingerprint: judgement.aboutIdentity ? judgement.fingerprint : null,
  };
  const what = attempt.action === 'approve' ? 'approval' : 'rejection';
  run.record('refused', `${what} of gate "${visible(request.gate)}" refused: ${judgement.message}`, { by: visible(request.by), data: data as unknown as Record<string, unknown> });
}

/** Lists an accepted decision in the memo under the seq of its timeline entry (just recorded). */
export function rememberDecision(run: CutoverRun, decision: Pick<AcceptedDecisionMemo, 'action' | 'via' | 'gate'>, proof: DecisionProof): void {
  const memo: AcceptedDecisionMemo = {
    seq: run.timelineSeq,
    ...decision,
    principal: proof.principal,
    verified: proof.verified,
    fingerprint: proof.fingerprint,
    signatureDigest: proof.signature === null ? null : `sha256:${bytesToHex(sha256(new TextEncoder().encode(proof.signature)))}`,
    at: nowIso(),
    ...(proof.via ? { vouched: proof.via } : {}),
  };
  upsertMemo({ [`${DECISION_MEMO_PREFIX}${run.timelineSeq}`]: memo });
}
