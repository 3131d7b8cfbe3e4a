/**
 * The lease's decisions, pure: may this cutover take the lease, does this release come from its
 * holder, and the words that name a holder in a refusal. The lease workflow's handlers call these,
 * one at a time, so "free or mine → granted, someone else's → refused" is decided atomically.
 */
import type { LeaseHolder } from './messages';

export type AcquireJudgement = { granted: true; renewed: boolean } | { granted: false; holder: LeaseHolder };

/** The same cutover: one workflow id and one first run (an id reused later is another cutover). */
export function sameHolder(a: Pick<LeaseHolder, 'cutover' | 'firstRunId'>, b: Pick<LeaseHolder, 'cutover' | 'firstRunId'>): boolean {
  return a.cutover === b.cutover && a.firstRunId === b.firstRunId;
}

export function judgeAcquire(current: LeaseHolder | null, asking: LeaseHolder): AcquireJudgement {
  if (current === null) return { granted: true, renewed: false };
  if (sameHolder(current, asking)) return { granted: true, renewed: true };
  return { granted: false, holder: current };
}

/** Only the holder releases by signal; anything else is recorded and ignored. Null when it may. */
export function releaseProblem(current: LeaseHolder | null, asking: { cutover: string; firstRunId: string }): string | null {
  if (current === null) return `cutover ${asking.cutover} released a lease nobody held`;
  if (!sameHolder(current, asking)) return `cutover ${asking.cutover} (first run ${asking.firstRunId}) asked to release a lease held by cutover ${current.cutover} (first run ${current.firstRunId})`;
  return null;
}

/** `cutover orders-1, started by olivia at 2026-12-07T23:00:00.000Z` (and its wave). */
export function describeHolder(holder: LeaseHolder): string {
  const wave = holder.wave ? ` in wave ${holder.wave}` : '';
  return `cutover ${holder.cutover}${wave}, started by ${holder.startedBy} at ${holder.startedAt}`;
}

/** What the holder's workflow is doing now, as the refusal tells it: a person must act on some. */
export type HolderState = 'running' | 'rollback-failed' | 'terminated' | 'ended' | 'unknown';

/** The refusal a cutover ends on, and the start command prints: which resource, whose, what to do. */
export function refusalMessage(resource: string, describes: string, holder: LeaseHolder, state: HolderState): string {
  const held = `${describes} (${resource}) is held by ${describeHolder(holder)}`;
  switch (state) {
    case 'running':
      return `${held}; wait until it ends, or abort it: cutover abort ${holder.cutover} --reason "…"`;
    case 'rollback-failed':
      return `${held}, which ended rollback-failed and keeps it until a person has checked the resource; then: cutover release ${resource} --reason "…"`;
    case 'terminated':
      return `${held}, whose workflow was terminated and may have left it half-moved; check it, then: cutover release ${resource} --reason "…"`;
    case 'ended':
      return `${held}, which has ended without giving it back; check the resource, then: cutover release ${resource} --reason "…"`;
    case 'unknown':
      return `${held}; see it with: cutover leases`;
  }
}

/** How the holder's workflow stands, from its execution status and (when it completed) its outcome. */
export function holderState(status: string | null, outcome: string | null): HolderState {
  if (status === null) return 'unknown';
  if (status === 'RUNNING') return 'running';
  if (status === 'TERMINATED') return 'terminated';
  if (outcome === 'rollback-failed') return 'rollback-failed';
  return 'ended';
}
