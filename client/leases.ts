/**
 * The CLI's view of resource leases: wait for a just-started cutover to say it holds its leases (or
 * that one was refused, and by whom), list who holds what through Temporal's visibility (the holder
 * is in each lease's memo, so no worker is needed), and release a lease by hand, signed.
 */
import { isGrpcCancelledError, isGrpcDeadlineError, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { cutoverLeasesQuery, type CutoverLeases } from '../workflows/leases/cutover-messages';
import { forceReleaseUpdate, LEASE_MEMO, leaseQuery, type ForceReleaseReceipt, type LeaseMemo, type LeaseState } from '../workflows/leases/messages';
import { leaseWorkflowId, LEASE_ID_PREFIX } from '../workflows/leases/resources';
import { failureMessage } from '../workflows/failure';
import type { SignedDecision } from '../workflows/signing/verify-decision';
import type { Cutovers } from './cutovers';
import { NotFoundError, RefusedError, UnreachableError } from './errors';

/** How long `start` waits for the cutover to take its leases before saying no worker answered. */
export const LEASES_WAIT_MS = 60_000;
const POLL_MS = 200;

export type LeasesAnswer = { answered: true; leases: CutoverLeases; ended: boolean } | { answered: false };

/** Waits until the cutover holds its leases, was refused one, or ended; `answered: false` after `boundMs` with no worker answering. */
export async function awaitLeases(cutovers: Cutovers, id: string, boundMs = LEASES_WAIT_MS): Promise<LeasesAnswer> {
  const handle = cutovers.client.workflow.getHandle(id);
  const deadline = Date.now() + boundMs;
  for (;;) {
    const left = deadline - Date.now();
    if (left <= 0) return { answered: false };
    try {
      const leases = await cutovers.connection.withDeadline(Date.now() + Math.min(left, 5_000), () => handle.query(cutoverLeasesQuery));
      const ended = (await handle.describe()).status.name !== 'RUNNING';
      if (leases.state !== 'pending' || ended) return { answered: true, leases, ended };
    } catch (err) {
      if (!(isGrpcDeadlineError(err) || isGrpcCancelledError(err))) throw err;
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(POLL_MS, Math.max(0, deadline - Date.now()))));
  }
}

export interface ListedLease {
  resource: string;
  holder: LeaseMemo['holder'];
  since: string | null;
  taskQueue: string;
}

/** Every lease held now, from visibility: a lease workflow runs exactly while someone holds it. */
export async function listLeases(cutovers: Cutovers, limit: number): Promise<ListedLease[]> {
  const found: ListedLease[] = [];
  for await (const info of cutovers.client.workflow.list({ query: `WorkflowType = 'resourceLease' AND ExecutionStatus = 'Running'` })) {
    const memo = info.memo?.[LEASE_MEMO] as LeaseMemo | undefined;
    const resource = memo?.resource ?? info.workflowId.slice(LEASE_ID_PREFIX.length);
    found.push({ resource, holder: memo?.holder ?? null, since: memo?.since ?? null, taskQueue: info.taskQueue });
    if (found.length >= limit) break;
  }
  return found.sort((a, b) => (a.resource < b.resource ? -1 : a.resource > b.resource ? 1 : 0));
}

/** A lease's own state (holder, recent events); NotFoundError when nobody holds the resource. */
export async function leaseState(cutovers: Cutovers, resource: string): Promise<LeaseState> {
  const handle = cutovers.client.workflow.getHandle(leaseWorkflowId(resource));
  try {
    const description = await handle.describe();
    if (description.status.name !== 'RUNNING') throw new NotFoundError(`nobody holds ${resource}: its lease was released`, 'see who holds what with: cutover leases');
    return await cutovers.connection.withDeadline(Date.now() + 5_000, () => handle.query(leaseQuery));
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) throw new NotFoundError(`nobody holds ${resource}`, 'see who holds what with: cutover leases');
    if (isGrpcDeadlineError(err) || isGrpcCancelledError(err)) throw new UnreachableError(`no worker answered for the lease on ${resource}`, 'is a worker running on its task queue? see it with: cutover leases');
    throw err;
  }
}

export async function releaseLease(cutovers: Cutovers, resource: string, request: { by: string; reason: string; signed?: SignedDecision }): Promise<ForceReleaseReceipt> {
  const handle = cutovers.client.workflow.getHandle(leaseWorkflowId(resource));
  try {
    return await cutovers.connection.withDeadline(Date.now() + 30_000, () => handle.executeUpdate(forceReleaseUpdate, { args: [request] }));
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError) throw new RefusedError(failureMessage(err.cause ?? err));
    if (err instanceof WorkflowNotFoundError) throw new NotFoundError(`nobody holds ${resource}`, 'see who holds what with: cutover leases');
    if (isGrpcDeadlineError(err) || isGrpcCancelledError(err)) throw new UnreachableError(`no worker answered the release of ${resource}`, 'is a worker running on its task queue? see it with: cutover leases');
    throw err;
  }
}
