/**
 * Ground truth about the DNS record a cutover holds: what it expects the record to say (what it
 * wrote, what preflight read before any write, or what a person accepted), whether a read differs
 * (drift: a person or another tool changed the weights), and how often to read while it waits.
 * Weights are compared as the whole percents the provider reads back: every weight the engine
 * writes reads back unchanged on each provider (see route53-weights.ts, azure/weights.ts), so a
 * difference is a change someone made, never rounding.
 */
import type { Runbook } from '../runbook/schema';
import { sameWeights, type Weights } from './traffic';

/** Where the expected weights come from. */
export type WeightsBasis = 'preflight' | 'written' | 'accepted';

export interface DnsDrift {
  /** What the record reads now. */
  read: Weights;
  /** What the cutover expected it to read. */
  expected: Weights;
  basis: WeightsBasis;
  /** When the differing read was made. */
  readAt: string;
}

/** The drift a read shows against what was expected, or null when it reads as expected. */
export function driftOf(expected: Weights, basis: WeightsBasis, read: Weights, readAt: string): DnsDrift | null {
  if (sameWeights(read, expected)) return null;
  return { read: { blue: read.blue, green: read.green }, expected: { ...expected }, basis, readAt };
}

/** `DNS drift: reads blue 100 / green 0, wrote 50 / 50`: the same words in status, report and notifications. */
export function driftText(drift: Pick<DnsDrift, 'read' | 'expected' | 'basis'>): string {
  const { read, expected, basis } = drift;
  const expectedText = `${expected.blue} / ${expected.green}`;
  const known = basis === 'written' ? `wrote ${expectedText}` : basis === 'accepted' ? `accepted ${expectedText}` : `read ${expectedText} at preflight`;
  return `DNS drift: reads blue ${read.blue} / green ${read.green}, ${known}`;
}

/** Reads spaced at most this far apart, however long the bakes: a drift waits no longer to be seen. */
export const MAX_DRIFT_READ_EVERY_MS = 5 * 60_000;

/**
 * How often a cutover reads its record while it holds it. Half the shortest bake, so every bake
 * holds at least one read; never more often than once a TTL (what resolvers cache anyway, and the
 * DNS budget is shared by every cutover); never less often than every five minutes.
 */
export function driftReadEveryMs(runbook: Runbook): number {
  const ttl = runbook.dns.lowerTtlTo ?? runbook.dns.ttl;
  const shortestBake = Math.min(...runbook.canary.steps.map((step) => step.bake), runbook.acceptance?.soak ?? Infinity);
  return Math.max(200, Math.min(MAX_DRIFT_READ_EVERY_MS, Math.max(ttl, shortestBake / 2)));
}
