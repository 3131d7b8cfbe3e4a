/**
 * Pause, resume and abort of a whole wave. Validators only read state and refuse with the reason;
 * every accepted request lands in the wave's timeline with who asked. A pause stops new starts only:
 * the running cutovers go on (each can be paused on its own), since pausing them all would hold
 * traffic half-moved on many applications at once.
 */
import { ApplicationFailure, setHandler } from '@temporalio/workflow';
import type { GateAction } from '../decisions/gate-decision';
import { countRefusal, refusalBudgetLeft } from '../decisions/refusal-budget';
import { requestTextProblem } from '../decisions/request';
import { approveRequestSchema, controlRequestSchema, rejectRequestSchema, type ApproveRequest, type ControlRequest, type Receipt, type RejectRequest } from '../messages';
import { setUpdateHandler, type SignalRefusal } from '../message-payload';
import { decide, judgeWaveDecision, refuse } from './gate';
import { abortWaveUpdate, approveWaveUpdate, pauseWaveUpdate, rejectWaveUpdate, resumeWaveUpdate, waveStatusQuery } from './messages';
import type { WaveRun } from './wave-run';

export function installWaveHandlers(run: WaveRun): void {
  setHandler(waveStatusQuery, () => run.snapshot());
  // Every payload is parsed before a field is read, and no handler can fail a workflow task (message-payload.ts).
  setUpdateHandler(pauseWaveUpdate, controlRequestSchema, (request) => pause(run, request), (request) => refuseIf(pauseRefusal(run, request)));
  setUpdateHandler(resumeWaveUpdate, controlRequestSchema, (request) => resume(run, request), (request) => refuseIf(resumeRefusal(run, request)));
  setUpdateHandler(abortWaveUpdate, controlRequestSchema, (request) => abort(run, request), (request) => refuseIf(abortRefusal(run, request)));
  setUpdateHandler(approveWaveUpdate, approveRequestSchema, (request) => gateDecision(run, 'approve', request), (request) => gateValidator(run, 'approve', request));
  setUpdateHandler(rejectWaveUpdate, rejectRequestSchema, (request) => gateDecision(run, 'reject', request), (request) => gateValidator(run, 'reject', request));
}

/** Keeps a refused Signal in the wave's timeline while the refusal budget lasts, and counts it either way. */
export function recordRefusedSignal(run: WaveRun, refusal: SignalRefusal): void {
  const { counts, record } = countRefusal(run.gates.refused);
  run.gates.refused = counts;
  if (record) run.record('refused', `signal refused: ${refusal.message}`, { data: { via: 'signal', ...refusal } });
}

/** Refuses before history, unless the refusal is about identity and the record can still keep it. */
function gateValidator(run: WaveRun, action: GateAction, request: ApproveRequest | RejectRequest): void {
  const judgement = judgeWaveDecision(run, action, request);
  if (judgement.accepted) return;
  const recordable = judgement.aboutIdentity && run.approvals === 'signed' && refusalBudgetLeft(run.gates.refused);
  if (!recordable) refuseIf(judgement.message);
}

function gateDecision(run: WaveRun, action: GateAction, request: ApproveRequest | RejectRequest): Receipt {
  // Judged again: the validator let an identity refusal through to be recorded here.
  const judgement = judgeWaveDecision(run, action, request);
  if (!judgement.accepted) refuse(run, action, request, judgement);
  return receipt(decide(run, action, request, judgement.proof));
}

function refuseIf(refusal: string | null): void {
  if (refusal) throw ApplicationFailure.nonRetryable(refusal, 'Refused');
}

function controlRefusal(run: WaveRun, request: ControlRequest): string | null {
  const problem = requestTextProblem(request);
  if (problem) return problem;
  if (run.outcome !== 'running') return `this wave already ended: ${run.outcome.replace(/-/g, ' ')}`;
  if (run.stop) return `no application of this wave starts any more: ${run.stop.reason}`;
  return null;
}

function pauseRefusal(run: WaveRun, request: ControlRequest): string | null {
  return controlRefusal(run, request) ?? (run.paused ? `already paused by ${run.paused.by} since ${run.paused.since}` : null);
}

function resumeRefusal(run: WaveRun, request: ControlRequest): string | null {
  return controlRefusal(run, request) ?? (run.paused ? null : 'the wave is not paused');
}

function abortRefusal(run: WaveRun, request: ControlRequest): string | null {
  return controlRefusal(run, request) ?? (request.reason?.trim() ? null : 'give a reason (--reason "...") so the timeline says why');
}

function receipt(message: string): Receipt {
  return { accepted: true, message, at: new Date().toISOString() };
}

function pause(run: WaveRun, request: ControlRequest): Receipt {
  const reason = request.reason?.trim() || 'paused by an operator';
  run.paused = { by: request.by, reason, since: new Date().toISOString() };
  run.record('pause', `paused by ${request.by}: ${reason}`, { by: request.by, data: { reason } });
  run.changed();
  return receipt('paused: no new application starts; the running ones go on');
}

function resume(run: WaveRun, request: ControlRequest): Receipt {
  run.paused = null;
  run.record('resume', `resumed by ${request.by}${request.reason ? `: ${request.reason}` : ''}`, { by: request.by, data: { reason: request.reason ?? null } });
  run.changed();
  return receipt('resumed');
}

function abort(run: WaveRun, request: ControlRequest): Receipt {
  const reason = request.reason!.trim();
  const at = new Date().toISOString();
  run.stop = { kind: 'abort', reason: `wave aborted by ${request.by}: ${reason}`, by: request.by, at, running: 'roll-back' };
  run.paused = null;
  run.record('abort', `abort requested by ${request.by}: ${reason}`, { by: request.by, data: { reason } });
  run.changed();
  const running = run.applications.filter((app) => app.state === 'running').length;
  return receipt(`aborting: no new application starts; ${running} running cutover${running === 1 ? ' is' : 's are'} aborted`);
}
