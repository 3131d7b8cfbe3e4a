/**
 * Live updates for the console: one poll of Temporal per thing watched (a list, one cutover or one wave),
 * shared by every viewer of it, running only while someone is connected. A viewer who joins gets the
 * latest update at once; later updates are sent only when something changed.
 */
import type { CutoverSource, WaveSource } from './source';
import { problemOf, type ConsoleProblem } from './problems';
import { statusJson } from '../commands/status';

export type Update = { kind: 'value'; value: unknown } | { kind: 'problem'; problem: ConsoleProblem };
export type Listener = (update: Update) => void;

/** Waits `ms`, or less when `signal` aborts; tests pass their own to step the clock by hand. */
export type Sleep = (ms: number, signal: AbortSignal) => Promise<void>;

export const realSleep: Sleep = (ms, signal) =>
  new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });

interface FeedOptions {
  poll: () => Promise<unknown>;
  intervalMs: number;
  sleep: Sleep;
  /** A value after which nothing changes (a finished cutover): polling stops, the last update stays. */
  settled?: (value: unknown) => boolean;
  /** Called when the last viewer leaves, so the owner can forget this feed. */
  idle: () => void;
}

export class Feed {
  private readonly listeners = new Set<Listener>();
  private last: { update: Update; json: string } | null = null;
  private loop: Promise<void> | null = null;
  private readonly stop = new AbortController();

  constructor(private readonly options: FeedOptions) {}

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    if (this.last) listener(this.last.update);
    this.loop ??= this.run();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) {
        this.stop.abort();
        this.options.idle();
      }
    };
  }

  /** Stops polling and waits for a poll in flight, so the connection can be closed after. */
  async close(): Promise<void> {
    this.listeners.clear();
    this.stop.abort();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (!this.stop.signal.aborted) {
      let update: Update;
      try {
        update = { kind: 'value', value: await this.options.poll() };
      } catch (err) {
        update = { kind: 'problem', problem: problemOf(err) };
      }
      if (this.stop.signal.aborted) return;
      const json = JSON.stringify(update);
      if (json !== this.last?.json) {
        this.last = { update, json };
        for (const listener of this.listeners) listener(update);
      }
      if (update.kind === 'value' && this.options.settled?.(update.value)) return;
      await this.options.sleep(this.options.intervalMs, this.stop.signal);
    }
  }
}

/** The feeds of one console: the lists of cutovers and of waves, and one per cutover or wave being viewed. */
export class Feeds {
  private readonly feeds = new Map<string, Feed>();
  /** Feeds whose last viewer left, until their poll in flight is over: closing must wait for them too. */
  private readonly leaving = new Set<Promise<void>>();

  constructor(
    private readonly source: CutoverSource,
    private readonly options: { intervalMs: number; listLimit: number; sleep?: Sleep },
  ) {}

  list(): Feed {
    return this.feed('list', () => this.source.list(this.options.listLimit));
  }

  cutover(id: string): Feed {
    return this.feed(`cutover:${id}`, async () => statusJson(await this.source.snapshot(id)), isSettled);
  }

  waveList(waves: WaveSource): Feed {
    return this.feed('waves', () => waves.list(this.options.listLimit));
  }

  wave(waves: WaveSource, id: string): Feed {
    return this.feed(`wave:${id}`, () => waves.snapshot(id), isSettled);
  }

  /** How many feeds are polling or holding a last update: one per thing watched, however many watch it. */
  get size(): number {
    return this.feeds.size;
  }

  async close(): Promise<void> {
    const feeds = [...this.feeds.values()];
    this.feeds.clear();
    await Promise.all([...feeds.map((feed) => feed.close()), ...this.leaving]);
  }

  private feed(key: string, poll: () => Promise<unknown>, settled?: (value: unknown) => boolean): Feed {
    let feed = this.feeds.get(key);
    if (!feed) {
      const created: Feed = new Feed({
        poll,
        settled,
        intervalMs: this.options.intervalMs,
        sleep: this.options.sleep ?? realSleep,
        idle: () => {
          if (this.feeds.get(key) === created) this.feeds.delete(key);
          const closing = created.close().finally(() => this.leaving.delete(closing));
          this.leaving.add(closing);
        },
      });
      feed = created;
      this.feeds.set(key, feed);
    }
    return feed;
  }
}

/** A run (cutover or wave) Temporal no longer reports as running has its final status: there is nothing more to poll. */
function isSettled(value: unknown): boolean {
  const execution = (value as { execution?: { status?: string } }).execution;
  return execution?.status !== undefined && execution.status !== 'RUNNING';
}
