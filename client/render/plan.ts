/**
 * A runbook's plan as a table that fits `width`: each step's phase, what it does (weights as a bar
 * for canary steps), the least time it takes, then the analysis, the rollback and the totals.
 */
import { formatDuration } from '../../workflows/runbook/duration';
import type { Plan } from '../runbook/plan';
import { plain, type Palette } from './colour';
import { padEnd, wrap } from './fit';
import { weightBar } from './weights';

const NUMBER = 4;
const PHASE = 13;
const LEAST = 9;
const BAR = 10;

export function planLines(plan: Plan, options: { width: number; colour?: Palette; source?: string }): string[] {
  const colour = options.colour ?? plain;
  const width = Math.max(60, options.width);
  const whatWidth = width - NUMBER - PHASE - LEAST;
  const lines = [colour.bold(`Plan of ${plan.name}${options.source ? ` (${options.source})` : ''}`)];
  if (plan.description) lines.push(...wrap(plan.description, width).map(colour.dim));
  lines.push('', colour.dim(`${''.padEnd(NUMBER)}${'phase'.padEnd(PHASE)}${'what happens'.padEnd(whatWidth)}${'at least'.padStart(LEAST)}`));

  plan.steps.forEach((step, index) => {
    // A canary step reads as its split and its bake on one line, its gate (if any) below.
    const [head = '', ...rest] = step.what;
    const text = step.weights
      ? [`${weightBar(step.weights, BAR, colour)}, ${head}`, ...(rest.length > 0 ? wrap(rest.join('; '), whatWidth) : [])]
      : wrap(step.what.join('; '), whatWidth);
    text.forEach((line, row) => {
      const number = row === 0 ? `${index + 1}`.padStart(2).padEnd(NUMBER) : ''.padEnd(NUMBER);
      const phase = row === 0 ? colour.bold(step.phase.padEnd(PHASE)) : ''.padEnd(PHASE);
      const least = row === 0 && step.minMs > 0 ? formatDuration(step.minMs).padStart(LEAST) : '';
      lines.push(`${number}${phase}${least ? padEnd(line, whatWidth) : line}${least}`.trimEnd());
    });
  });

  const section = (label: string, items: string[]) => {
    const indent = ''.padEnd(NUMBER + PHASE);
    items.forEach((item, index) => {
      wrap(item, width - NUMBER - PHASE - 2).forEach((line, row) => {
        const head = index === 0 && row === 0 ? `${''.padEnd(NUMBER)}${colour.dim(label.padEnd(PHASE))}` : indent;
        lines.push(`${head}${row === 0 ? line : `  ${line}`}`);
      });
    });
  };
  lines.push('');
  // Said loudly: the operator chose to run with no safety net, and whoever reads the plan must see it.
  const noRollback = plan.automaticRollback
    ? []
    : ['NO AUTOMATIC ROLLBACK: no metric rolls back; traffic goes back to blue only when a person rejects or aborts'];
  section('analysis', [...noRollback, ...plan.analysis]);
  section('moves up', [plan.movesUp]);
  section('dns reads', [plan.dnsReads]);
  section('writes', plan.writes);
  section('rollback', [plan.rollback]);
  if (plan.warnings.length > 0) section('WARNING', plan.warnings.map((warning) => colour.bold(warning)));
  const { totalMs, ttlWaitMs, bakesMs, soakMs, gates } = plan.minimum;
  const parts = [ttlWaitMs > 0 ? `TTL wait ${formatDuration(ttlWaitMs)}` : null, `bakes ${formatDuration(bakesMs)}`, soakMs > 0 ? `soak ${formatDuration(soakMs)}` : null].filter(Boolean);
  const people = gates > 0 ? `, plus the time people take at ${gates} gate${gates === 1 ? '' : 's'}` : '';
  lines.push('');
  section('minimum', [`${colour.bold(formatDuration(totalMs))} (${parts.join(' + ')})${people}`]);
  section('limits', [plan.limits.join('; ')]);
  return lines;
}
