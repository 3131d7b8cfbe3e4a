/**
 * The cutovers running on a task queue, by phase, read from Temporal's visibility store: each run's
 * memo holds where it last was (workflows/last-known.ts), so no worker has to answer a query and the
 * count does not depend on which worker runs which cutover.
 */
import { Client } from '@temporalio/client';
import type { NativeConnection } from '@temporalio/worker';
import { lastKnownIn } from '../../client/no-worker';
import { cutover } from '../../workflows';
import type { LastKnown } from '../../workflows/last-known';
import type { RunningByPhase } from './product-metrics';

/** A run that has not yet recorded a phase in its memo: just started, its first task not yet run. */
export const STARTING = 'starting';

/** A scrape every second from several Prometheus servers must not each become a visibility query. */
const FRESH_FOR_MS = 2_000;

export function countByPhase(known: Array<LastKnown | null>): Map<string, number> {
  const phases = new Map<string, number>();
  for (const entry of known) {
    const phase = entry?.phase ?? STARTING;
    phases.set(phase, (phases.get(phase) ?? 0) + 1);
  }
  return phases;
}

export function runningCutovers(connection: NativeConnection, namespace: string, taskQueue: string): () => Promise<RunningByPhase> {
  const client = new Client({ connection, namespace });
  const query = `WorkflowType = '${cutover.name}' AND ExecutionStatus = 'Running' AND TaskQueue = '${taskQueue.replace(/'/g, "\\'")}'`;
  let last: { at: number; value: Promise<RunningByPhase> } | null = null;
  const read = async (): Promise<RunningByPhase> => {
    const known: Array<LastKnown | null> = [];
    for await (const info of client.workflow.list({ query })) known.push(lastKnownIn(info.memo));
    return { phases: countByPhase(known) };
  };
  return () => {
    if (!last || Date.now() - last.at > FRESH_FOR_MS) {
      const value = read();
      last = { at: Date.now(), value };
      value.catch(() => {
        if (last?.value === value) last = null;
      });
    }
    return last.value;
  };
}
