/**
 * Percent of traffic (the engine) to Route 53 weights (0–255) and back. Route 53 sends a record
 * weight / (sum of the group's weights) of the answers, so writing the percents themselves as
 * weights (blue 90, green 10) means exactly what the engine asked for, stays inside 0–255, and reads
 * back unchanged. Weights written by someone else (3 and 1, say) read back as the percent of their
 * sum (75 / 25), rounded to whole percents; a side with a weight above 0 never rounds to 0% (255 and
 * 1 read as 99 / 1), so neither preflight's "is it 100% blue" nor a rollback's read-back mistakes a
 * trickle for none. A weight-0 record Route 53 returns without its Weight is 0: 100% blue reads
 * exactly blue 100 / green 0 however it is written.
 *
 * Both weights 0: Route 53 then answers with every record of the group with equal probability, so
 * the traffic is really split evenly and that is what it reads as: blue 50 / green 50. Only the blue
 * and green records are counted; other records in the same weighted group are not part of the split
 * the engine manages.
 */
import type { Weights } from '../providers';
import { permanentFailure } from './errors';

export function toRoute53Weights(weights: Weights): Weights {
  const whole = [weights.blue, weights.green].every((w) => Number.isInteger(w) && w >= 0 && w <= 100);
  if (!whole || weights.blue + weights.green !== 100) {
    throw permanentFailure(`weights must be whole percents adding up to 100, got blue ${weights.blue} / green ${weights.green}`, 'InvalidWeights');
  }
  return { blue: weights.blue, green: weights.green };
}

/** `undefined` is a weight-0 record that Route 53 returned without its Weight element. */
export function fromRoute53Weights(blue: number | undefined, green: number | undefined): Weights {
  const b = blue ?? 0;
  const g = green ?? 0;
  if (b + g === 0) return { blue: 50, green: 50 };
  const share = Math.round((100 * g) / (b + g));
  const greenPercent = g === 0 ? 0 : b === 0 ? 100 : Math.min(99, Math.max(1, share));
  return { blue: 100 - greenPercent, green: greenPercent };
}
