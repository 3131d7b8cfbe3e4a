/**
 * The messages a running cutover answers. Clients import these same objects, never strings.
 * Approvals are Updates whose validators refuse bad requests before they reach history; the same
 * decisions are accepted as Signals for tools that can only signal, checked inside the workflow.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import { z } from 'zod';
import { boundedText } from './message-payload';
import { LIMITS } from './runbook/limits';
import { IDENTITY_MAX_LENGTH } from './runbook/text';
import type { CutoverStatus } from './status';
import type { SignedDecision } from './signing/verify-decision';

export type { SignedDecision };

export interface ApproveRequest {
  gate: string;
  by: string;
  comment?: string;
  /** The decision statement (workflows/signing/statement.ts) and its SSHSIG; required under `approvals: signed`. */
  signed?: SignedDecision;
}

export interface RejectRequest {
  gate: string;
  by: string;
  reason: string;
  signed?: SignedDecision;
}

export interface ControlRequest {
  by: string;
  reason?: string;
  /** A control statement (workflows/signing/control-statement.ts) and its SSHSIG, when the person has a key: recorded as verified or not, never required. */
  signed?: SignedDecision;
}

export interface Receipt {
  accepted: true;
  message: string;
  at: string;
}

/**
 * The shape of each request, checked before any field is read (message-payload.ts). Lengths bound
 * what a refused request can put into the record; what the text may say (an identity, no escape
 * sequences) is judged after, by decisions/request.ts.
 */
/** A comment or reason: null and absent mean the same, as the CLI and the console leave it out. */
const optionalText = boundedText(LIMITS.descriptionLength).nullish().transform((value) => value ?? undefined);
/** A signed statement is a few hundred characters; an armored RSA-8192 signature under 3,000. */
const signedDecision = z.object({ statement: boundedText(16_384), signature: boundedText(16_384) });
const by = boundedText(IDENTITY_MAX_LENGTH);
const optionalSigned = signedDecision.nullish().transform((value) => value ?? undefined);

export const approveRequestSchema: z.ZodType<ApproveRequest> = z.object({ gate: boundedText(LIMITS.nameLength), by, comment: optionalText, signed: optionalSigned });
export const rejectRequestSchema: z.ZodType<RejectRequest> = z.object({ gate: boundedText(LIMITS.nameLength), by, reason: boundedText(LIMITS.descriptionLength), signed: optionalSigned });
export const controlRequestSchema: z.ZodType<ControlRequest> = z.object({ by, reason: optionalText, signed: optionalSigned });

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
  /** A start statement (workflows/signing/start-statement.ts) and its SSHSIG by the starter; required under a two-person gate with signed approvals. */
  signedStart?: SignedDecision;
  /**
   * Continue a half-done cutover from the weights DNS reads instead of refusing anything but 100% blue
   * (`cutover start --adopt-weights`); the signed start must say so. See workflows/adopt.ts.
   */
  adoptWeights?: boolean;
  /** Carry over to a new run once history has this many events (default: when the server suggests it). */
  carryOverAfterEvents?: number;
  /** Test-only: the most timeline entries kept (default 2,000), to reach the cap in a short run. */
  timelineCap?: number;
  /** Set by the cutover itself when it continues as a new run. */
  carried?: import('./carry-over').CarriedState;
}
