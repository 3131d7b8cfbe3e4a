/**
 * Message handlers of a running cutover. Validators only read state; every accepted decision lands
 * in the timeline with the person's name and its proof, and in the memo (signed-decisions.ts).
 *
 * Gate decisions are judged by one pure function (decisions/gate-decision.ts). A validator refuses
 * what says nothing about who asks; under `approvals: signed` a request that fails on identity is let
 * through to the handler while the record's refusal budget lasts, so the handler can record the
 * attempt before refusing it: a validator's refusal never reaches history. Signals always reach
 * their handler and are judged the same way.
 */
import { ApplicationFailure, setHandler, type SignalDefinition } from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common/lib/interfaces';
import type { z } from 'zod';
import {
  abortUpdate,
  approveRequestSchema,
  approveSignal,
  approveUpdate,
  controlRequestSchema,
  pauseUpdate,
  rejectRequestSchema,
  rejectSignal,
  rejectUpdate,
  resumeUpdate,
  statusQuery,
  type ApproveRequest,
  type ControlRequest,
  type Receipt,
  type RejectRequest,
} from './messages';
import { controlIdentity, resumeRefusal as unverifiedResume } from './decisions/control-identity';
import { setSignalHandler, setUpdateHandler } from './message-payload';
import { controlProof } from './decisions/control-proof';
import { judgeGateDecision, missingReason, type GateAction, type GateJudgement } from './decisions/gate-decision';
import { refusalBudgetLeft } from './decisions/refusal-budget';
import { requestTextProblem } from './decisions/request';
import type { DecisionProof } from './signing/proof';
import { approvalPolicy, controlFacts, gateFacts, notRunning, recordRefusal, rememberDecision } from './signed-decisions';
import { acceptDrift } from './ground-truth';
import { nowIso, type CutoverRun } from './run';

export function installHandlers(run: CutoverRun): void {
  setHandler(statusQuery, () => run.snapshot());

  // Every payload is parsed before a field is read, and no handler can fail a workflow task (message-payload.ts).
  installGateDecision(run, 'approve', approveUpdate, approveSignal, approveRequestSchema);
  installGateDecision(run, 'reject', rejectUpdate, rejectSignal, rejectRequestSchema);
  setUpdateHandler(pauseUpdate, controlRequestSchema, (request) => pause(run, request), (request) => refuseIf(pauseRefusal(run, request)));
  setUpdateHandler(resumeUpdate, controlRequestSchema, (request) => resume(run, request), (request) => refuseIf(resumeRefusal(run, request)));
  setUpdateHandler(abortUpdate, controlRequestSchema, (request) => abort(run, request), (request) => refuseIf(controlRefusal(run, request) ?? missingReason(request.reason)));
}

function installGateDecision<Request extends ApproveRequest | RejectRequest>(
  run: CutoverRun,
  action: GateAction,
  update: UpdateDefinition<Receipt, [Request]>,
  signal: SignalDefinition<[Request]>,
  schema: z.ZodType<Request>,
): void {
  setUpdateHandler(update, schema, (request) => decideByUpdate(run, action, request), (request) => validateDecision(run, action, request));
  setSignalHandler(signal, schema, (request) => {
    const judgement = judgeGateDecision(action, request, gateFacts(run));
    if (judgement.accepted) decide(run, action, 'signal', request, judgement.proof);
    else recordRefusal(run, { action, via: 'signal' }, request, judgement);
  }, (refusal, sent) => recordRefusal(run, { action, via: 'signal' }, claimed(sent), { accepted: false, aboutIdentity: false, ...refusal }));
}

/** The gate and name a refused Signal claims, when they are short text: the record never holds more of it. */
function claimed(sent: unknown): { gate?: unknown; by?: unknown } {
  if (typeof sent !== 'object' || sent === null) return {};
  const { gate, by } = sent as { gate?: unknown; by?: unknown };
  const short = (value: unknown) => (typeof value === 'string' && value.length <= 100 ? value : undefined);
  return { gate: short(gate), by: short(by) };
}

function refuseIf(refusal: string | null): void {
  if (refusal) throw ApplicationFailure.nonRetryable(refusal, 'Refused');
}

/** Refuses before history, unless the refusal is about identity and the record can still keep it. */
function validateDecision(run: CutoverRun, action: GateAction, request: ApproveRequest | RejectRequest): void {
  const judgement: GateJudgement = judgeGateDecision(action, request, gateFacts(run));
  if (judgement.accepted) return;
  const recordable = judgement.aboutIdentity && approvalPolicy(run) === 'signed' && refusalBudgetLeft(run.signing.refused);
  if (!recordable) refuseIf(judgement.message);
}

function decideByUpdate(run: CutoverRun, action: GateAction, request: ApproveRequest | RejectRequest): Receipt {
  // Judged again: the validator let an identity refusal through to be recorded here.
  const judgement = judgeGateDecision(action, request, gateFacts(run));
  if (!judgement.accepted) {
    recordRefusal(run, { action, via: 'update' }, request, judgement);
    throw ApplicationFailure.nonRetryable(judgement.message, 'Refused');
  }
  return decide(run, action, 'update', request, judgement.proof);
}

function controlRefusal(run: CutoverRun, request: ControlRequest): string | null {
  const problem = requestTextProblem(request);
  if (problem) return problem;
  const notRunningNow = notRunning(run);
  return notRunningNow ? `this cutover ${notRunningNow}` : null;
}

function pauseRefusal(run: CutoverRun, request: ControlRequest): string | null {
  return controlRefusal(run, request) ?? (run.paused ? `already paused by ${run.paused.by} since ${run.paused.since}` : null);
}

function resumeRefusal(run: CutoverRun, request: ControlRequest): string | null {
  return controlRefusal(run, request) ?? (run.paused ? null : 'the cutover is not paused') ?? unverifiedResume(run.cutover, controlProof('resume', request, controlFacts(run)));
}

/** Each metric's last value and verdict, recorded with a person's decision for the report. */
function metricsNow(run: CutoverRun): Record<string, { value: number | null; verdict: string }> {
  return Object.fromEntries(Object.entries(run.metrics).map(([name, state]) => [name, { value: state.value, verdict: state.verdict }]));
}

function receipt(message: string): Receipt {
  return { accepted: true, message, at: nowIso() };
}

function decide(run: CutoverRun, action: GateAction, via: 'update' | 'signal', request: ApproveRequest | RejectRequest, proof: DecisionProof): Receipt {
  const result = action === 'approve' ? approve(run, request as ApproveRequest, proof) : reject(run, request as RejectRequest, proof);
  rememberDecision(run, { action, via, gate: request.gate }, proof);
  return result;
}

/** Under a gate's `approvals: n`, each approval is recorded and the gate passes with the n-th different signer. */
function approve(run: CutoverRun, request: ApproveRequest, proof: DecisionProof): Receipt {
  const open = run.openGate!;
  const required = open.required ?? 1;
  open.approvals = [...(open.approvals ?? []), { principal: request.by, fingerprint: proof.fingerprint, at: nowIso() }];
  const passes = open.approvals.length >= required;
  const waiting = passes ? '' : ` (${open.approvals.length} of ${required}: the gate waits for another approver)`;
  const message = `gate "${request.gate}" approved by ${request.by}${request.comment ? `: ${request.comment}` : ''}${waiting}`;
  if (passes) run.gateDecision = { approved: true, by: request.by, note: request.comment };
  run.record('approval', message, {
    by: request.by,
    data: { gate: request.gate, comment: request.comment ?? null, context: open.context, metrics: metricsNow(run), proof, approvals: open.approvals.length, required },
  });
  return receipt(message);
}

function reject(run: CutoverRun, request: RejectRequest, proof: DecisionProof): Receipt {
  const message = `gate "${request.gate}" rejected by ${request.by}: ${request.reason}`;
  run.gateDecision = { approved: false, by: request.by, note: request.reason };
  run.record('rejection', message, { by: request.by, data: { gate: request.gate, reason: request.reason, metrics: metricsNow(run), proof } });
  return receipt(message);
}

/** The control's proof and the name it is recorded under: a name only when proven (decisions/control-identity.ts). */
function proven(run: CutoverRun, action: 'pause' | 'resume' | 'abort', request: ControlRequest): { proof: DecisionProof; by: string } {
  const proof = controlProof(action, request, controlFacts(run));
  return { proof, by: controlIdentity(request.by, proof) };
}

function recordControl(run: CutoverRun, action: 'pause' | 'resume' | 'abort', { proof, by }: { proof: DecisionProof; by: string }, message: string, reason: string | null): void {
  run.record(action, message, { by, data: { reason, metrics: metricsNow(run), proof } });
  rememberDecision(run, { action, via: 'update', gate: null }, proof);
}

export function pause(run: CutoverRun, request: ControlRequest): Receipt {
  const reason = request.reason?.trim() || 'paused by an operator';
  const control = proven(run, 'pause', request);
  run.paused = { by: control.by, reason, since: nowIso() };
  recordControl(run, 'pause', control, `paused by ${control.by}: ${reason}`, reason);
  return receipt(`paused; triggers keep running while paused`);
}

function resume(run: CutoverRun, request: ControlRequest): Receipt {
  const control = proven(run, 'resume', request);
  run.paused = null;
  recordControl(run, 'resume', control, `resumed by ${control.by}${request.reason ? `: ${request.reason}` : ''}`, request.reason ?? null);
  // Resuming a run whose DNS drifted accepts the weights it read (ground-truth.ts).
  const drifted = run.ground.drift !== null;
  acceptDrift(run, control.by);
  return receipt(drifted ? 'resumed: carrying on from the weights DNS reads' : 'resumed');
}

function abort(run: CutoverRun, request: ControlRequest): Receipt {
  const reason = request.reason!.trim();
  const control = proven(run, 'abort', request);
  recordControl(run, 'abort', control, `abort requested by ${control.by}: ${reason}`, reason);
  run.requestStop({ reason: `aborted by ${control.by}: ${reason}`, by: control.by, cause: null });
  return receipt(run.dnsWeightsWritten ? 'aborting: rolling back to 100% blue' : 'aborting before any traffic change');
}
