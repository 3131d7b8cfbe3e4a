/**
 * Where a cutover last was, kept in the workflow's memo so that `status` can show it when no worker
 * answers the status query: the server returns a memo with the run's description, without a worker.
 */
import type { Weights } from './decisions/traffic';
import type { Outcome, Phase, StepProgress } from './status';

export const LAST_KNOWN_MEMO = 'lastKnown';

export interface LastKnown {
  phase: Phase;
  outcome: Outcome;
  step: StepProgress | null;
  weights: Weights | null;
  openGate: string | null;
  paused: boolean;
  /** When the workflow last changed any of the above. */
  at: string;
}
