/**
 * The keyed lock behind "one change in flight per zone": one holder per key, in order, rollbacks
 * first, and a waiter whose time runs out leaves without ever running.
 */
import { KeyedLock } from '../../../activities/aws/zone-lock';

function released(): { promise: Promise<void>; release: () => void } {
  let release!: () => void;
  const promise = new Promise<void>((resolve) => (release = resolve));
  return { promise, release };
}

describe('KeyedLock', () => {
  test('lets one holder of a key run at a time, in the order they asked, while another key goes at once', async () => {
    const lock = new KeyedLock();
    const order: string[] = [];
    const first = released();
    const a = lock.hold('zone-1', 'zone 1', 'routine', undefined, async () => {
      order.push('a starts');
      await first.promise;
      order.push('a ends');
    });
    const b = lock.hold('zone-1', 'zone 1', 'routine', undefined, async () => void order.push('b'));
    const c = lock.hold('zone-1', 'zone 1', 'routine', undefined, async () => void order.push('c'));
    await lock.hold('zone-2', 'zone 2', 'routine', undefined, async () => void order.push('other zone'));
    first.release();
    await Promise.all([a, b, c]);
    expect(order).toEqual(['a starts', 'other zone', 'a ends', 'b', 'c']);
  });

  test('serves a rollback before routine holders still waiting', async () => {
    const lock = new KeyedLock();
    const order: string[] = [];
    const first = released();
    const a = lock.hold('zone', 'zone', 'routine', undefined, () => first.promise);
    const routine = lock.hold('zone', 'zone', 'routine', undefined, async () => void order.push('routine'));
    const rollback = lock.hold('zone', 'zone', 'rollback', undefined, async () => void order.push('rollback'));
    first.release();
    await Promise.all([a, routine, rollback]);
    expect(order).toEqual(['rollback', 'routine']);
  });

  test('a waiter whose deadline passes leaves with a retryable DnsZoneBusy and never runs; the next one still goes', async () => {
    const lock = new KeyedLock();
    const ran: string[] = [];
    const first = released();
    const a = lock.hold('zone', 'hosted zone Z1', 'routine', undefined, () => first.promise);
    const late = lock.hold('zone', 'hosted zone Z1', 'routine', Date.now() + 50, async () => void ran.push('late'));
    const patient = lock.hold('zone', 'hosted zone Z1', 'routine', undefined, async () => void ran.push('patient'));
    await expect(late).rejects.toMatchObject({ type: 'DnsZoneBusy', nonRetryable: false, message: expect.stringContaining('hosted zone Z1') });
    first.release();
    await Promise.all([a, patient]);
    expect(ran).toEqual(['patient']);
  });
});
