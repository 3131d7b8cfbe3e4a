/**
 * What an approver is approving, in one line: the state of the run when the gate opened
 * (weights, step, lag, last verdicts), who may decide and until when.
 */
import type { OpenGate } from '../../workflows/status';
import { plain, type Palette } from './colour';
import { formatValue } from './metrics';
import { displaySafe } from './safe';
import { clockTime } from './time';

export function gateLine(unsafeGate: OpenGate, options: { colour?: Palette; utc?: boolean } = {}): string {
  const colour = options.colour ?? plain;
  const gate = displaySafe(unsafeGate);
  const { weights, step, lagSeconds, metrics } = gate.context;
  const facts: string[] = [];
  if (weights) facts.push(`blue ${weights.blue}% / green ${weights.green}%`);
  if (step) facts.push(`step ${step.index}/${step.total}`);
  if (lagSeconds !== null) facts.push(`lag ${formatValue(lagSeconds)}s`);
  for (const [name, metric] of Object.entries(metrics)) {
    if (metric.verdict !== 'pending') facts.push(`${name} ${metric.value === null ? 'no data' : formatValue(metric.value)} ${metric.verdict}`);
  }
  const who = `approvers ${gate.approvers.join(', ')}${gate.twoPersonRule ? ' (two-person rule)' : ''}`;
  const until = gate.deadline ? `; decide by ${clockTime(gate.deadline, options.utc)}` : '';
  const state = facts.length > 0 ? ` at ${facts.join(', ')}` : '';
  return `${colour.yellow(`gate "${gate.name}"`)}${state}; ${who}${until}`;
}
