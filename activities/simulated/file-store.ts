/**
 * A JSON file that several processes share as one simulated cloud: a worker in a child process that
 * a test SIGKILLs mid-cutover, its replacement, and the test itself. The state file is read fresh on
 * every operation and replaced atomically (write a temp file, then rename), so a reader never sees
 * half a write and a killed writer leaves the previous state intact. The call log is a separate
 * JSON-lines file that is only appended to, so a call does not get slower as the log grows.
 *
 * A lock file serialises read-modify-write across processes, so one process's update never
 * overwrites another's; a lock left by a killed process is taken over once its pid is gone.
 * Synchronous fs on purpose: an update never yields to the event loop, so clouds in one process
 * cannot interleave either.
 */
import * as fs from 'node:fs';
import { FileLock } from './file-lock';
import type { CallRecord, CloudState } from './state';
import { STATE_VERSION } from './state';
import { type LogCall, noCloud, type Store } from './store';

export class FileStore implements Store {
  private readonly lock: FileLock;
  private readonly logPath: string;

  constructor(readonly path: string) {
    this.lock = new FileLock(`${path}.lock`);
    this.logPath = `${path}.calls.jsonl`;
  }

  read(): CloudState | undefined {
    const text = readIfExists(this.path);
    if (text === undefined) return undefined;
    const state = JSON.parse(text) as CloudState;
    if (state.version !== STATE_VERSION) {
      throw new Error(`${this.path} holds simulated cloud state version ${state.version}, expected ${STATE_VERSION}: create a new cloud`);
    }
    return state;
  }

  reset(state: CloudState): void {
    this.lock.hold(() => {
      fs.writeFileSync(this.logPath, '');
      this.save(state);
    });
  }

  update<T>(change: (state: CloudState, log: LogCall) => T): T {
    return this.lock.hold(() => {
      const state = this.read();
      if (!state) throw noCloud(this.path);
      const calls: CallRecord[] = [];
      const result = change(state, (call) => calls.push(call));
      this.save(state);
      if (calls.length > 0) fs.appendFileSync(this.logPath, calls.map((call) => `${JSON.stringify(call)}\n`).join(''));
      return result;
    });
  }

  calls(): CallRecord[] {
    const lines = (readIfExists(this.logPath) ?? '').split('\n').filter((line) => line.length > 0);
    return lines.flatMap((line, i) => {
      try {
        return [JSON.parse(line) as CallRecord];
      } catch (error) {
        // Only the last line can be cut short: by a writer killed mid-append.
        if (i === lines.length - 1) return [];
        throw error;
      }
    });
  }

  private save(state: CloudState): void {
    const temp = `${this.path}.${process.pid}.tmp`;
    fs.writeFileSync(temp, JSON.stringify(state));
    fs.renameSync(temp, this.path);
  }
}

function readIfExists(path: string): string | undefined {
  try {
    return fs.readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
