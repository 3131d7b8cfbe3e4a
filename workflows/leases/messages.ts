/**
 * What a resource lease answers, and the schemas every payload is parsed with before the lease acts
 * on it: a malformed request is refused with a message, never a failed workflow task. Clients and
 * the cutover import these same objects, never strings.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import { z } from 'zod';
import type { DecisionProof } from '../signing/proof';

const text = (max: number) => z.string().min(1).max(max);
const isoTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/, 'must be a UTC time like 2026-12-07T23:00:00.000Z');

/** Who holds a lease: a cutover (its workflow id and first run), who started it and when. */
export const leaseHolderSchema = z.strictObject({
  cutover: text(200),
  firstRunId: text(100),
  startedBy: text(200),
  startedAt: isoTime,
  /** The wave the cutover belongs to, if any. */
  wave: text(200).nullable().default(null),
});

export const acquireRequestSchema = z.strictObject({ holder: leaseHolderSchema });

/** Sent by the holder when its cutover ends (or gives back what it took when another lease was refused). */
export const releaseRequestSchema = z.strictObject({
  cutover: text(200),
  firstRunId: text(100),
  /** How the cutover ended, or why it gives the lease back. */
  why: text(500),
});

export const signedSchema = z.strictObject({ statement: text(10_000), signature: text(10_000) });

/** A person releasing a lease whose holder cannot (rollback-failed, terminated): signed and recorded. */
export const forceReleaseRequestSchema = z.strictObject({
  by: text(200),
  reason: text(1_000),
  signed: signedSchema.optional(),
});

export type LeaseHolder = z.output<typeof leaseHolderSchema>;
export type AcquireRequest = z.input<typeof acquireRequestSchema>;
export type ReleaseRequest = z.input<typeof releaseRequestSchema>;
export type ForceReleaseRequest = z.input<typeof forceReleaseRequestSchema>;

export type AcquireAnswer = { granted: true; resource: string; holder: LeaseHolder } | { granted: false; resource: string; holder: LeaseHolder };

/** released: the lease is free now; false when the asker did not hold it (recorded, changes nothing). */
export interface ReleaseAnswer {
  released: boolean;
  message: string;
}

export interface ForceReleaseReceipt {
  released: true;
  resource: string;
  /** Who held it until now. */
  holder: LeaseHolder;
  proof: DecisionProof;
  at: string;
}

export type LeaseEventKind = 'granted' | 'refused' | 'released' | 'released-by-person' | 'ignored';

/** One line of a lease's own record, kept (the newest ones) in its state and carried over. */
export interface LeaseEvent {
  at: string;
  kind: LeaseEventKind;
  message: string;
  cutover: string | null;
  proof?: DecisionProof;
}

export interface LeaseState {
  resource: string;
  holder: LeaseHolder | null;
  /** When the current holder took it. */
  since: string | null;
  events: LeaseEvent[];
}

/** The memo key a lease keeps its holder under, so `cutover leases` lists holders without a worker. */
export const LEASE_MEMO = 'lease';

export interface LeaseMemo {
  resource: string;
  holder: LeaseHolder | null;
  since: string | null;
}

export const acquireUpdate = defineUpdate<AcquireAnswer, [AcquireRequest]>('acquire');
export const forceReleaseUpdate = defineUpdate<ForceReleaseReceipt, [ForceReleaseRequest]>('force-release');
export const releaseUpdate = defineUpdate<ReleaseAnswer, [ReleaseRequest]>('release');
export const leaseQuery = defineQuery<LeaseState>('lease');

export interface ResourceLeaseInput {
  resource: string;
  /** Set by the lease itself when it continues as a new run. */
  carried?: Omit<LeaseState, 'resource'>;
}
