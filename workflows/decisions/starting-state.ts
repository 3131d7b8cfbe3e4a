/**
 * Is the world in the state a cutover starts from? A cutover changes nothing it did not first read
 * in the state it expects (invariant 8): DNS exactly 100% blue, blue the writer, and, before a write
 * switch, no reverse replication copying green onto blue yet. Anything else means a cutover already
 * ran (completed, or stopped half-way) or someone moved things by hand, and starting over from step 1
 * would send traffic back to blue. Continuing a half-done cutover is a separate, signed choice
 * (`--adopt-weights`); `adoptedStep` says where such a run picks the canary up. Each returns why not,
 * or null; pure.
 */
import type { Weights } from './traffic';

export interface DnsStartFacts {
  record: string;
  /** The weights as the provider reads them now. */
  weights: Weights;
  /** The starter chose to continue from the weights read (`cutover start --adopt-weights`). */
  adoptWeights: boolean;
  /** The canary's step weights (green %), in order. */
  steps: number[];
}

const reads = (facts: DnsStartFacts) => `dns record ${facts.record} reads blue ${facts.weights.blue} / green ${facts.weights.green}`;

/** The canary step (0-based) an adopting run starts from: the first whose weight is at or above green's share read; null when none is. */
export function adoptedStep(steps: number[], weights: Weights): number | null {
  const index = steps.findIndex((weight) => weight >= weights.green);
  return index === -1 ? null : index;
}

/** Why the cutover may not start from the weights DNS reads, or null when it may. */
export function dnsStartRefusal(facts: DnsStartFacts): string | null {
  const { blue, green } = facts.weights;
  if (facts.adoptWeights) {
    if (adoptedStep(facts.steps, facts.weights) !== null) return null;
    return `${reads(facts)}, and no canary step reaches green ${green}% (the last is ${facts.steps.at(-1) ?? 0}%), so --adopt-weights has no step to continue from: fix the runbook's canary.steps or the record`;
  }
  if (blue === 100 && green === 0) return null;
  const deliberately = 'to continue a half-done cutover deliberately, start with --adopt-weights (the start is signed with that choice)';
  if (green === 100) {
    return `${reads(facts)}: it looks already moved; if a previous cutover completed there is nothing to do; ${deliberately}`;
  }
  return (
    `${reads(facts)}, not the blue 100 / green 0 a cutover starts from: a cutover looks half done, or someone moved it; ` +
    `to start over, set it back to blue 100 / green 0 first; ${deliberately}`
  );
}

export interface DataStartFacts {
  /** The runbook switches writes (writes.mode: switch) rather than freezing a window. */
  writeSwitch: boolean;
  /** The reverse replication (green → blue) the provider can check, or null when there is none to check. */
  reverse: { name: string; running: boolean; status: string } | null;
  /** The side taking writes, when the provider can tell; null when it cannot. */
  writer: 'blue' | 'green' | null;
}

export interface DataStartFindings {
  refusals: string[];
  warnings: string[];
}

const ALREADY_DONE = 'if a previous cutover completed there is nothing to do';

/** Why the databases are not where this runbook starts (refusals), and what is merely worth knowing (warnings). */
export function dataStartFindings(facts: DataStartFacts): DataStartFindings {
  const found: DataStartFindings = { refusals: [], warnings: [] };
  if (facts.writer === 'green') {
    found.refusals.push(
      `the replication provider reads green as the writer, but a cutover starts with blue taking writes: writes look already moved; ${ALREADY_DONE}; ` +
        'otherwise make blue the writer again before starting',
    );
  }
  const reverse = facts.reverse;
  if (reverse?.running && facts.writeSwitch) {
    found.refusals.push(
      `reverse replication ${reverse.name} is already ${reverse.status}, but this runbook's write switch starts it only once green takes writes: ` +
        `a write switch looks already done (or someone started it); ${ALREADY_DONE}; otherwise stop it and make sure blue is the writer before starting`,
    );
  } else if (reverse?.running) {
    found.warnings.push(
      `reverse replication ${reverse.name} already runs before the write switch: it copies green onto blue while blue takes writes; ` +
        'stop it unless the database is set up to replicate both ways at once',
    );
  }
  return found;
}
