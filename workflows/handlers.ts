/**
 * Message handlers of a running cutover. Validators only read state; every accepted decision and
 * every refused Signal lands in the timeline with the person's name. A name, comment or reason that
 * a terminal would not show as it is never enters the record (a refused Signal's name is escaped).
 */
import { ApplicationFailure, setHandler } from '@temporalio/workflow';
import {
  abortUpdate,
  approveSignal,
  approveUpdate,
  pauseUpdate,
  rejectSignal,
  rejectUpdate,
  resumeUpdate,
  statusQuery,
  type ApproveRequest,
  type ControlRequest,
  type Receipt,
  type RejectRequest,
} from './messages';
import { refuseGateDecision } from './decisions/approval';
import { notRunningText, requestTextProblem } from './decisions/request';
import { escapeUnsafe } from './runbook/text';
import { nowIso, type CutoverRun } from './run';

export function installHandlers(run: CutoverRun): void {
  setHandler(statusQuery, () => run.snapshot());

  setHandler(approveUpdate, (request) => approve(run, request), { validator: (request) => refuseIf(gateRefusal(run, request)) });
  setHandler(rejectUpdate, (request) => reject(run, request), {
    validator: (request) => refuseIf(gateRefusal(run, request) ?? missingReason(request.reason)),
  });
  setHandler(approveSignal, (request) => {
    const refusal = gateRefusal(run, request);
    if (refusal) recordRefusedSignal(run, 'approval', request, refusal);
    else approve(run, request);
  });
  setHandler(rejectSignal, (request) => {
    const refusal = gateRefusal(run, request) ?? missingReason(request.reason);
    if (refusal) recordRefusedSignal(run, 'rejection', request, refusal);
    else reject(run, request);
  });

  setHandler(pauseUpdate, (request) => pause(run, request), { validator: (request) => refuseIf(pauseRefusal(run, request)) });
  setHandler(resumeUpdate, (request) => resume(run, request), { validator: (request) => refuseIf(resumeRefusal(run, request)) });
  setHandler(abortUpdate, (request) => abort(run, request), {
    validator: (request) => refuseIf(controlRefusal(run, request) ?? missingReason(request.reason)),
  });
}

function refuseIf(refusal: string | null): void {
  if (refusal) throw ApplicationFailure.nonRetryable(refusal, 'Refused');
}

/** A Signal carries whatever its sender put in it: the record names the gate and the sender escaped. */
function recordRefusedSignal(run: CutoverRun, what: string, request: { gate?: unknown; by?: unknown }, refusal: string): void {
  const visible = (text: unknown) => escapeUnsafe(String(text ?? 'unknown'), { oneLine: true });
  run.record('refused', `${what} of gate "${visible(request.gate)}" refused: ${refusal}`, { by: visible(request.by) });
}

function gateRefusal(run: CutoverRun, request: ApproveRequest | RejectRequest): string | null {
  return (
    requestTextProblem(request) ??
    refuseGateDecision(request, {
      gates: run.runbook.gates,
      openGate: run.openGate && !run.gateDecision ? run.openGate.name : null,
      startedBy: run.startedBy,
      notRunning: notRunning(run),
    })
  );
}

function notRunning(run: CutoverRun): string | null {
  return notRunningText({ outcome: run.outcome, reason: run.reason, phase: run.phase, stopping: run.stop?.reason ?? null, signedOff: run.signedOff });
}

function missingReason(reason: string | undefined): string | null {
  return reason?.trim() ? null : 'give a reason (--reason "...") so the timeline says why';
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
  return controlRefusal(run, request) ?? (run.paused ? null : 'the cutover is not paused');
}

/** Each metric's last value and verdict, recorded with a person's decision for the report. */
function metricsNow(run: CutoverRun): Record<string, { value: number | null; verdict: string }> {
  return Object.fromEntries(Object.entries(run.metrics).map(([name, state]) => [name, { value: state.value, verdict: state.verdict }]));
}

function receipt(message: string): Receipt {
  return { accepted: true, message, at: nowIso() };
}

function approve(run: CutoverRun, request: ApproveRequest): Receipt {
  const message = `gate "${request.gate}" approved by ${request.by}${request.comment ? `: ${request.comment}` : ''}`;
  run.gateDecision = { approved: true, by: request.by, note: request.comment };
  run.record('approval', message, { by: request.by, data: { gate: request.gate, comment: request.comment ?? null, context: run.openGate?.context ?? null, metrics: metricsNow(run) } });
  return receipt(message);
}

function reject(run: CutoverRun, request: RejectRequest): Receipt {
  const message = `gate "${request.gate}" rejected by ${request.by}: ${request.reason}`;
  run.gateDecision = { approved: false, by: request.by, note: request.reason };
  run.record('rejection', message, { by: request.by, data: { gate: request.gate, reason: request.reason, metrics: metricsNow(run) } });
  return receipt(message);
}

export function pause(run: CutoverRun, request: ControlRequest): Receipt {
  const reason = request.reason?.trim() || 'paused by an operator';
  run.paused = { by: request.by, reason, since: nowIso() };
  run.record('pause', `paused by ${request.by}: ${reason}`, { by: request.by, data: { reason, metrics: metricsNow(run) } });
  return receipt(`paused; triggers keep running while paused`);
}

function resume(run: CutoverRun, request: ControlRequest): Receipt {
  run.paused = null;
  run.record('resume', `resumed by ${request.by}${request.reason ? `: ${request.reason}` : ''}`, { by: request.by, data: { reason: request.reason ?? null, metrics: metricsNow(run) } });
  return receipt('resumed');
}

function abort(run: CutoverRun, request: ControlRequest): Receipt {
  const reason = request.reason!.trim();
  run.record('abort', `abort requested by ${request.by}: ${reason}`, { by: request.by, data: { reason, metrics: metricsNow(run) } });
  run.requestStop({ reason: `aborted by ${request.by}: ${reason}`, by: request.by, cause: null });
  return receipt(run.dnsWeightsWritten ? 'aborting: rolling back to 100% blue' : 'aborting before any traffic change');
}
