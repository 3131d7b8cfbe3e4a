/**
 * The two decisions that keep the data whole: may green's database take writes (invariant 1), and
 * may blue take writes again after a rollback (invariant 7). Each returns why not, or null.
 */

export interface SwitchFacts {
  blueFrozen: boolean;
  /** Forward lag read after blue was frozen; null when no such read was within the switch RPO. */
  lagSecondsSeenFrozen: number | null;
  rpoSeconds: number;
}

/** Why green may not take writes yet, or null when it may. */
export function notReadyToSwitchWrites(facts: SwitchFacts): string | null {
  if (!facts.blueFrozen) return 'writes are not frozen on blue, so green could miss a write acknowledged after the last lag read';
  if (facts.lagSecondsSeenFrozen === null) return 'no forward lag read within the switch RPO since blue was frozen';
  if (facts.lagSecondsSeenFrozen > facts.rpoSeconds) return `forward lag ${facts.lagSecondsSeenFrozen}s is above the switch RPO of ${facts.rpoSeconds}s`;
  return null;
}

export interface ReopenFacts {
  /** The side the run last made the writer. */
  writer: 'blue' | 'green';
  /** Whether writes ever moved to green in this run. */
  switched: boolean;
  greenFrozen: boolean;
  /** traffic-only-rollback: the runbook accepted losing green's writes. */
  carriesWritesBack: boolean;
  /** Reverse lag read with green frozen; null when none was within the rollback RPO. */
  reverseLagSecondsSeenFrozen: number | null;
  rollbackRpoSeconds: number;
  /** Green's queues seen drained (true when the runbook lists none). */
  greenQueuesDrained: boolean;
}

/** Why blue may not take writes again, or null when it may. */
export function notReadyToReopenBlue(facts: ReopenFacts): string | null {
  if (!facts.switched) return null;
  if (!facts.greenFrozen) return 'writes are not frozen on green, so green could still acknowledge writes blue will never get';
  if (facts.carriesWritesBack) {
    if (facts.reverseLagSecondsSeenFrozen === null) return 'no reverse lag read within the rollback RPO since green was frozen';
    if (facts.reverseLagSecondsSeenFrozen > facts.rollbackRpoSeconds) {
      return `reverse lag ${facts.reverseLagSecondsSeenFrozen}s is above the rollback RPO of ${facts.rollbackRpoSeconds}s`;
    }
  }
  if (facts.writer !== 'blue') return 'writes have not been switched back to blue';
  if (!facts.greenQueuesDrained) return "green's queues are not drained";
  return null;
}
