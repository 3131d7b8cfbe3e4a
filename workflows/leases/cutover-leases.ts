/**
 * A cutover's side of its leases: it takes every lease first thing, before any change, and gives
 * them back when it ends completed, rolled back or aborted. A rollback-failed cutover keeps them: the
 * resources may be half-moved, and only a person who has looked releases them (`cutover release`).
 * A refused lease ends the cutover aborted before any change, with the holder named in a typed
 * refusal the start command reads through the `leases` query.
 */
import { ApplicationFailure, CancellationScope, patched, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { LeaseActivities } from '../../activities/leases';
import type { CutoverRun } from '../run';
import { cutoverLeasesQuery, leaseReleasedSignal, type CutoverLeases } from './cutover-messages';
import type { LeaseHolder } from './messages';
import { leaseResources, type LeaseResource } from './resources';
import { failureMessage } from '../failure';

/** Retried for a while: the server may be busy, a lease may be closing as it is asked. */
const { acquireLeases, releaseLeases } = proxyActivities<LeaseActivities>({
  startToCloseTimeout: '30s',
  retry: { initialInterval: '500ms', backoffCoefficient: 2, maximumInterval: '5s', maximumAttempts: 10, nonRetryableErrorTypes: ['LeaseRequestRefused'] },
});

/** Milestone of a run that holds its leases: a run carried over to a new one holds them still. */
const TAKEN = 'leases';

export class Leases {
  private readonly resources: LeaseResource[];
  readonly status: CutoverLeases;

  constructor(private readonly run: CutoverRun) {
    this.resources = leaseResources(run.runbook, { taskQueue: workflowInfo().taskQueue });
    this.status = { state: run.done(TAKEN) ? 'taken' : 'pending', resources: this.resources.map((entry) => entry.resource), refusal: null };
    setHandler(cutoverLeasesQuery, () => this.status);
    setHandler(leaseReleasedSignal, (released) => {
      // Sent by a lease workflow; read defensively all the same, so no payload can fail the task.
      const resource = typeof released?.resource === 'string' ? released.resource : 'a resource';
      const by = typeof released?.by === 'string' ? released.by : 'someone';
      const reason = typeof released?.reason === 'string' ? released.reason : '';
      run.record('note', `the lease on ${resource} was released by ${by}: ${reason}`, { by, data: { lease: resource, proof: released?.proof ?? null } });
    });
  }

  private holder(): LeaseHolder {
    const wave = workflowInfo().memo?.wave;
    return { cutover: this.run.cutover, firstRunId: this.run.firstRunId, startedBy: this.run.startedBy, startedAt: this.run.startedAt, wave: typeof wave === 'string' ? wave : null };
  }

  /** Takes every lease, or throws a typed LeaseHeld failure (nothing changed) naming the holder. */
  async take(): Promise<void> {
    // A cutover started before leases existed replays without taking any, and ends on the code it began on.
    if (!this.run.done(TAKEN) && !patched('resource-leases')) return;
    await this.run.once(TAKEN, async () => {
      let result;
      try {
        result = await acquireLeases({ holder: this.holder(), resources: this.resources });
      } catch (err) {
        // Some may have been taken before the tries ran out: give back any this cutover holds.
        await this.giveBack('it could not take all of its leases; nothing was changed').catch(() => undefined);
        throw err;
      }
      if (!result.granted) {
        this.status.state = 'refused';
        this.status.refusal = result.refusal;
        throw ApplicationFailure.nonRetryable(result.refusal.message, 'LeaseHeld', result.refusal);
      }
      this.status.state = 'taken';
      this.run.record('note', `holds the leases of ${this.resources.map((entry) => entry.describes).join(', ')}: no other cutover changes them until this one ends`, { data: { leases: this.status.resources } });
    });
  }

  /** At the end: give the leases back, unless the run ended rollback-failed. */
  async releaseAtEnd(): Promise<void> {
    if (this.status.state !== 'taken') return;
    if (this.run.outcome === 'running') return;
    // The outcome stays the timeline's last entry: what happened to the leases is in the leases query and each lease's own record.
    if (this.run.outcome === 'rollback-failed') {
      this.status.state = 'kept';
      return;
    }
    try {
      await this.giveBack(`the cutover ended ${this.run.outcome}`);
    } catch (err) {
      // The run's outcome stands; the leases stay held until a person releases them.
      this.status.state = 'kept';
      this.run.record('escalation', `could not give back its leases (${failureMessage(err)}); release each by hand: cutover release <resource> --reason "…"`, { data: { leases: this.status.resources } });
      return;
    }
    this.status.state = 'released';
  }

  /** Returns once every lease has handled the release, so a cutover that ended holds nothing. */
  private giveBack(why: string): Promise<void> {
    // Sent even when the workflow itself was cancelled: the leases must not outlive the run.
    return CancellationScope.nonCancellable(() =>
      releaseLeases({ holder: { cutover: this.run.cutover, firstRunId: this.run.firstRunId }, resources: this.status.resources, why }),
    );
  }
}
