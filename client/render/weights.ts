/** The blue/green traffic split as a bar, each side's share beside its name: `blue  90% ██████████████████░░  10% green`. */
import type { Weights } from '../../workflows/decisions/traffic';
import { plain, type Palette } from './colour';

export function weightBar(weights: Weights, width = 20, colour: Palette = plain): string {
  const total = weights.blue + weights.green;
  // Each side keeps at least one cell while it has any traffic, so 1% of green is never drawn as none.
  let blueCells = total > 0 ? Math.round((weights.blue / total) * width) : width;
  if (weights.green > 0 && blueCells === width && width > 1) blueCells = width - 1;
  if (weights.blue > 0 && blueCells === 0 && width > 1) blueCells = 1;
  const bar = colour.blue('█'.repeat(blueCells)) + colour.green('░'.repeat(width - blueCells));
  return `${colour.blue(`blue ${String(weights.blue).padStart(3)}%`)} ${bar} ${colour.green(`${String(weights.green).padStart(3)}% green`)}`;
}
