/**
 * A JSON file that several processes share as one simulated cloud: a worker in a child process that
 * a test SIGKILLs mid-cutover, its replacement, and the test itself. The file is read fresh on every
 * operation and replaced atomically (write a temp file, then rename), so a reader never sees half a
 * write and a killed writer leaves the previous state intact. A lock file serialises read-modify-write
 * so that the call log of one process never overwrites another's; a lock left by a killed process is
 * taken over once its pid is gone. Synchronous fs on purpose: an update never yields to the event loop,
 * so two clouds in one process cannot interleave either.
 */
import * as fs from 'node:fs';
import { JsonStore } from './store';

const LOCK_WAIT_MS = 10_000;
/** A lock file still empty after this long was left by a writer killed between create and write. */
const EMPTY_LOCK_STALE_MS = 1_000;

export class FileStore extends JsonStore {
  private readonly lockPath: string;

  constructor(readonly path: string) {
    super();
    this.lockPath = `${path}.lock`;
  }

  protected describe(): string {
    return `the file store ${this.path}`;
  }

  protected load(): string | undefined {
    try {
      return fs.readFileSync(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  protected save(text: string): void {
    const temp = `${this.path}.${process.pid}.tmp`;
    fs.writeFileSync(temp, text);
    fs.renameSync(temp, this.path);
  }

  protected exclusive<T>(body: () => T): T {
    this.lock();
    try {
      return body();
    } finally {
      fs.rmSync(this.lockPath, { force: true });
    }
  }

  private lock(): void {
    const deadline = Date.now() + LOCK_WAIT_MS;
    for (;;) {
      try {
        fs.writeFileSync(this.lockPath, String(process.pid), { flag: 'wx' });
        return;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      if (this.lockIsStale()) {
        // Two processes may both judge the same dead lock stale; the window is a killed writer plus a
        // race within microseconds, acceptable for a simulator.
        fs.rmSync(this.lockPath, { force: true });
        continue;
      }
      if (Date.now() > deadline) {
        throw new Error(`${this.describe()} is still locked after ${LOCK_WAIT_MS}ms by ${this.lockPath}: remove it if no process uses the cloud`);
      }
      sleepSync(2);
    }
  }

  private lockIsStale(): boolean {
    let text: string;
    let modified: number;
    try {
      text = fs.readFileSync(this.lockPath, 'utf8');
      modified = fs.statSync(this.lockPath).mtimeMs;
    } catch {
      return false; // released meanwhile: just try again
    }
    const pid = Number(text);
    if (!text || !Number.isInteger(pid)) return Date.now() - modified > EMPTY_LOCK_STALE_MS;
    return !processIsAlive(pid);
  }
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
