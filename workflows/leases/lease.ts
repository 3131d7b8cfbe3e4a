/**
 * One exclusive lease on one resource (a DNS record, a replication task, a database's writer), kept
 * by Temporal itself: a small workflow per resource, taken with update-with-start, so the lease
 * survives worker and client crashes and needs no other database. Its handlers run one at a time,
 * which makes "free or already mine → granted; someone else's → refused, naming them" atomic. It
 * completes once released, continues as new when its history grows, and records every grant,
 * refusal and release (a person's with its signed proof) in its history and its state.
 *
 * Every payload is parsed with its schema first; no handler throws anything but an ApplicationFailure,
 * so a malformed message is refused, never a failed workflow task.
 */
import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  proxyActivities,
  setHandler,
  upsertMemo,
  workflowInfo,
} from '@temporalio/workflow';
import type { z } from 'zod';
import type { CutoverActivities } from '../../activities';
import { parsePayload } from '../message-payload';
import { trustedSigners } from '../signing/gate-signers';
import { releaseProof, releaseRefusalMessage } from '../signing/release-statement';
import { leaseReleasedSignal } from './cutover-messages';
import {
  acquireRequestSchema,
  acquireUpdate,
  forceReleaseRequestSchema,
  forceReleaseUpdate,
  LEASE_MEMO,
  leaseQuery,
  releaseRequestSchema,
  releaseUpdate,
  type AcquireAnswer,
  type ForceReleaseReceipt,
  type LeaseEvent,
  type LeaseHolder,
  type LeaseMemo,
  type LeaseState,
  type ReleaseAnswer,
  type ResourceLeaseInput,
} from './messages';
import { describeHolder, judgeAcquire, releaseProblem } from './rules';

/** The newest events kept in state (history keeps them all, until a carry-over). */
const EVENTS_KEPT = 50;
/** History length at which the lease continues as a new run, unless the server suggests it sooner. */
const CARRY_OVER_AFTER = 2_000;

const { loadGateSigners } = proxyActivities<CutoverActivities>({
  startToCloseTimeout: '30s',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '10s', maximumAttempts: 5 },
});

const nowIso = () => new Date(Date.now()).toISOString();

/** The request read through its schema (message-payload.ts), or refused naming the field. */
function parsed<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = parsePayload(what, schema, value);
  if (!result.ok) throw ApplicationFailure.nonRetryable(`malformed ${result.problem}`, 'BadLeaseRequest');
  return result.value;
}

/** Anything but an ApplicationFailure becomes one: a handler's bug fails the request, not the task. */
function asFailure(err: unknown): ApplicationFailure {
  if (err instanceof ApplicationFailure) return err;
  return ApplicationFailure.nonRetryable(`the lease could not handle the request: ${err instanceof Error ? err.message : String(err)}`, 'LeaseError');
}

class Lease {
  holder: LeaseHolder | null;
  since: string | null;
  events: LeaseEvent[];
  private memoKey = '';

  constructor(readonly resource: string, carried: ResourceLeaseInput['carried']) {
    this.holder = carried?.holder ?? null;
    this.since = carried?.since ?? null;
    this.events = carried?.events ?? [];
  }

  record(event: Omit<LeaseEvent, 'at'>): void {
    this.events.push({ at: nowIso(), ...event });
    if (this.events.length > EVENTS_KEPT) this.events.splice(0, this.events.length - EVENTS_KEPT);
    this.remember();
  }

  /** The holder in the memo, so listing leases needs no worker. */
  remember(): void {
    const memo: LeaseMemo = { resource: this.resource, holder: this.holder, since: this.since };
    const key = JSON.stringify(memo);
    if (key === this.memoKey) return;
    this.memoKey = key;
    upsertMemo({ [LEASE_MEMO]: memo });
  }

  state(): LeaseState {
    return { resource: this.resource, holder: this.holder, since: this.since, events: this.events };
  }

  acquire(holder: LeaseHolder): AcquireAnswer {
    const judgement = judgeAcquire(this.holder, holder);
    if (!judgement.granted) {
      this.record({ kind: 'refused', message: `refused cutover ${holder.cutover}: held by ${describeHolder(judgement.holder)}`, cutover: holder.cutover });
      return { granted: false, resource: this.resource, holder: judgement.holder };
    }
    if (!judgement.renewed) {
      this.holder = holder;
      this.since = nowIso();
      this.record({ kind: 'granted', message: `granted to ${describeHolder(holder)}`, cutover: holder.cutover });
    }
    return { granted: true, resource: this.resource, holder };
  }

  release(request: { cutover: string; firstRunId: string; why: string }): ReleaseAnswer {
    const problem = releaseProblem(this.holder, request);
    if (problem) {
      this.record({ kind: 'ignored', message: `release ignored: ${problem}`, cutover: request.cutover });
      return { released: false, message: problem };
    }
    this.holder = null;
    this.since = null;
    const message = `released by cutover ${request.cutover}: ${request.why}`;
    this.record({ kind: 'released', message, cutover: request.cutover });
    return { released: true, message };
  }
}

export async function resourceLease(input: ResourceLeaseInput): Promise<LeaseState> {
  const lease = new Lease(input.resource, input.carried);
  lease.remember();

  setHandler(leaseQuery, () => lease.state());

  setHandler(
    acquireUpdate,
    (request) => {
      try {
        return lease.acquire(parsed(acquireRequestSchema, request, 'lease request').holder);
      } catch (err) {
        throw asFailure(err);
      }
    },
    { validator: (request) => void parsed(acquireRequestSchema, request, 'lease request') },
  );

  setHandler(
    releaseUpdate,
    (request) => {
      try {
        return lease.release(parsed(releaseRequestSchema, request, 'release request'));
      } catch (err) {
        throw asFailure(err);
      }
    },
    { validator: (request) => void parsed(releaseRequestSchema, request, 'release request') },
  );

  setHandler(
    forceReleaseUpdate,
    async (request): Promise<ForceReleaseReceipt> => {
      try {
        const { by, reason, signed } = parsed(forceReleaseRequestSchema, request, 'release');
        const holder = lease.holder;
        if (holder === null) throw ApplicationFailure.nonRetryable(`${input.resource} is not held by anyone: there is nothing to release`, 'LeaseNotHeld');
        const loaded = await loadGateSigners({ principals: [by] });
        const proof = loaded.configured
          ? releaseProof(signed, { resource: input.resource, holder, by, reason, trusted: trustedSigners(loaded), now: Date.now() })
          : { verified: false, principal: by, keyType: null, fingerprint: null, statement: signed?.statement ?? null, signature: signed?.signature ?? null, unverifiedBecause: 'no-signers' };
        if (!proof.verified) {
          lease.record({ kind: 'ignored', message: `release by ${by} refused: ${releaseRefusalMessage(proof.unverifiedBecause ?? '')}`, cutover: null, proof });
          throw ApplicationFailure.nonRetryable(`release refused: ${releaseRefusalMessage(proof.unverifiedBecause ?? '')}`, 'ReleaseRefused');
        }
        // The signers were loaded by an activity: the holder may have changed meanwhile.
        if (lease.holder === null || lease.holder.cutover !== holder.cutover || lease.holder.firstRunId !== holder.firstRunId) {
          throw ApplicationFailure.nonRetryable(`release refused: ${input.resource} changed hands while the signature was checked; look again (cutover leases)`, 'ReleaseRefused');
        }
        lease.holder = null;
        lease.since = null;
        lease.record({ kind: 'released-by-person', message: `released by ${by}, taken from ${describeHolder(holder)}: ${reason}`, cutover: holder.cutover, proof });
        try {
          // The holder's own timeline records it, when its workflow is still open to hear.
          await getExternalWorkflowHandle(holder.cutover).signal(leaseReleasedSignal, { resource: input.resource, by, reason, proof });
        } catch {
          // Ended or terminated: the lease's own record is the record.
        }
        return { released: true, resource: input.resource, holder, proof, at: nowIso() };
      } catch (err) {
        throw asFailure(err);
      }
    },
    { validator: (request) => void parsed(forceReleaseRequestSchema, request, 'release') },
  );

  for (;;) {
    const carryOverDue = () => workflowInfo().continueAsNewSuggested || workflowInfo().historyLength >= CARRY_OVER_AFTER;
    await condition(() => (lease.holder === null || carryOverDue()) && allHandlersFinished());
    if (lease.holder === null) return lease.state();
    await continueAsNew<typeof resourceLease>({ resource: input.resource, carried: { holder: lease.holder, since: lease.since, events: lease.events } });
  }
}
