/**
 * Lets callers go one at a time, in the order they asked, each at least `spacingMs` after the one
 * before it went. The gap is measured from when a caller actually went, not from when it was due:
 * a timer that fires late (a busy event loop, a paused process) only widens the gap to the next
 * caller, never narrows it. A limiter that books each start at "previous due time + spacing" lets
 * a late start be followed at once by the next one, two requests where one belongs.
 *
 * A rollback caller goes before every routine caller still waiting: a rollback must never queue
 * behind another cutover's canary writes and sync polls. The spacing holds for both alike.
 */
export type Turn = 'routine' | 'rollback';

export class Pacer {
  private readonly waiting: Record<Turn, (() => void)[]> = { rollback: [], routine: [] };
  private lastWent = Number.NEGATIVE_INFINITY;
  private timer: NodeJS.Timeout | undefined;

  constructor(private spacingMs: number) {}

  /** Takes effect for the next caller to go. */
  setSpacing(spacingMs: number): void {
    this.spacingMs = spacingMs;
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.release();
  }

  /** Resolves when it is this caller's turn to go. */
  turn(kind: Turn = 'routine'): Promise<void> {
    return new Promise((resolve) => {
      this.waiting[kind].push(resolve);
      this.release();
    });
  }

  private next(): (() => void) | undefined {
    return this.waiting.rollback.shift() ?? this.waiting.routine.shift();
  }

  private release(): void {
    if (this.timer || this.waiting.rollback.length + this.waiting.routine.length === 0) return;
    const wait = this.lastWent + this.spacingMs - Date.now();
    if (wait > 0) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.release();
      }, wait);
      return;
    }
    this.lastWent = Date.now();
    this.next()!();
    this.release();
  }
}
