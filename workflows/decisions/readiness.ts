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

/**
 * Whether one lag reading meets the RPO. No data is not a lag of zero unless the runbook says so
 * (replication.noData: pass): a replication provider that went quiet must not open the gate.
 */
export function lagWithinRpo(lagSeconds: number | null, rpoMs: number, noData: 'wait' | 'pass'): boolean {
  if (lagSeconds === null) return noData === 'pass';
  return lagSeconds * 1000 <= rpoMs;
}

export function notReadyForTraffic(readiness: Readiness): string | null {
  if (!readiness.lagSeenWithinRpo) return 'replication lag has not been seen within the RPO in this run';
  if (readiness.drainRequired && !readiness.queuesSeenDrained) return 'the queues have not been seen drained in this run';
  return null;
}
