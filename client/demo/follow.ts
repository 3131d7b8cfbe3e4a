/**
 * Follows a running cutover by polling its status query, printing progress and letting the
 * demo's gate and fault logic react, until the run has an outcome.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { WorkflowHandle } from '@temporalio/client';
import { statusQuery } from '../../workflows/messages';
import type { CutoverStatus } from '../../workflows/status';
import { Progress } from '../progress-log';

export const POLL_MS = 250;
/** About five seconds of failed queries in a row: the worker or the server is gone, not busy. */
const MAX_QUERY_FAILURES = 20;

export interface FollowOptions {
  progress: Progress;
  print: (line: string) => void;
  onStatus: (status: CutoverStatus) => Promise<void> | void;
  signal: AbortSignal;
}

/** The final status, or null when interrupted. */
export async function follow(handle: WorkflowHandle, options: FollowOptions): Promise<CutoverStatus | null> {
  const { progress, print, onStatus, signal } = options;
  let failures = 0;
  while (!signal.aborted) {
    let status: CutoverStatus;
    try {
      status = await handle.query(statusQuery);
      failures = 0;
    } catch (err) {
      failures += 1;
      if (failures >= MAX_QUERY_FAILURES) throw new Error(`the status query failed ${failures} times in a row: ${(err as Error).message}`);
      await pause(signal);
      continue;
    }
    for (const line of progress.linesFor(status, Date.now())) print(line);
    if (status.outcome !== 'running') {
      // The query can answer before the workflow has returned (it still notifies); the result is final.
      const final = (await handle.result()) as CutoverStatus;
      for (const line of progress.linesFor(final, Date.now())) print(line);
      return final;
    }
    await onStatus(status);
    await pause(signal);
  }
  return null;
}

async function pause(signal: AbortSignal): Promise<void> {
  try {
    await sleep(POLL_MS, undefined, { signal });
  } catch {
    // Interrupted: the loop sees the aborted signal.
  }
}
