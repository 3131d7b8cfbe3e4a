/**
 * A lock file shared by processes, held only for one synchronous store update. A process killed
 * while holding it (SIGKILL mid-cutover) leaves it behind; the next process takes it over once the
 * pid written in it is gone.
 */
import * as fs from 'node:fs';

const WAIT_MS = 10_000;
/** A lock still empty after this long was left by a writer killed between create and write. */
const EMPTY_STALE_MS = 1_000;

export class FileLock {
  constructor(readonly path: string) {}

  hold<T>(body: () => T): T {
    this.acquire();
    try {
      return body();
    } finally {
      fs.rmSync(this.path, { force: true });
    }
  }

  private acquire(): void {
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      try {
        fs.writeFileSync(this.path, String(process.pid), { flag: 'wx' });
        return;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      if (this.isStale()) {
        // Two processes may both judge the same dead lock stale; the window is a killed writer plus a
        // race within microseconds, acceptable for a simulator.
        fs.rmSync(this.path, { force: true });
        continue;
      }
      if (Date.now() > deadline) {
        throw new Error(`the simulated cloud is still locked by ${this.path} after ${WAIT_MS}ms: remove it if no process uses the cloud`);
      }
      sleepSync(2);
    }
  }

  private isStale(): boolean {
    let text: string;
    let modified: number;
    try {
      text = fs.readFileSync(this.path, 'utf8');
      modified = fs.statSync(this.path).mtimeMs;
    } catch {
      return false; // released meanwhile: just try again
    }
    const pid = Number(text);
    if (!text || !Number.isInteger(pid)) return Date.now() - modified > EMPTY_STALE_MS;
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
