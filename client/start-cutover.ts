/**
 * Starting a cutover from a runbook file: the file is validated first, so a malformed runbook is
 * refused with every problem named before any workflow starts and before anything changes in any
 * cloud. The demo and the CLI both start cutovers here.
 */
import type { Client, WorkflowHandle, WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import { cutover } from '../workflows';
import { LIMITS } from '../workflows/runbook/limits';
import type { Runbook } from '../workflows/runbook/schema';
import { unsafeCharacter } from '../workflows/runbook/text';
import type { SignedDecision } from '../workflows/signing/verify-decision';
import { loadRunbook } from './runbook/load';
// Not the worker's constant: importing the worker module would load the worker SDK into every client.
import { DEFAULT_TASK_QUEUE } from './task-queue';

export interface StartOptions {
  startedBy: string;
  /** The starter's signed start statement (client/signing/sign-start.ts), for `workflowId`. */
  signedStart?: SignedDecision;
  /** `--adopt-weights`: continue a half-done cutover from the weights DNS reads (the signed start must say so). */
  adoptWeights?: boolean;
  workflowId?: string;
  taskQueue?: string;
}

export interface StartedCutover {
  handle: WorkflowHandle<typeof cutover>;
  runbook: Runbook;
}

/** `<runbook name>-<yyyyMMdd-HHmmss>` in local time: readable, typeable, unique per second. */
export function cutoverId(runbookName: string, at: Date): string {
  const two = (value: number) => String(value).padStart(2, '0');
  const day = `${at.getFullYear()}${two(at.getMonth() + 1)}${two(at.getDate())}`;
  const time = `${two(at.getHours())}${two(at.getMinutes())}${two(at.getSeconds())}`;
  return `${runbookName}-${day}-${time}`;
}

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * Why `id` cannot name a cutover, or null. Temporal takes ids up to 1,000 characters of any text; ids
 * are typed in commands and printed in lists and reports, so they keep to the runbook name's
 * characters, well within that length. Never repeats the id itself.
 */
export function cutoverIdProblem(id: string): string | null {
  if (id.length === 0) return 'is empty: give the cutover an id such as orders-1, or leave --id out for <runbook name>-<yyyyMMdd-HHmmss>';
  if (id.length > LIMITS.cutoverIdLength) return `is ${id.length} characters long; use at most ${LIMITS.cutoverIdLength}`;
  const unsafe = unsafeCharacter(id, { oneLine: true });
  if (unsafe) return `contains ${unsafe}, which a terminal would not show as it is; use letters, digits, ".", "_" or "-", e.g. orders-1`;
  if (!ID_PATTERN.test(id)) return 'may hold only letters, digits, ".", "_" or "-", starting with a letter or digit, e.g. orders-1';
  return null;
}

/** Throws RunbookError (every problem, with its path and line) before anything starts. */
export async function startCutoverFromFile(client: Client, file: string, options: StartOptions): Promise<StartedCutover> {
  const runbook = loadRunbook(file);
  const handle = await startCutover(client, runbook, options);
  return { handle, runbook };
}

export function startCutover(client: Client, runbook: Runbook, options: StartOptions): Promise<WorkflowHandleWithFirstExecutionRunId<typeof cutover>> {
  return client.workflow.start(cutover, {
    taskQueue: options.taskQueue ?? DEFAULT_TASK_QUEUE,
    workflowId: options.workflowId ?? cutoverId(runbook.name, new Date()),
    args: [{ runbook, startedBy: options.startedBy, ...(options.signedStart ? { signedStart: options.signedStart } : {}), ...(options.adoptWeights ? { adoptWeights: true } : {}) }],
    memo: { runbook: runbook.name, startedBy: options.startedBy },
  });
}
