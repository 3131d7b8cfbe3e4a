/**
 * A database on each side with an ordered write ledger, the forward (blue → green) and reverse
 * (green → blue) replication streams between them, and a steady write load. Like the rest of the
 * simulated clouds nothing ticks in the background: the state only changes inside a store update,
 * so between two updates it is constant, and each update first replays what happened since the last
 * one (the load's ticks, then the copies whose delay has passed). A worker in another process, the
 * test that killed it and its replacement all see the same ledgers.
 */
import type { Color, ReplicationDirection } from '../providers';
import type { CloudState, DataState, DataSpec, DatabaseState, LedgerWrite, StreamState } from './state';

export function dataState(spec: DataSpec, now: number): DataState {
  const stream = (delayMs: number | undefined, status: StreamState['status']): StreamState => {
    if (delayMs !== undefined && (!Number.isFinite(delayMs) || delayMs < 0)) throw new Error(`a replication delay must be ≥ 0 ms, got ${delayMs}`);
    return { status, delayMs: delayMs ?? 200 };
  };
  return {
    writer: spec.writer ?? 'blue',
    blue: { frozen: false, writes: [] },
    green: { frozen: false, writes: [] },
    forward: stream(spec.forwardDelayMs, 'running'),
    reverse: stream(spec.reverseDelayMs, spec.reverse ?? 'stopped'),
    load: spec.writeEveryMs === undefined ? null : writeLoad(spec.writeEveryMs, now),
    nextWrite: 1,
    blueReopened: [],
    switches: [],
  };
}

export function writeLoad(everyMs: number, now: number): NonNullable<DataState['load']> {
  if (!Number.isInteger(everyMs) || everyMs < 1) throw new Error(`a write load needs a whole number of ms ≥ 1 between writes, got ${everyMs}`);
  return { everyMs, nextAt: now + everyMs, attempted: 0, acknowledged: 0, refused: 0 };
}

export function dataOf(state: CloudState): DataState {
  if (!state.data) throw new Error('the simulated cloud has no databases: create it with a scenario that has `data`');
  return state.data;
}

/** Replays the write load's ticks and the replication copies up to `now`. */
export function advance(data: DataState, now: number): void {
  const load = data.load;
  if (load) {
    for (; load.nextAt <= now; load.nextAt += load.everyMs) attemptWrite(data, load.nextAt);
  }
  copy(data.blue, data.green, data.forward, now);
  copy(data.green, data.blue, data.reverse, now);
}

/** One write from the application: acknowledged only by the writer side, and only while it is not frozen. */
export function attemptWrite(data: DataState, at: number): LedgerWrite | null {
  const side = data[data.writer];
  if (data.load) data.load.attempted += 1;
  if (side.frozen) {
    if (data.load) data.load.refused += 1;
    return null;
  }
  const write = { id: data.nextWrite++, at, origin: data.writer };
  side.writes.push(write);
  if (data.load) data.load.acknowledged += 1;
  return write;
}

function copy(from: DatabaseState, to: DatabaseState, stream: StreamState, now: number): void {
  if (stream.status !== 'running') return;
  const present = new Set(to.writes.map((write) => write.id));
  for (const write of from.writes) {
    if (!present.has(write.id) && write.at + stream.delayMs <= now) to.writes.push(write);
  }
}

/** Seconds since the oldest write on the source side that the target does not have yet; 0 when it has them all. */
export function lagSeconds(data: DataState, direction: ReplicationDirection, now: number): number {
  const [from, to] = direction === 'forward' ? [data.blue, data.green] : [data.green, data.blue];
  const oldest = missing(from, to)[0];
  return oldest === undefined ? 0 : Math.max(0, now - oldest.at) / 1_000;
}

/** Writes on `from` that `to` lacks, oldest first. */
export function missing(from: DatabaseState, to: DatabaseState): LedgerWrite[] {
  const present = new Set(to.writes.map((write) => write.id));
  return from.writes.filter((write) => !present.has(write.id)).sort((a, b) => a.at - b.at);
}

/** What a hook does to the databases: freeze or unfreeze a side, or make it the writer. */
export function applyHook(data: DataState, action: string, target: Color, at: number): void {
  if (action === 'freeze') data[target].frozen = true;
  if (action === 'switch-writes') {
    const other = target === 'blue' ? data.green : data.blue;
    data.switches.push({ at, to: target, missing: missing(other, data[target]).length });
    data.writer = target;
  }
  if (action === 'unfreeze') {
    // Invariant 7 is judged here, at the moment blue may take writes again, not at the end of a test.
    if (target === 'blue' && data[target].frozen) data.blueReopened.push({ at, missing: missing(data.green, data.blue).length });
    data[target].frozen = false;
  }
}
