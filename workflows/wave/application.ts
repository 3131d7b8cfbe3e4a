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
import type { Runbook } from '../runbook/schema';
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
