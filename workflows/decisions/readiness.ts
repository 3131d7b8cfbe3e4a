/**
 * Invariant 1 as a pure check: green may get traffic only after this run saw replication lag within
 * the RPO and every queue drained. The canary asks it before its first DNS write.
 */
export interface Readiness {
  lagSeenWithinRpo: boolean;
  queuesSeenDrained: boolean;
  /** False when the runbook drains no queues. */
  drainRequired: boolean;
}

export function notReadyForTraffic(readiness: Readiness): string | null {
  if (!readiness.lagSeenWithinRpo) return 'replication lag has not been seen within the RPO in this run';
  if (readiness.drainRequired && !readiness.queuesSeenDrained) return 'the queues have not been seen drained in this run';
  return null;
}
