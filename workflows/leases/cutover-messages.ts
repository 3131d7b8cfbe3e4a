/**
 * What a cutover says about its leases: the query the start command waits on (taken, or refused and
 * by whom), and the signal a lease sends when a person releases it by hand. Typed: clients read the
 * fields, never the prose.
 */
import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { DecisionProof } from '../signing/proof';
import type { LeaseHolder } from './messages';
import type { HolderState } from './rules';

export interface LeaseRefusal {
  resource: string;
  describes: string;
  holder: LeaseHolder;
  holderState: HolderState;
  message: string;
}

export interface CutoverLeases {
  /** pending: not asked yet; taken: every lease held; refused: one was held by another cutover, nothing changed; released: given back at the end; kept: held past the end (rollback-failed). */
  state: 'pending' | 'taken' | 'refused' | 'released' | 'kept';
  /** The resources this cutover leases, sorted. */
  resources: string[];
  refusal: LeaseRefusal | null;
}

export interface LeaseReleased {
  resource: string;
  by: string;
  reason: string;
  proof: DecisionProof;
}

export const cutoverLeasesQuery = defineQuery<CutoverLeases>('leases');
export const leaseReleasedSignal = defineSignal<[LeaseReleased]>('lease-released');
