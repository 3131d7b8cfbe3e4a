/**
 * One screen of a cutover's status, as `status` prints it and `watch` redraws it: phase and step,
 * the blue/green weight bar, lag against the RPO, queue depths, each metric against its threshold,
 * the open gate with who may decide and the commands to do it, then the newest timeline entries.
 * Every line fits `width`; with a `height`, the timeline gives up lines first.
 */
import type { LastKnown } from '../../workflows/last-known';
import type { CutoverStatus, OpenGate, TimelineEntry } from '../../workflows/status';
import { plain, type Palette } from './colour';
import { padEnd, truncate, visibleWidth, wrap } from './fit';
import { writesText } from './writes';
import { formatValue, valueText, verdictText } from './metrics';
import { displayLines, displaySafe } from './safe';
import { clockTime, elapsed } from './time';
import { proofSuffix, starterText, UNVERIFIED_NOTICE } from './proof';
import { lastKnownText } from './last-known';
import { weightBar } from './weights';
import { escapeUnsafe } from '../../workflows/runbook/text';
import { driftText } from '../../workflows/decisions/drift';

export interface ScreenInput {
  id: string;
  /** The cutover's own snapshot; null for a run that ended without one (terminated, failed). */
  status: CutoverStatus | null;
  /** Temporal's state of the run: RUNNING, COMPLETED, TERMINATED, …, and where the run last was (its memo). */
  execution: { status: string; taskQueue: string; lastKnown?: LastKnown | null };
  /** Something about the view itself, e.g. that no worker answered lately. */
  notice?: string | null;
  /** A running cutover with no worker to answer: shown from `execution.lastKnown`. */
  noWorker?: { message: string; movingTo?: string | null } | null;
}

export interface ScreenOptions {
  width: number;
  height?: number;
  colour?: Palette;
  now: number;
  utc?: boolean;
  /** A screen `watch` keeps redrawing: its footer says how to stop watching. */
  live: boolean;
}

const LABEL = 10;
const BAR = 30;

export function statusScreen(unsafeInput: ScreenInput, options: ScreenOptions): string[] {
  const input = displaySafe(unsafeInput);
  const colour = options.colour ?? plain;
  const width = Math.max(40, options.width);
  const content = width - LABEL;
  const time = (at: string | number) => clockTime(at, options.utc).slice(0, 8);
  const labelled = (label: string, lines: string[]) =>
    lines.map((line, index) => truncate(`${colour.dim((index === 0 ? label : '').padEnd(LABEL))}${line}`, width));
  const wrapped = (label: string, text: string, style: (text: string) => string = (same) => same) => labelled(label, wrap(text, content).map(style));

  const { status, id } = input;
  const top = [...wrapped('cutover', `${id}${status ? ` (runbook ${status.runbook})` : ''}`, colour.bold)];
  const description = unsafeInput.status?.description;
  if (description) for (const line of displayLines(description)) top.push(...wrapped('', line, colour.dim));
  if (!status && input.noWorker) {
    top.push(...lastKnownLines(input.execution.lastKnown ?? null, { wrapped, labelled, colour, time }));
    const next = input.noWorker.movingTo ? 'until then' : `: start a worker (cutover worker --task-queue ${input.execution.taskQueue})`;
    top.push(...wrapped('note', `${input.noWorker.message}; the run waits where it is, and so does its analysis${next}`, colour.yellow));
    return [...top, ...footer(input, options, colour, width)];
  }
  if (!status) {
    top.push(...wrapped('outcome', `none: the run is ${input.execution.status.toLowerCase()} and left no status`, colour.red));
    return [...top, ...footer(input, options, colour, width)];
  }

  const end = status.endedAt ? Date.parse(status.endedAt) : options.now;
  top.push(...wrapped('started', `${time(status.startedAt)} by ${starterText(status.startedBy, status.timeline)}; ${status.endedAt ? 'took' : 'running for'} ${elapsed(end - Date.parse(status.startedAt))}`));
  if (status.approvals === 'unverified') top.push(...wrapped('approvals', UNVERIFIED_NOTICE, colour.yellow));
  top.push(...stateLines(status, wrapped, colour, time));
  if (status.weights) top.push(...labelled('weights', [weightBar(status.weights, BAR, colour)]));
  top.push(...groundTruthLines(id, status, wrapped, colour, time));
  if (status.lag) top.push(...wrapped('lag', lagText(status.lag, time)));
  if (status.queues) top.push(...wrapped('queues', queuesText(status.queues, time)));
  const writes = status.writes && writesText(status.writes, end, time);
  if (writes) top.push(...wrapped('writes', writes));
  top.push(...labelled('metrics', metricRows(status, colour)));
  if (status.openGate) top.push(...gateLines(id, status.openGate, status.startedBy, { wrapped, colour, time, width }));
  const refused = (status.refused?.recorded ?? 0) + (status.refused?.counted ?? 0);
  if (refused > 0) top.push(...wrapped('refused', `${refused} decision attempt${refused === 1 ? '' : 's'} refused (see cutover report ${id})`, colour.red));
  if (input.notice) top.push(...wrapped('note', input.notice, colour.yellow));

  const bottom = footer(input, options, colour, width);
  const room = options.height === undefined ? 8 : Math.max(1, options.height - top.length - bottom.length - 1);
  const recent = status.timeline.slice(-room);
  return [...top, ...timelineLines(recent, width, colour, time), ...bottom];
}

type Wrapped = (label: string, text: string, style?: (text: string) => string) => string[];

/** Where a run with no worker last was, from its memo: phase, step, gate, pause and weights. */
function lastKnownLines(
  known: LastKnown | null,
  tools: { wrapped: Wrapped; labelled: (label: string, lines: string[]) => string[]; colour: Palette; time: (at: string) => string },
): string[] {
  const { wrapped, labelled, colour, time } = tools;
  if (!known) return wrapped('phase', 'not known: the run has not recorded one yet', colour.yellow);
  const lines = wrapped('phase', `${lastKnownText(known)} (last known, at ${time(known.at)})`, colour.bold);
  if (known.weights) lines.push(...labelled('weights', [weightBar(known.weights, BAR, colour)]));
  return lines;
}

function stateLines(status: CutoverStatus, wrapped: Wrapped, colour: Palette, time: (at: string) => string): string[] {
  if (status.outcome !== 'running') {
    const style = status.outcome === 'completed' ? colour.green : colour.red;
    const lines = wrapped('outcome', status.outcome, (text) => colour.bold(style(text)));
    const cause = status.rollback?.cause;
    const reason = cause
      ? `metric ${cause.metric} = ${cause.value === null ? 'no data' : formatValue(cause.value)}, threshold ${cause.threshold}${cause.sustainedFor > 0 ? `, held for ${elapsed(cause.sustainedFor)}` : ''}, at ${time(new Date(cause.at).toISOString())}`
      : status.reason;
    if (reason) lines.push(...wrapped('reason', reason));
    for (const step of status.unfinished ?? []) {
      lines.push(...wrapped('undone', `${step.operation} still failing after ${step.attempts} tries: ${escapeUnsafe(step.lastError, { oneLine: true })}`, colour.red));
    }
    if (status.rollback) {
      const { verifiedAt, attempts } = status.rollback;
      const verified = verifiedAt ? `DNS verified 100% blue at ${time(verifiedAt)}` : 'DNS NOT verified as 100% blue';
      lines.push(...wrapped('rollback', `${verified} (${attempts} attempt${attempts === 1 ? '' : 's'})`, verifiedAt ? undefined : colour.red));
    }
    const decided = status.timeline.filter((entry) => entry.kind === 'approval' || entry.kind === 'rejection');
    if (decided.length > 0) {
      lines.push(...wrapped('decisions', decided.map((entry) => `${String(entry.data?.gate ?? '?')} ${entry.kind === 'approval' ? 'approved' : 'rejected'} by ${entry.by ?? '?'}${proofSuffix(entry)}`).join(', ')));
    }
    return lines;
  }
  const step = status.step ? `, step ${status.step.index}/${status.step.total}` : '';
  const waiting = status.openGate ? `, waiting at gate "${status.openGate.name}"` : '';
  const lines = wrapped('phase', `${status.phase}${step}${waiting}`, colour.bold);
  if (status.paused) lines.push(...wrapped('paused', `by ${status.paused.by} since ${time(status.paused.since)}: ${status.paused.reason}`, colour.yellow));
  if (status.retrying) {
    const { operation, attempts, lastError, since, deadline } = status.retrying;
    const until = deadline ? `, gives up at ${time(deadline)}` : '';
    lines.push(...wrapped('retrying', `${operation}: ${attempts} failed since ${time(since)}${until}: ${escapeUnsafe(lastError, { oneLine: true })}`, colour.yellow));
  }
  return lines;
}

/** DNS as last read, a drift and what to do about it, and a canary holding its weight. */
function groundTruthLines(id: string, status: CutoverStatus, wrapped: Wrapped, colour: Palette, time: (at: string) => string): string[] {
  const { drift, weightsRead, holding } = status;
  const lines: string[] = [];
  if (drift) {
    const next = status.outcome === 'running' ? `: no DNS write until resumed (cutover resume ${id} carries on from the weights read; cutover abort ${id} rolls back)` : '';
    lines.push(...wrapped('dns', `${driftText(drift)} (read at ${time(drift.readAt)})${next}`, (text) => colour.bold(colour.red(text))));
  } else if (weightsRead && status.outcome === 'running') {
    lines.push(...wrapped('dns', `reads blue ${weightsRead.weights.blue} / green ${weightsRead.weights.green} at ${time(weightsRead.at)}`, colour.dim));
  }
  const at = holding?.weights ? `at blue ${holding.weights.blue}% / green ${holding.weights.green}% ` : '';
  if (holding) lines.push(...wrapped('holding', `${at}before ${holding.before} since ${time(holding.since)}: ${holding.reason}`, colour.yellow));
  return lines;
}

function lagText(lag: NonNullable<CutoverStatus['lag']>, time: (at: string) => string): string {
  const rpo = `the RPO of ${formatValue(lag.rpoSeconds)}s`;
  const seen = lag.withinRpoAt ? `; seen within it at ${time(lag.withinRpoAt)}` : '';
  if (lag.seconds === null) return `no data against ${rpo}${seen}`;
  const within = lag.seconds <= lag.rpoSeconds;
  return `${formatValue(lag.seconds)}s, ${within ? 'within' : 'above'} ${rpo}${seen}`;
}

function queuesText(queues: NonNullable<CutoverStatus['queues']>, time: (at: string) => string): string {
  const depths = Object.entries(queues.depths).map(([name, depth]) => `${name} ${depth}`);
  return `${depths.join(', ') || 'none read'}${queues.drainedAt ? `; drained at ${time(queues.drainedAt)}` : ''}`;
}

function metricRows(status: CutoverStatus, colour: Palette): string[] {
  const rows = Object.entries(status.metrics).map(([name, metric]) => [name, valueText(metric), metric.threshold, verdictText(metric, colour)] as const);
  if (rows.length === 0) return [colour.dim('none configured')];
  const widths = [0, 1, 2].map((column) => Math.max(...rows.map((row) => visibleWidth(row[column]!))));
  return rows.map(([name, value, threshold, verdict]) => `${padEnd(name, widths[0]!)}  ${padEnd(value, widths[1]!)}  vs ${padEnd(threshold, widths[2]!)}  ${verdict}`);
}

function gateLines(
  id: string,
  gate: OpenGate,
  startedBy: string,
  tools: { wrapped: Wrapped; colour: Palette; time: (at: string) => string; width: number },
): string[] {
  const { wrapped, colour, time, width } = tools;
  const deadline = gate.clockStoppedAt ? '; its timeout is held by the pause' : gate.deadline ? `; decide by ${time(gate.deadline)}` : '';
  const who = `may approve: ${gate.approvers.join(', ')}${gate.twoPersonRule ? ` (two-person rule: not ${startedBy})` : ''}`;
  const given = gate.approvals ?? [];
  const signers = gate.required && gate.required > 1 ? [`needs ${gate.required} different signers; ${given.length} so far${given.length > 0 ? `: ${given.map((approval) => approval.principal).join(', ')}` : ''}`] : [];
  return [
    ...wrapped('gate', `"${gate.name}" open since ${time(gate.openedAt)}${deadline}`, (text) => colour.bold(colour.yellow(text))),
    ...wrapped('', who, colour.yellow),
    ...signers.flatMap((line) => wrapped('', line, colour.yellow)),
    ...command(`cutover approve ${id} --gate ${gate.name}`, width),
    ...command(`cutover reject ${id} --gate ${gate.name} --reason "..."`, width),
  ];
}

/** A command to copy, broken with shell continuations rather than cut when it is too long. */
function command(text: string, width: number): string[] {
  if (visibleWidth(text) <= width - 2) return [`  ${text}`];
  const lines = wrap(text, width - 6);
  return lines.map((line, index) => `${index === 0 ? '  ' : '    '}${line}${index < lines.length - 1 ? ' \\' : ''}`);
}

function timelineLines(entries: TimelineEntry[], width: number, colour: Palette, time: (at: string) => string): string[] {
  const rule = colour.dim(`── timeline ${'─'.repeat(Math.max(0, width - 12))}`);
  const phaseWidth = Math.max(0, ...entries.map((entry) => entry.phase.length));
  return [rule, ...entries.map((entry) => truncate(`${colour.dim(time(entry.at))} ${entry.phase.padEnd(phaseWidth)} ${entry.message}${proofSuffix(entry)}`, width))];
}

function footer(input: ScreenInput, options: ScreenOptions, colour: Palette, width: number): string[] {
  const finished = input.execution.status !== 'RUNNING' || (input.status !== null && input.status.outcome !== 'running');
  const text = options.live && !finished
    ? `watching: updated ${clockTime(options.now, options.utc).slice(0, 8)}; Ctrl-C stops watching, not the cutover`
    : `full timeline: cutover report ${input.id}`;
  return [truncate(colour.dim(text), width)];
}
