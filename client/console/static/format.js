// Numbers, times and durations as a person reads them.

/** "09:15:04", local time. */
export function clock(iso) {
  if (!iso) return '—';
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? String(iso) : at.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
}

/** "03-01 09:15", local time: for lists of recent runs. */
export function dayAndTime(iso) {
  const at = new Date(iso);
  const pad = (value) => String(value).padStart(2, '0');
  return `${pad(at.getMonth() + 1)}-${pad(at.getDate())} ${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

/** "1h30m", "90s", "250ms". */
export function duration(ms) {
  if (ms === null || ms === undefined) return '—';
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const seconds = Math.round(ms / 1000);
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  return [h ? `${h}h` : '', m ? `${m}m` : '', rest || (!h && !m) ? `${rest}s` : ''].join('');
}

/** A metric's value: short, without losing small rates like 0.0123. */
export function number(value) {
  if (value === null || value === undefined) return 'no data';
  if (Number.isInteger(value)) return String(value);
  return Math.abs(value) >= 100 ? value.toFixed(0) : Number(value.toPrecision(3)).toString();
}

/** A run's state in a word or two: its outcome when finished, else its phase and open gate. */
export function stateText(cutover) {
  if (cutover.outcome && cutover.outcome !== 'running') return cutover.outcome;
  if (cutover.execution.status !== 'RUNNING') return cutover.execution.status.toLowerCase();
  if (cutover.note) return `running, ${cutover.note}`;
  return `${cutover.phase ?? 'running'}${cutover.openGate ? `, at gate ${cutover.openGate}` : ''}`;
}

/** The class that colours a state: good, bad or going. */
export function stateClass(outcome, executionStatus) {
  if (outcome === 'completed') return 'state good';
  if ((outcome && outcome !== 'running') || executionStatus !== 'RUNNING') return 'state bad';
  return 'state going';
}

/** `DNS drift: reads blue 100 / green 0, wrote 50 / 50`: the words of workflows/decisions/drift.ts driftText. */
export function driftText(drift) {
  const expected = `${drift.expected.blue} / ${drift.expected.green}`;
  const known = drift.basis === 'written' ? `wrote ${expected}` : drift.basis === 'accepted' ? `accepted ${expected}` : `read ${expected} at preflight`;
  return `DNS drift: reads blue ${drift.read.blue} / green ${drift.read.green}, ${known}`;
}
