/**
 * One application of a wave: starts the application's cutover as its child and tells the wave when
 * it started and how it ended. It stands between the wave and the cutover so the cutover's result
 * (its whole status, timeline included) lands in this small workflow's history, not in the wave's:
 * the wave keeps only what it schedules by (outcome, reason, final phase and weights), and stays
 * small with hundreds of applications. It tells the wave by Signal, which reaches the wave's current
 * run, so the wave can continue as new while its applications run.
 */
import { ParentClosePolicy, defineSignal, getExternalWorkflowHandle, isCancellation, startChild, type ChildWorkflowHandle } from '@temporalio/workflow';
import { cutover } from '../cutover';
import { failureMessage } from '../failure';
import { z } from 'zod';
import { boundedText } from '../message-payload';
import { LIMITS } from '../runbook/limits';
import type { Runbook } from '../runbook/schema';
import type { Outcome, Phase } from '../status';
import type { ApplicationState, ApplicationStatus } from './messages';

export interface ApplicationRunInput {
  /** The wave's workflow id, told of the start and the end. */
  waveId: string;
  name: string;
  /** The cutover's id. */
  id: string;
  runbook: Runbook;
  startedBy: string;
}

export interface ApplicationEnd {
  name: string;
  state: ApplicationState;
  reason: string | null;
  final: ApplicationStatus['final'];
}

export const applicationStartedSignal = defineSignal<[{ name: string }]>('application-started');
export const applicationEndedSignal = defineSignal<[ApplicationEnd]>('application-ended');

const STATES = ['waiting', 'running', 'completed', 'rolled-back', 'aborted', 'rollback-failed', 'failed', 'skipped', 'not-started'] as const satisfies readonly ApplicationState[];
const PHASES = ['preflight', 'gate', 'freeze', 'replication', 'drain', 'canary', 'write-switch', 'acceptance', 'signoff', 'complete', 'rollback', 'abort'] as const satisfies readonly Phase[];
const OUTCOMES = ['running', 'completed', 'rolled-back', 'aborted', 'rollback-failed'] as const satisfies readonly Outcome[];
const applicationName = boundedText(LIMITS.nameLength);
const percent = z.number().min(0).max(100);

/** What the wave reads of these Signals (message-payload.ts): anyone may send one, not only this workflow. */
export const applicationStartedSchema: z.ZodType<{ name: string }> = z.object({ name: applicationName });
export const applicationEndedSchema: z.ZodType<ApplicationEnd> = z.object({
  name: applicationName,
  state: z.enum(STATES),
  // A cutover's reason can quote a provider's error at length; bounded all the same.
  reason: boundedText(16_384).nullable(),
  final: z.object({ phase: z.enum(PHASES), weights: z.object({ blue: percent, green: percent }).nullable(), outcome: z.enum(OUTCOMES) }).nullable(),
});

/** The id of an application's own workflow: its cutover's id, which the wave already made unique, marked. */
export function applicationWorkflowId(cutoverId: string): string {
  return `${cutoverId}.wave-application`;
}

export async function waveApplication(input: ApplicationRunInput): Promise<ApplicationEnd> {
  const wave = getExternalWorkflowHandle(input.waveId);
  const end = await runCutover(input, () => tell(() => wave.signal(applicationStartedSignal, { name: input.name })));
  await tell(() => wave.signal(applicationEndedSignal, end));
  return end;
}

async function runCutover(input: ApplicationRunInput, onStarted: () => Promise<void>): Promise<ApplicationEnd> {
  const { name, id } = input;
  let handle: ChildWorkflowHandle<typeof cutover>;
  try {
    handle = await startChild(cutover, {
      workflowId: id,
      args: [{ runbook: input.runbook, startedBy: input.startedBy }],
      // A cutover mid-rollback must finish its rollback whatever happens to the wave.
      parentClosePolicy: ParentClosePolicy.ABANDON,
      memo: { runbook: input.runbook.name, startedBy: input.startedBy, wave: input.waveId },
    });
  } catch (err) {
    return { name, state: 'failed', reason: `could not start cutover ${id}: ${failureMessage(err)}`, final: null };
  }
  await onStarted();
  try {
    const result = await handle.result();
    return {
      name,
      state: result.outcome === 'running' ? 'failed' : result.outcome,
      reason: result.reason,
      final: { phase: result.phase, weights: result.weights, outcome: result.outcome },
    };
  } catch (err) {
    return { name, state: 'failed', reason: `cutover ${id} ended without an outcome: ${failureMessage(err)}`, final: null };
  }
}

/** A wave that is gone (terminated) has nobody to tell; the cutover's own record stands. */
async function tell(send: () => Promise<void>): Promise<void> {
  try {
    await send();
  } catch (err) {
    if (isCancellation(err)) throw err;
  }
}
