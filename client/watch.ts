/**
 * Following a cutover until it ends. On a terminal the status screen is redrawn in place; into a
 * file or a pipe each change is appended as a line (timeline entries, weights, metrics, gates).
 * A worker that stops answering is shown, not fatal: the view says that no worker polls the task
 * queue and where the run last was, and catches up when one is back: the run is durable.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Cutovers, Snapshot } from './cutovers';
import { UnreachableError } from './errors';
import { EXIT, exitCodeForOutcome, type ExitCode } from './exit-codes';
import { LiveScreen } from './live-screen';
import { Progress } from './progress-log';
import { asideLine, clockTime, gateLine, summary, weightBar, type Palette } from './render';
import { lastKnownText } from './render/last-known';
import { displaySafe } from './render/safe';
import { escapeUnsafe } from '../workflows/runbook/text';
import type { LastKnown } from '../workflows/last-known';
import { statusScreen } from './render/status-screen';

export interface WatchOptions {
  intervalMs: number;
  colour: Palette;
  stream: NodeJS.WriteStream;
  signal: AbortSignal;
}

interface View {
  show(snapshot: Snapshot, notice: string | null): void;
  /** Nothing to show yet: the first read found no worker to answer. */
  waiting(notice: string): void;
  stop(): void;
}

/** Follows the run to its end: its exit code, or EXIT.interrupted when the signal stops the watching. */
export async function watchCutover(cutovers: Cutovers, id: string, options: WatchOptions): Promise<ExitCode> {
  const view: View = options.stream.isTTY ? new ScreenView(id, options) : new LogView(options);
  let last: Snapshot | null = null;
  let unansweredSince: number | null = null;
  try {
    for (;;) {
      let notice: string | null = null;
      try {
        const read = await cutovers.snapshot(id);
        // Without a worker, the last full status says more than the memo does; keep showing it.
        if (read.noWorker && last?.status) notice = read.noWorker.message;
        else last = read;
        unansweredSince = null;
      } catch (err) {
        if (!(err instanceof UnreachableError)) throw err;
        unansweredSince ??= Date.now();
        notice = `${err.message} since ${clockTime(unansweredSince).slice(0, 8)}; ${err.hint ?? 'still trying'}`;
      }
      if (last?.status && last.execution.status === 'RUNNING' && last.status.outcome !== 'running') {
        // The cutover has its outcome and is finishing (notifications): its result is the final word.
        last = await cutovers.final(id);
      }
      if (last) view.show(displaySafe(last), notice && escapeUnsafe(notice, { oneLine: true }));
      else view.waiting(escapeUnsafe(notice!, { oneLine: true }));
      if (last && last.execution.status !== 'RUNNING') return exitCodeForOutcome(last.status?.outcome ?? null);
      try {
        await sleep(options.intervalMs, undefined, { signal: options.signal });
      } catch {
        return EXIT.interrupted;
      }
    }
  } finally {
    view.stop();
  }
}

class ScreenView implements View {
  private readonly screen: LiveScreen;

  constructor(
    private readonly id: string,
    private readonly options: WatchOptions,
  ) {
    this.screen = new LiveScreen(options.stream);
    this.screen.start();
  }

  show(snapshot: Snapshot, notice: string | null): void {
    const { screen } = this;
    this.screen.draw(statusScreen({ ...snapshot, notice }, { width: screen.width, height: screen.height, colour: this.options.colour, now: Date.now(), live: true }));
  }

  waiting(notice: string): void {
    this.screen.draw([this.options.colour.bold(`cutover ${this.id}`), notice]);
  }

  stop(): void {
    this.screen.stop();
  }
}

/** A log of a gate that waits all night should not hold a metrics line every two seconds. */
const LOG_METRICS_EVERY_MS = 30_000;

/** Appended lines for logs and CI: what changed since the last look, and the summary at the end. */
class LogView implements View {
  private readonly progress: Progress;
  private readonly gatesSeen = new Set<string>();
  private lastNotice: string | null = null;
  private lastKnownShown: string | null = null;

  constructor(private readonly options: WatchOptions) {
    this.progress = new Progress(options.colour, LOG_METRICS_EVERY_MS);
  }

  show(snapshot: Snapshot, notice: string | null): void {
    const { colour } = this.options;
    const { status } = snapshot;
    this.note(notice);
    if (!status && snapshot.noWorker) {
      this.note(snapshot.noWorker.message);
      this.showLastKnown(snapshot.execution.lastKnown);
      return;
    }
    if (!status) {
      this.print(colour.red(`cutover ${snapshot.id} is ${snapshot.execution.status.toLowerCase()} and left no status`));
      return;
    }
    for (const line of this.progress.linesFor(status, Date.now())) this.print(line);
    const gate = status.openGate;
    if (gate && !this.gatesSeen.has(`${gate.name}@${gate.openedAt}`)) {
      this.gatesSeen.add(`${gate.name}@${gate.openedAt}`);
      this.print(asideLine('waiting', gateLine(gate, { colour }), { colour }));
      this.print(asideLine('', `cutover approve ${snapshot.id} --gate ${gate.name}`, { colour }));
    }
    if (snapshot.execution.status !== 'RUNNING') this.print(`\n${summary(status, { colour })}`);
  }

  waiting(notice: string): void {
    this.note(notice);
  }

  stop(): void {}

  private note(notice: string | null): void {
    if (notice && notice !== this.lastNotice) this.print(asideLine('note', this.options.colour.yellow(notice), { colour: this.options.colour }));
    this.lastNotice = notice;
  }

  private showLastKnown(known: LastKnown | null): void {
    const key = JSON.stringify(known);
    if (!known || key === this.lastKnownShown) return;
    this.lastKnownShown = key;
    const { colour } = this.options;
    const weights = known.weights ? `; ${weightBar(known.weights, 20, colour)}` : '';
    this.print(asideLine('last known', `${lastKnownText(known)}${weights}`, { colour, at: known.at }));
  }

  private print(line: string): void {
    this.options.stream.write(`${line}\n`);
  }
}
