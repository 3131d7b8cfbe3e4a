/**
 * Invariant 1 as a pure check: green may get traffic only after this run saw replication lag within
 * the RPO and every queue drained. The canary asks it before its first DNS write.
 */
export interface Readiness {
  lagWithinRpoAt: number | null;
  /** Null when the runbook drains no queues. */
  queuesDrainedAt: number | null;
  drainRequired: boolean;
}

export function notReadyForTraffic(readiness: Readiness): string | null {
  if (readiness.lagWithinRpoAt === null) return 'replication lag has not been seen within the RPO in this run';
  if (readiness.drainRequired && readiness.queuesDrainedAt === null) return 'the queues have not been seen drained in this run';
  return null;
}
