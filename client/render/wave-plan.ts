/**
 * A wave's plan as text that fits `width`: its applications by dependency level, each with its
 * runbook, DNS calls and least time, each level's least time with the DNS budget's bound, and the
 * wave's total.
 */
import { formatDuration } from '../../workflows/runbook/duration';
import type { WavePlan, WavePlanLevel } from '../wave/plan';
import { plain, type Palette } from './colour';
import { padEnd, truncate, wrap } from './fit';

const INDENT = 4;
const NAME = 22;
const DNS = 11;
const LEAST = 9;

export function wavePlanLines(plan: WavePlan, options: { width: number; colour?: Palette; source?: string }): string[] {
  const colour = options.colour ?? plain;
  const width = Math.max(60, options.width);
  const runbookWidth = width - INDENT - NAME - DNS - LEAST;
  const lines = [colour.bold(`Plan of wave ${plan.name}${options.source ? ` (${options.source})` : ''}`)];
  if (plan.description) lines.push(...wrap(plan.description, width).map(colour.dim));
  lines.push(...wrap(shapeOf(plan), width));
  lines.push('', colour.dim(`${''.padEnd(INDENT)}${'application'.padEnd(NAME)}${'runbook'.padEnd(runbookWidth)}${'DNS calls'.padStart(DNS)}${'at least'.padStart(LEAST)}`));

  plan.levels.forEach((level, index) => {
    const after = [...new Set(level.applications.flatMap((app) => app.after))];
    const head = truncate(`level ${index + 1}${after.length > 0 ? `, after ${after.join(', ')}` : ''}`, width - LEAST - 1);
    lines.push(padEnd(colour.bold(head), width - LEAST) + colour.bold(formatDuration(level.minimumMs).padStart(LEAST)));
    for (const app of level.applications) {
      const row = `${''.padEnd(INDENT)}${padEnd(truncate(app.name, NAME - 1), NAME)}${padEnd(truncate(app.runbook, runbookWidth - 1), runbookWidth)}`;
      lines.push(`${row}${String(app.dnsCalls).padStart(DNS)}${formatDuration(app.minimumMs).padStart(LEAST)}`);
    }
    for (const note of levelNotes(level, plan)) lines.push(...wrap(note, width - INDENT).map((line) => `${''.padEnd(INDENT)}${colour.dim(line)}`));
  });

  lines.push('');
  const people = plan.gates > 0 ? `, plus the time people take at ${plan.gates} gate${plan.gates === 1 ? '' : 's'}` : '';
  lines.push(...wrap(`minimum ${formatDuration(plan.totalMs)}: the levels one after another${people}`, width).map(colour.bold));
  return lines;
}

function shapeOf(plan: WavePlan): string {
  const { stopAfter, running } = plan.blastRadius;
  const rollbacks = stopAfter === 1 ? '1 rollback' : `${stopAfter} rollbacks`;
  const then = running === 'finish' ? 'the running ones finish' : 'the running ones are rolled back';
  const gates = [plan.startGate ? `start gate "${plan.startGate}"` : null, plan.signoffGate ? `sign-off gate "${plan.signoffGate}"` : null].filter(Boolean);
  return (
    `Up to ${plan.maxParallel} at once; after ${rollbacks} no new application starts and ${then}.` +
    (gates.length > 0 ? ` Wave ${gates.join(' and ')}.` : '')
  );
}

/** Why the level takes what it takes: the slots when it has more applications than slots, the DNS budget when that binds. */
function levelNotes(level: WavePlanLevel, plan: WavePlan): string[] {
  const notes: string[] = [];
  if (level.applications.length > plan.maxParallel) {
    notes.push(`${level.applications.length} applications on ${plan.maxParallel} slots, longest first: ${formatDuration(level.scheduledMs)}`);
  }
  const budget = `${level.dnsCalls} DNS calls at ${plan.dnsCallsPerSecond}/s take at least ${formatDuration(level.dnsBoundMs)}`;
  notes.push(level.dnsBoundMs > level.scheduledMs ? `${budget}: the DNS budget, not the runbooks, sets this level's time` : budget);
  return notes;
}
