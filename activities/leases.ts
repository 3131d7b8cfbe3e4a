/**
 * A cutover takes the leases of the resources it changes through this activity, before it changes
 * anything: a workflow cannot send Updates, so the worker's client sends each lease its `acquire`
 * with update-with-start (the lease workflow starts if nobody holds the resource). Leases are taken
 * in sorted order; on the first refusal the ones taken are given back and the refusal names the
 * holder and what its workflow is doing (still running, rollback-failed, terminated). Taking again
 * is harmless: a lease already held by the same cutover is granted again, so a retried try is safe.
 */
import { Context } from '@temporalio/activity';
import { WithStartWorkflowOperation, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { failureMessage } from '../workflows/failure';
import type { resourceLease } from '../workflows/leases/lease';
import type { LeaseRefusal } from '../workflows/leases/cutover-messages';
import { acquireUpdate, releaseUpdate, type LeaseHolder } from '../workflows/leases/messages';
import { leaseWorkflowId, type LeaseResource } from '../workflows/leases/resources';
import { holderState, refusalMessage, type HolderState } from '../workflows/leases/rules';
import type { CutoverStatus } from '../workflows/status';

export interface AcquireLeasesInput {
  holder: LeaseHolder;
  resources: LeaseResource[];
}

export type AcquireLeasesResult = { granted: true } | { granted: false; refusal: LeaseRefusal };

export function leaseActivities() {
  return {
    async acquireLeases(input: AcquireLeasesInput): Promise<AcquireLeasesResult> {
      const { client, info } = Context.current();
      const sorted = [...input.resources].sort((a, b) => (a.resource < b.resource ? -1 : a.resource > b.resource ? 1 : 0));
      const taken: LeaseResource[] = [];
      for (const resource of sorted) {
        let answer;
        try {
          answer = await client.workflow.executeUpdateWithStart(acquireUpdate, {
            args: [{ holder: input.holder }],
            startWorkflowOperation: new WithStartWorkflowOperation<typeof resourceLease>('resourceLease', {
              workflowId: leaseWorkflowId(resource.resource),
              // The lease runs where the cutover that first takes it runs: a worker is there while it is held.
              taskQueue: info.taskQueue,
              workflowIdConflictPolicy: 'USE_EXISTING',
              args: [{ resource: resource.resource }],
              memo: { lease: { resource: resource.resource, holder: null, since: null } },
            }),
          });
        } catch (err) {
          // Refused by the lease's validator: this request is malformed, and will stay so.
          if (err instanceof WorkflowUpdateFailedError) throw ApplicationFailure.nonRetryable(`the lease on ${resource.resource} refused the request: ${failureMessage(err.cause ?? err)}`, 'LeaseRequestRefused');
          // Anything else (a lease closing as it was asked, the server busy) is tried again.
          throw err;
        }
        if (answer.granted) {
          taken.push(resource);
          continue;
        }
        await giveBack({ holder: input.holder, resources: taken.map((back) => back.resource), why: 'another lease it needs is held by another cutover; nothing was changed' });
        const state = await stateOf(answer.holder);
        return { granted: false, refusal: { resource: resource.resource, describes: resource.describes, holder: answer.holder, holderState: state, message: refusalMessage(resource.resource, resource.describes, answer.holder, state) } };
      }
      return { granted: true };
    },

    /** Gives the cutover's leases back and returns once each lease has handled it. */
    async releaseLeases(input: ReleaseLeasesInput): Promise<void> {
      await giveBack(input);
    },
  };
}

export interface ReleaseLeasesInput {
  holder: Pick<LeaseHolder, 'cutover' | 'firstRunId'>;
  resources: string[];
  why: string;
}

/** Each lease handles the release before this returns; one already closed holds nothing, and one held by another ignores it. */
async function giveBack(input: ReleaseLeasesInput): Promise<void> {
  const { client } = Context.current();
  const request = { cutover: input.holder.cutover, firstRunId: input.holder.firstRunId, why: input.why };
  await Promise.all(
    input.resources.map(async (resource) => {
      try {
        await client.workflow.getHandle(leaseWorkflowId(resource)).executeUpdate(releaseUpdate, { args: [request] });
      } catch (err) {
        if (err instanceof WorkflowNotFoundError || err instanceof WorkflowUpdateFailedError) return;
        throw err;
      }
    }),
  );
}

/** What the holder's workflow is doing, for the refusal's advice; unknown when it cannot be read. */
async function stateOf(holder: LeaseHolder): Promise<HolderState> {
  const { client } = Context.current();
  try {
    const handle = client.workflow.getHandle(holder.cutover);
    const description = await handle.describe();
    const first = description.raw.workflowExecutionInfo?.firstRunId || description.runId;
    if (first !== holder.firstRunId) return 'ended';
    const status = description.status.name;
    const outcome = status === 'COMPLETED' ? ((await handle.result()) as CutoverStatus).outcome : null;
    return holderState(status, outcome);
  } catch {
    return 'unknown';
  }
}

export type LeaseActivities = ReturnType<typeof leaseActivities>;
