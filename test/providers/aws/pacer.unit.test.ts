/**
 * The pacer behind the Route 53 budget, on real timers: callers go in order, a spacing apart, and
 * a stalled event loop makes the next gap longer, never shorter.
 */
import { Pacer } from '../../../activities/aws/pacer';

const SPACING = 100;
/**
 * A caller's own code runs a moment after the pacer lets it go, and a loaded machine can preempt the
 * process in between: a test observes each gap give or take that moment. Half a spacing still tells
 * a paced caller from two callers back to back, which is what a broken pacer does.
 */
const OBSERVED = SPACING / 2;

/** Holds the event loop, as a long synchronous piece of work in a busy worker does. */
function stall(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    // busy on purpose
  }
}

function gaps(times: number[]): number[] {
  return times.slice(1).map((at, i) => at - times[i]!);
}

describe('Pacer', () => {
  test('lets callers go one at a time in the order they asked, each a spacing after the one before', async () => {
    const pacer = new Pacer(SPACING);
    const went: { caller: number; at: number }[] = [];

    await Promise.all(Array.from({ length: 5 }, (_, caller) => pacer.turn().then(() => went.push({ caller, at: Date.now() }))));

    expect(went.map((turn) => turn.caller)).toEqual([0, 1, 2, 3, 4]);
    expect(Math.min(...gaps(went.map((turn) => turn.at)))).toBeGreaterThanOrEqual(OBSERVED);
  });

  test('measures the gap from when a caller went, so a stalled event loop cannot put two callers back to back', async () => {
    const pacer = new Pacer(SPACING);
    const went: number[] = [];

    await Promise.all(
      Array.from({ length: 4 }, (_, caller) =>
        pacer.turn().then(() => {
          went.push(Date.now());
          // The second caller's timer is due while the loop is held: it goes late, and the third
          // must still wait a whole spacing after it.
          if (caller === 0) setTimeout(() => stall(SPACING * 2.5), SPACING / 2);
        }),
      ),
    );

    expect(Math.min(...gaps(went))).toBeGreaterThanOrEqual(OBSERVED);
  });

  test('lets a rollback caller go before routine callers that asked earlier, still a spacing apart', async () => {
    const pacer = new Pacer(SPACING);
    const went: { caller: string; at: number }[] = [];
    const go = (caller: string, kind: 'routine' | 'rollback') => pacer.turn(kind).then(() => went.push({ caller, at: Date.now() }));

    const routine = Array.from({ length: 4 }, (_, index) => go(`canary-${index}`, 'routine'));
    const rollback = go('rollback', 'rollback');
    await Promise.all([...routine, rollback]);

    // The first routine caller went at once, before the rollback asked; the rollback is next.
    expect(went.map((turn) => turn.caller)).toEqual(['canary-0', 'rollback', 'canary-1', 'canary-2', 'canary-3']);
    expect(Math.min(...gaps(went.map((turn) => turn.at)))).toBeGreaterThanOrEqual(OBSERVED);
  });

  test('takes a new spacing for the next caller to go', async () => {
    const pacer = new Pacer(SPACING);
    await pacer.turn();
    pacer.setSpacing(SPACING * 3);
    const started = Date.now();

    await pacer.turn();

    // Longer than the old spacing by a margin no preemption makes up.
    expect(Date.now() - started).toBeGreaterThanOrEqual(SPACING * 2);
  });

  test('lets the first caller go at once', async () => {
    const pacer = new Pacer(10_000);
    const started = Date.now();
    await pacer.turn();
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
