/** A timeline entry as one log line: `12:00:05.123 canary      step 1/4 completed`. */
import type { TimelineEntry, TimelineKind } from '../../workflows/status';
import { plain, type Palette } from './colour';
import { proofSuffix } from './proof';
import { clockTime } from './time';

export interface LineOptions {
  colour?: Palette;
  /** Times in UTC rather than local time (tests, logs shipped across zones). */
  utc?: boolean;
}

/** Wide enough for the longest phase ("replication"), so messages line up. */
export const PHASE_WIDTH = 11;
const TIME_WIDTH = 'HH:MM:SS.mmm'.length;

export function timelineLine(entry: TimelineEntry, options: LineOptions = {}): string {
  const colour = options.colour ?? plain;
  const time = colour.dim(clockTime(entry.at, options.utc));
  const style = styleOf(entry);
  const text = `${entry.message}${proofSuffix(entry)}`;
  const message = style ? colour[style](text) : text;
  return `${time} ${entry.phase.padEnd(PHASE_WIDTH)} ${message}`;
}

/**
 * A line of the client's own (not from the timeline), aligned under the timeline's columns: the
 * label in the phase column, and the time column blank unless `at` says when it was observed.
 */
export function asideLine(label: string, text: string, options: LineOptions & { at?: string | number } = {}): string {
  const colour = options.colour ?? plain;
  const time = options.at === undefined ? ' '.repeat(TIME_WIDTH) : colour.dim(clockTime(options.at, options.utc));
  return `${time} ${colour.dim(label.padEnd(PHASE_WIDTH))} ${text}`;
}

const KIND_STYLE: Partial<Record<TimelineKind, keyof Palette>> = {
  phase: 'bold',
  'gate-open': 'yellow',
  approval: 'green',
  pause: 'yellow',
  timeout: 'yellow',
  'sample-gap': 'yellow',
  hold: 'yellow',
  drift: 'red',
  rejection: 'red',
  refused: 'red',
  abort: 'red',
  rollback: 'red',
  escalation: 'red',
  error: 'red',
};

function styleOf(entry: TimelineEntry): keyof Palette | null {
  if (entry.kind === 'outcome') return entry.message.startsWith('completed') ? 'green' : 'red';
  if (entry.kind === 'analysis' && entry.message.startsWith('breach')) return 'red';
  if (entry.kind === 'phase' && (entry.phase === 'rollback' || entry.phase === 'abort')) return 'red';
  return KIND_STYLE[entry.kind] ?? null;
}
