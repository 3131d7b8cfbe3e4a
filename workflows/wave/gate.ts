/**
 * The wave's own gates: a start gate before any application starts, a sign-off gate after all have
 * ended. The same approval rules as a cutover's gates, judged by the same pure function: approvers
 * by principal, the two-person rule, `approvals: n`, and under `approvals: signed` a signature
 * verified against keys fixed when the gate opens. The statement names the wave's id and first run,
 * and binds the digest of what the gate shows: the applications and their states.
 */
import { ApplicationFailure, condition, proxyActivities, upsertMemo } from '@temporalio/workflow';
import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex } from '@noble/hashes/utils';
import type { CutoverActivities } from '../../activities';
import { judgeGateDecision, type GateAction, type GateJudgement } from '../decisions/gate-decision';
import { countRefusal, noRefusals } from '../decisions/refusal-budget';
import type { ApproveRequest, RejectRequest } from '../messages';
import { formatDuration } from '../runbook/duration';
import { escapeUnsafe } from '../runbook/text';
import { keysOf, trustedSigners, NO_SIGNERS, type TrustedSigners } from '../signing/gate-signers';
import { DECISION_MEMO_PREFIX, type AcceptedDecisionMemo, type DecisionProof, type RefusedAttempt } from '../signing/proof';
import { gateViewDigest, type GateView } from '../signing/statement';
import type { OpenGate } from '../status';
import type { WaveGates, WaveOpenGate } from './messages';
import type { WaveNotifier } from './notify';
import type { WaveRun } from './wave-run';

const { loadGateSigners } = proxyActivities<CutoverActivities>({
  startToCloseTimeout: '30s',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '30s', maximumAttempts: 10 },
});

export const noWaveGates = (): WaveGates => ({ open: null, decision: null, signers: null, refused: noRefusals() });

/**
 * What a wave's gate shows, whose digest a signed decision binds: each application's state, by name.
 * The digest is of canonical JSON, so the cutover's digest function serves any view.
 */
export function waveGateDigest(open: Pick<WaveOpenGate, 'context'>): string {
  return gateViewDigest(open.context as unknown as GateView);
}

/**
 * Opens the gate and waits for its decision, an abort, or its timeout. The decision (a timeout under
 * onTimeout: reject is a rejection by `timeout`); null when the wave was aborted meanwhile.
 */
export async function passWaveGate(run: WaveRun, notifier: WaveNotifier, name: string, role: WaveOpenGate['role']): Promise<WaveGates['decision']> {
  const gate = run.input.wave.gates.find((candidate) => candidate.name === name)!;
  const gates = run.gates;
  const who = `${gate.approvers.join(', ')}${gate.twoPersonRule ? ` (not ${run.input.startedBy}: two-person rule)` : ''}`;
  gates.refused = { ...gates.refused, recordedThisOpening: 0 };
  gates.decision = null;
  // The keys are fixed before the gate opens: no decision can arrive while they are read.
  gates.signers = run.approvals === 'signed' ? await loadGateSigners({ principals: [...new Set([...gate.approvers, run.input.startedBy])] }) : null;
  const open: WaveOpenGate = {
    name,
    role,
    approvers: gate.approvers,
    twoPersonRule: gate.twoPersonRule,
    openedAt: new Date().toISOString(),
    deadline: gate.timeout !== undefined ? new Date(Date.now() + gate.timeout).toISOString() : null,
    required: gate.approvals,
    approvals: [],
    keys: gates.signers ? keysOf(trustedSigners(gates.signers)) : undefined,
    context: { applications: Object.fromEntries(run.applications.map((app) => [app.name, app.state])) },
  };
  open.shown = waveGateDigest(open);
  gates.open = open;
  const many = gate.approvals > 1 ? ` (${gate.approvals} different approvers)` : '';
  run.record('gate-open', `gate "${name}" open: waiting for ${who}${many}`, {
    data: { gate: name, role, deadline: open.deadline, shown: open.shown, required: gate.approvals, keys: open.keys ?? null },
  });
  notifier.send('wave-gate-open', `gate "${name}" of wave ${run.name} waits for approval by ${who}`, { gate: { name, approvers: gate.approvers } });

  // A stop from before the gate opened (the blast radius, at sign-off) does not close it; an abort meanwhile does.
  const stopped = run.stop;
  for (;;) {
    const settled = () => gates.decision !== null || run.stop !== stopped;
    if (open.deadline === null) {
      await condition(settled);
      break;
    }
    if (await condition(settled, Math.max(0, Date.parse(open.deadline) - Date.now()))) break;
    if (gate.onTimeout === 'wait') {
      open.deadline = null;
      run.record('timeout', `gate "${name}" waited ${formatDuration(gate.timeout!)} with no decision; still waiting`, { data: { gate: name } });
      notifier.send('wave-gate-open', `gate "${name}" of wave ${run.name} still waits after ${formatDuration(gate.timeout!)}: ${who}`, { gate: { name, approvers: gate.approvers } });
      continue;
    }
    const reason = `gate "${name}" timed out after ${formatDuration(gate.timeout!)} with no decision`;
    run.record('timeout', reason, { data: { gate: name } });
    gates.decision = { approved: false, by: 'timeout', note: reason };
  }
  gates.open = null;
  const decision = gates.decision;
  gates.decision = null;
  return decision;
}

const parsed = new WeakMap<object, TrustedSigners>();

function trusted(gates: WaveGates): TrustedSigners {
  const loaded = gates.signers ?? NO_SIGNERS;
  let signers = parsed.get(loaded);
  if (!signers) {
    signers = trustedSigners(loaded);
    parsed.set(loaded, signers);
  }
  return signers;
}

export function judgeWaveDecision(run: WaveRun, action: GateAction, request: ApproveRequest | RejectRequest): GateJudgement {
  const open = run.gates.open && !run.gates.decision ? run.gates.open : null;
  return judgeGateDecision(action, request, {
    policy: run.approvals,
    cutoverId: run.waveId,
    firstRunId: run.firstRunId,
    startedBy: run.input.startedBy,
    gates: run.input.wave.gates,
    // Read for its name, opening, digest and approvals; the context a wave's gate shows is its own.
    open: open as unknown as OpenGate | null,
    notRunning: notRunning(run),
    trusted: trusted(run.gates),
    now: Date.now(),
  });
}

/** Why the wave takes no decision at its gate; a blast radius reached before sign-off is no reason. */
function notRunning(run: WaveRun): string | null {
  if (run.outcome !== 'running') return `already ended: ${run.outcome.replace(/-/g, ' ')}`;
  return run.stop?.kind === 'abort' ? `is stopping: ${run.stop.reason}` : null;
}

/** Takes an accepted decision: records it with its proof, lists it in the memo, and passes or rejects the gate. */
export function decide(run: WaveRun, action: GateAction, request: ApproveRequest | RejectRequest, proof: DecisionProof): string {
  const open = run.gates.open!;
  let message: string;
  if (action === 'approve') {
    const { comment } = request as ApproveRequest;
    const required = open.required ?? 1;
    open.approvals = [...(open.approvals ?? []), { principal: request.by, fingerprint: proof.fingerprint, at: new Date().toISOString() }];
    const passes = open.approvals.length >= required;
    const waiting = passes ? '' : ` (${open.approvals.length} of ${required}: the gate waits for another approver)`;
    message = `gate "${request.gate}" approved by ${request.by}${comment ? `: ${comment}` : ''}${waiting}`;
    if (passes) run.gates.decision = { approved: true, by: request.by, note: comment ?? null };
    run.record('approval', message, { by: request.by, data: { gate: request.gate, comment: comment ?? null, context: open.context, proof, approvals: open.approvals.length, required } });
  } else {
    const { reason } = request as RejectRequest;
    message = `gate "${request.gate}" rejected by ${request.by}: ${reason}`;
    run.gates.decision = { approved: false, by: request.by, note: reason };
    run.record('rejection', message, { by: request.by, data: { gate: request.gate, reason, context: open.context, proof } });
  }
  const memo: AcceptedDecisionMemo = {
    seq: run.timelineSeq,
    action,
    via: 'update',
    gate: request.gate,
    principal: proof.principal,
    verified: proof.verified,
    fingerprint: proof.fingerprint,
    signatureDigest: proof.signature === null ? null : `sha256:${bytesToHex(sha256(new TextEncoder().encode(proof.signature)))}`,
    at: new Date().toISOString(),
  };
  upsertMemo({ [`${DECISION_MEMO_PREFIX}${run.timelineSeq}`]: memo });
  run.changed();
  return message;
}

/** Keeps a refused attempt in the record while the budget lasts, counts it either way, and refuses. */
export function refuse(run: WaveRun, action: GateAction, request: { gate?: unknown; by?: unknown }, judgement: Extract<GateJudgement, { accepted: false }>): never {
  const { counts, record } = countRefusal(run.gates.refused);
  run.gates.refused = counts;
  if (record) {
    const visible = (text: unknown) => escapeUnsafe(String(text ?? 'unknown'), { oneLine: true });
    const data: RefusedAttempt = {
      action,
      via: 'update',
      gate: typeof request.gate === 'string' ? visible(request.gate) : null,
      claimed: visible(request.by),
      reason: judgement.reason,
      message: judgement.message,
      fingerprint: judgement.aboutIdentity ? judgement.fingerprint : null,
    };
    const what = action === 'approve' ? 'approval' : 'rejection';
    run.record('refused', `${what} of gate "${visible(request.gate)}" refused: ${judgement.message}`, { by: visible(request.by), data: data as unknown as Record<string, unknown> });
  }
  throw ApplicationFailure.nonRetryable(judgement.message, 'Refused');
}
