/**
 * A wave's status as text for `wave status` and `wave watch`: one line per application that fits
 * the width (name, state, phase, a small bar of green's share, the open gate and who may approve it
 * or how it ended), the wave's progress, and the commands that decide at each open gate (a gate
 * belongs to the application's cutover, so the command names that cutover's id).
 */
import type { ApplicationState } from '../../workflows/wave/messages';
import { skipReason } from '../../workflows/wave/schedule';
import type { ApplicationView, WaveSnapshot } from '../wave/waves';
import { plain, type Palette } from './colour';
import { padEnd, truncate } from './fit';
import { displaySafe } from './safe';

export interface WaveScreenOptions {
  width: number;
  colour?: Palette;
}

// A state is at most 12 columns but for rollback-failed, which is rare and may push its line on by three.
const COLUMNS = { name: 12, state: 12, phase: 12, bar: 6 } as const;

export function waveStatusLines(unsafeSnapshot: WaveSnapshot, options: WaveScreenOptions): string[] {
  const colour = options.colour ?? plain;
  const snapshot = displaySafe(unsafeSnapshot);
  const { status } = snapshot;
  const fit = (line: string) => truncate(line, options.width);
  const outcome = status?.outcome ?? snapshot.execution.status.toLowerCase();
  const lines = [fit(`${colour.bold(`wave ${status?.wave ?? snapshot.id}`)} ${snapshot.id}  ${outcomeColour(outcome, colour)}`)];
  if (snapshot.noWorker) lines.push(fit(colour.yellow(snapshot.noWorker.message)));
  if (!status) {
    if (!snapshot.noWorker) lines.push(`the wave is ${snapshot.execution.status.toLowerCase()} and left no status`);
    return lines;
  }
  lines.push(fit(progressLine(snapshot.applications)), fit(colour.dim(limitsText(status.maxParallel, status.blastRadius))));
  if (status.paused) lines.push(fit(colour.yellow(`paused by ${status.paused.by}: ${status.paused.reason}; running applications go on`)));
  if (status.stop) lines.push(fit(colour.red(`no new application starts: ${status.stop.reason}`)));
  const gate = status.openGate;
  if (gate) {
    const many = (gate.required ?? 1) > 1 ? ` (${gate.approvals?.length ?? 0} of ${gate.required})` : '';
    lines.push(fit(colour.yellow(`wave gate ${gate.name} (${gate.role}) waits for ${gate.approvers.join(', ')}${many}`)));
    lines.push(fit(`  cutover wave approve ${snapshot.id} --gate ${gate.name}`));
  }
  if (status.outcome !== 'running' && status.reason) lines.push(fit(`ended: ${status.reason}`));
  lines.push('');
  lines.push(fit(colour.dim(`  ${'application'.padEnd(COLUMNS.name)} ${'state'.padEnd(COLUMNS.state)} ${'phase'.padEnd(COLUMNS.phase)} ${'green'.padEnd(COLUMNS.bar + 5)} gate or outcome`)));
  for (const app of snapshot.applications) lines.push(fit(applicationLine(app, colour)));
  const gates = snapshot.applications.filter((app) => app.openGate);
  if (gates.length > 0) {
    lines.push('', 'decide at a gate (each goes to that application\'s cutover):');
    for (const app of gates) lines.push(`  cutover approve ${app.id} --gate ${app.openGate!.name}`);
  }
  return lines;
}

function applicationLine(app: ApplicationView, colour: Palette): string {
  const cell = (text: string, width: number) => padEnd(truncate(text, width), width);
  const bar = app.weights ? `${greenBar(app.weights.green, COLUMNS.bar, colour)} ${String(app.weights.green).padStart(3)}%` : '';
  // Never started, so no phase and no traffic: the reason takes their room.
  if (!app.phase && !bar) return `  ${cell(app.name, COLUMNS.name)} ${padEnd(stateColour(app.state, colour), COLUMNS.state)} ${lastColumn(app, colour)}`.trimEnd();
  return `  ${cell(app.name, COLUMNS.name)} ${padEnd(stateColour(app.state, colour), COLUMNS.state)} ${cell(app.phase ?? '', COLUMNS.phase)} ${padEnd(bar, COLUMNS.bar + 5)} ${lastColumn(app, colour)}`.trimEnd();
}

function lastColumn(app: ApplicationView, colour: Palette): string {
  if (app.openGate) return colour.yellow(`gate ${app.openGate.name}: ${app.openGate.approvers.join(', ')}`);
  if (app.note) return colour.yellow(app.note);
  if (app.state === 'running' || app.state === 'waiting') return app.state === 'waiting' && app.after.length > 0 ? colour.dim(`after ${app.after.join(', ')}`) : '';
  // The state column already says skipped or not started: the rest of the reason says why.
  if (app.state === 'skipped' && app.because) return `because ${skipReason(app.because).replace(/^skipped because /, '')}`;
  return (app.reason ?? '').replace(/^not started: /, '');
}

/** Green's share of traffic in `width` cells; any green at all shows at least one cell. */
function greenBar(green: number, width: number, colour: Palette): string {
  let cells = Math.round((green / 100) * width);
  if (green > 0 && cells === 0) cells = 1;
  if (green < 100 && cells === width) cells = width - 1;
  return colour.green('█'.repeat(cells)) + colour.dim('░'.repeat(width - cells));
}

function progressLine(apps: readonly ApplicationView[]): string {
  const counts = new Map<ApplicationState, number>();
  for (const app of apps) counts.set(app.state, (counts.get(app.state) ?? 0) + 1);
  return `${apps.length} applications: ${[...counts].map(([state, n]) => `${n} ${state}`).join(', ')}`;
}

function limitsText(maxParallel: number, blastRadius: { stopAfter: number }): string {
  return `up to ${maxParallel} at once, stop after ${blastRadius.stopAfter} rollback${blastRadius.stopAfter === 1 ? '' : 's'}`;
}

function stateColour(state: ApplicationState, colour: Palette): string {
  if (state === 'completed') return colour.green(state);
  if (state === 'running') return colour.bold(state);
  if (state === 'waiting' || state === 'skipped' || state === 'not-started') return colour.dim(state);
  return colour.red(state);
}

function outcomeColour(outcome: string, colour: Palette): string {
  if (outcome === 'completed') return colour.green(outcome);
  if (outcome === 'running') return colour.bold(outcome);
  return colour.red(outcome);
}
