/**
 * Percent ↔ Traffic Manager endpoint weights. Traffic Manager sends each enabled endpoint a share
 * of queries proportional to its weight (1–1000); a disabled endpoint gets none. A percent maps to
 * tenths of a percent (10% → 100, 90% → 900), so each whole percent has an exact weight; 0% is the
 * endpoint disabled, because no weight means "none" (the lowest is 1).
 */
import type { Color, Weights } from '../providers';

export interface EndpointState {
  enabled: boolean;
  weight: number;
}

export const MIN_ENDPOINT_WEIGHT = 1;
export const MAX_ENDPOINT_WEIGHT = 1000;

export function endpointWeight(percent: number): number {
  return Math.min(MAX_ENDPOINT_WEIGHT, Math.max(MIN_ENDPOINT_WEIGHT, Math.round(percent * 10)));
}

/** The endpoint as it must read once `percent` is written. */
export function carries(endpoint: EndpointState, percent: number): boolean {
  return percent === 0 ? !endpoint.enabled : endpoint.enabled && endpoint.weight === endpointWeight(percent);
}

/**
 * The split the endpoints make, in whole percents adding up to 100; undefined when both are
 * disabled (the profile answers nothing). An enabled endpoint never reads as 0%, nor its
 * partner as 100%, however small its share: a rollback check must not mistake a trickle for none.
 */
export function percentsOf(blue: EndpointState, green: EndpointState): Weights | undefined {
  if (!blue.enabled && !green.enabled) return undefined;
  if (!green.enabled) return { blue: 100, green: 0 };
  if (!blue.enabled) return { blue: 0, green: 100 };
  const share = Math.round((100 * green.weight) / (blue.weight + green.weight));
  const greenPercent = Math.min(99, Math.max(1, share));
  return { blue: 100 - greenPercent, green: greenPercent };
}

/**
 * Which endpoint to write first. The endpoint left disabled is always written last, so the two are
 * never disabled at once; otherwise the side gaining traffic goes first. (With both enabled, either
 * order passes through a split between the old and the new one.)
 */
export function writeOrder(current: Weights | undefined, target: Weights): [Color, Color] {
  if (target.blue === 0) return ['green', 'blue'];
  if (target.green === 0) return ['blue', 'green'];
  return current && target.green < current.green ? ['blue', 'green'] : ['green', 'blue'];
}
