/**
 * The messages a running cutover answers. Clients import these same objects, never strings.
 * Approvals are Updates whose validators refuse bad requests before they reach history; the same
 * decisions are accepted as Signals for tools that can only signal, checked inside the workflow.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { CutoverStatus } from './status';

export interface ApproveRequest {
  gate: string;
  by: string;
  comment?: string;
}

export interface RejectRequest {
  gate: string;
  by: string;
  reason: string;
}

export interface ControlRequest {
  by: string;
  reason?: string;
}

export interface Receipt {
  accepted: true;
  message: string;
  at: string;
}

export const approveUpdate = defineUpdate<Receipt, [ApproveRequest]>('approve');
export const rejectUpdate = defineUpdate<Receipt, [RejectRequest]>('reject');
export const pauseUpdate = defineUpdate<Receipt, [ControlRequest]>('pause');
export const resumeUpdate = defineUpdate<Receipt, [ControlRequest]>('resume');
export const abortUpdate = defineUpdate<Receipt, [ControlRequest]>('abort');

export const approveSignal = defineSignal<[ApproveRequest]>('approve-signal');
export const rejectSignal = defineSignal<[RejectRequest]>('reject-signal');

export const statusQuery = defineQuery<CutoverStatus>('status');

export interface CutoverInput {
  runbook: import('./runbook/schema').Runbook;
  startedBy: string;
  /** Carry over to a new run once history has this many events (default: when the server suggests it). */
  carryOverAfterEvents?: number;
  /** Test-only: the most timeline entries kept (default 2,000), to reach the cap in a short run. */
  timelineCap?: number;
  /** Set by the cutover itself when it continues as a new run. */
  carried?: import('./carry-over').CarriedState;
}
