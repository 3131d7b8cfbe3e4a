/**
 * Where writes go and what the data did, for the status screen and the report: the writer side,
 * forward and reverse lag, the freeze clock while writes are refused, every freeze window measured.
 */
import type { CutoverStatus, FreezeWindow } from '../../workflows/status';
import { formatValue } from './metrics';
import { elapsed } from './time';

type Writes = NonNullable<CutoverStatus['writes']>;

/** One line for the status screen; null when the runbook neither freezes nor switches writes. */
export function writesText(writes: Writes, now: number, time: (at: string) => string): string | null {
  const open = writes.windows.find((window) => window.end === null);
  const frozen = [writes.blueFrozen ? 'blue' : null, writes.greenFrozen ? 'green' : null].filter(Boolean);
  if (writes.mode === 'frozen' && frozen.length === 0 && writes.windows.length === 0) return null;
  const parts = [`writer ${writes.writer}`, frozen.length > 0 ? `frozen: ${frozen.join(', ')}` : 'nothing frozen'];
  if (open) parts.push(`writes refused for ${elapsed(now - Date.parse(open.start))} (since ${time(open.start)})`);
  if (writes.forwardLag) parts.push(`forward lag ${lag(writes.forwardLag.seconds)}`);
  if (writes.reverseLag) parts.push(`reverse lag ${lag(writes.reverseLag.seconds)}`);
  const closed = writes.windows.filter((window) => window.durationMs !== null);
  if (closed.length > 0 && !open) parts.push(`last freeze window ${elapsed(closed.at(-1)!.durationMs!)}`);
  return parts.join('; ');
}

/** The report's lines: each freeze window, the lag at each switch, a rollback's reverse-lag wait. */
export function writesReport(writes: Writes): string[] {
  const lines: string[] = [];
  if (writes.lossWarning) lines.push(`- **Warning:** ${writes.lossWarning}`);
  lines.push(`- Writer at the end: ${writes.writer}; frozen: ${[writes.blueFrozen ? 'blue' : null, writes.greenFrozen ? 'green' : null].filter(Boolean).join(', ') || 'nothing'}`);
  for (const window of writes.windows) lines.push(`- ${windowText(window)}`);
  if (writes.switchedAt) lines.push(`- Writes switched to green at ${writes.switchedAt}, forward lag ${lag(writes.lagAtSwitch)} with blue frozen`);
  if (writes.reverseStartedAt) lines.push(`- Reverse replication green → blue running at ${writes.reverseStartedAt}`);
  const wait = writes.reverseWait;
  if (wait) {
    const took = wait.endedAt ? `, ${wait.metAt ? 'met' : '**not met**'} after ${elapsed(Date.parse(wait.endedAt) - Date.parse(wait.startedAt))}` : ', still waiting';
    lines.push(`- Reverse-lag wait from ${wait.startedAt}: lag ${lag(wait.firstLagSeconds)} at first, ${lag(wait.lastLagSeconds)} at last${took}`);
  }
  if (writes.switchedBackAt) lines.push(`- Writes switched back to blue at ${writes.switchedBackAt}`);
  return lines;
}

function windowText(window: FreezeWindow): string {
  const why = { 'frozen-window': 'frozen window', 'write-switch': 'write switch', rollback: 'rollback' }[window.why];
  const end = window.end ? `to ${window.end}: ${elapsed(window.durationMs!)}` : 'still frozen';
  return `Freeze window (${why}, ${window.side} frozen first) from ${window.start} ${end}`;
}

function lag(seconds: number | null): string {
  return seconds === null ? 'no data' : `${formatValue(seconds)}s`;
}
