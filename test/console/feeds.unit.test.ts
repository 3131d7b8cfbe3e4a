import { Feeds, type Sleep, type Update } from '../../client/console/feeds';
import type { CutoverSource, WaveSource } from '../../client/console/source';
import { NotFoundError } from '../../client/errors';

/** A clock stepped by the test: each `tick()` ends the sleeps waiting now. */
function steppedClock() {
  const waiting: Array<() => void> = [];
  const sleep: Sleep = (_ms, signal) =>
    new Promise((resolve) => {
      waiting.push(resolve);
      signal.addEventListener('abort', () => resolve(), { once: true });
    });
  return {
    sleep,
    async tick() {
      for (const wake of waiting.splice(0)) wake();
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
}

/** A source whose snapshots are counted and whose next answer the test sets. */
function countingSource(answer: () => unknown) {
  const source = {
    snapshots: 0,
    lists: 0,
    async snapshot(id: string) {
      source.snapshots += 1;
      const value = answer();
      if (value instanceof Error) throw value;
      return { id, execution: { status: 'RUNNING' }, status: value } as never;
    },
    async list() {
      source.lists += 1;
      return [];
    },
  };
  return source satisfies CutoverSource;
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('live feeds', () => {
  it('reads a wave once per interval for all its viewers, apart from a cutover of the same id, and not again once it has ended', async () => {
    const clock = steppedClock();
    let execution = 'RUNNING';
    const waves = {
      snapshots: 0,
      async snapshot(id: string) {
        waves.snapshots += 1;
        return { id, execution: { status: execution } } as never;
      },
      async list() {
        return [];
      },
    } satisfies WaveSource & { snapshots: number };
    const feeds = new Feeds(countingSource(() => ({ phase: 'canary' })), { intervalMs: 1000, listLimit: 20, sleep: clock.sleep });
    const seen: string[] = [];
    for (let viewer = 0; viewer < 3; viewer += 1) feeds.wave(waves, 'wave-1').subscribe((update) => seen.push(update.kind === 'value' ? (update.value as { execution: { status: string } }).execution.status : update.kind));
    feeds.cutover('wave-1').subscribe(() => {});
    await settle();

    expect([waves.snapshots, feeds.size]).toEqual([1, 2]);
    execution = 'COMPLETED';
    await clock.tick();
    await clock.tick();

    expect(waves.snapshots).toBe(2);
    expect(seen).toEqual(['RUNNING', 'RUNNING', 'RUNNING', 'COMPLETED', 'COMPLETED', 'COMPLETED']);
    await feeds.close();
  });

  it('reads a cutover once per interval however many viewers watch it', async () => {
    const clock = steppedClock();
    let phase = 'canary';
    const source = countingSource(() => ({ phase }));
    const feeds = new Feeds(source, { intervalMs: 1000, listLimit: 20, sleep: clock.sleep });
    const seen: Update[][] = [[], [], []];
    seen.forEach((updates) => feeds.cutover('orders-1').subscribe((update) => updates.push(update)));
    await settle();

    expect(source.snapshots).toBe(1);
    expect(feeds.size).toBe(1);
    await clock.tick();
    expect(source.snapshots).toBe(2);
    phase = 'acceptance';
    await clock.tick();

    expect(source.snapshots).toBe(3);
    for (const updates of seen) expect(updates.map((update) => (update.kind === 'value' ? (update.value as { phase: string }).phase : null))).toEqual(['canary', 'acceptance']);
    await feeds.close();
  });

  it('stops reading when the last viewer leaves, and a new viewer starts it again', async () => {
    const clock = steppedClock();
    const source = countingSource(() => ({ phase: 'canary' }));
    const feeds = new Feeds(source, { intervalMs: 1000, listLimit: 20, sleep: clock.sleep });
    const leaveA = feeds.cutover('orders-1').subscribe(() => {});
    const leaveB = feeds.cutover('orders-1').subscribe(() => {});
    await settle();
    leaveA();
    await clock.tick();
    expect(source.snapshots).toBe(2);
    leaveB();
    await clock.tick();
    await clock.tick();

    expect(source.snapshots).toBe(2);
    expect(feeds.size).toBe(0);
    const late: Update[] = [];
    feeds.cutover('orders-1').subscribe((update) => late.push(update));
    await settle();
    expect(source.snapshots).toBe(3);
    expect(late).toHaveLength(1);
    await feeds.close();
  });

  it('gives a viewer who joins the latest update at once, without another read', async () => {
    const clock = steppedClock();
    const source = countingSource(() => ({ phase: 'drain' }));
    const feeds = new Feeds(source, { intervalMs: 1000, listLimit: 20, sleep: clock.sleep });
    feeds.cutover('orders-1').subscribe(() => {});
    await settle();
    const joined: Update[] = [];
    feeds.cutover('orders-1').subscribe((update) => joined.push(update));

    expect(joined).toEqual([{ kind: 'value', value: expect.objectContaining({ phase: 'drain' }) }]);
    expect(source.snapshots).toBe(1);
    await feeds.close();
  });

  it('stops reading a cutover that has ended', async () => {
    const clock = steppedClock();
    const source = countingSource(() => ({ phase: 'complete' }));
    source.snapshot = async (id: string) => {
      source.snapshots += 1;
      return { id, execution: { status: 'COMPLETED' }, status: { phase: 'complete', outcome: 'completed' } } as never;
    };
    const feeds = new Feeds(source, { intervalMs: 1000, listLimit: 20, sleep: clock.sleep });
    feeds.cutover('orders-1').subscribe(() => {});
    await settle();
    await clock.tick();
    await clock.tick();

    expect(source.snapshots).toBe(1);
    await feeds.close();
  });

  it("sends the CLI's typed error as a problem with its HTTP status, and keeps reading", async () => {
    const clock = steppedClock();
    let answer: unknown = new NotFoundError('no cutover "orders-9" in namespace default at localhost:7233');
    const source = countingSource(() => answer);
    const feeds = new Feeds(source, { intervalMs: 1000, listLimit: 20, sleep: clock.sleep });
    const updates: Update[] = [];
    feeds.cutover('orders-9').subscribe((update) => updates.push(update));
    await settle();
    answer = { phase: 'preflight' };
    await clock.tick();

    expect(updates).toEqual([
      { kind: 'problem', problem: { status: 404, error: 'no cutover "orders-9" in namespace default at localhost:7233', hint: 'see running and recent cutovers with: cutover list' } },
      { kind: 'value', value: expect.objectContaining({ phase: 'preflight' }) },
    ]);
    await feeds.close();
  });
});
