import { lagWithinRpo, notReadyForTraffic } from '../../workflows/decisions/readiness';
import { queuesOverLimit, weightsFor } from '../../workflows/decisions/traffic';

describe('readiness for traffic', () => {
  it('refuses traffic before lag was seen within the RPO', () => {
    expect(notReadyForTraffic({ lagSeenWithinRpo: false, queuesSeenDrained: true, drainRequired: true })).toContain('replication lag');
  });

  it('refuses traffic before the queues were seen drained', () => {
    expect(notReadyForTraffic({ lagSeenWithinRpo: true, queuesSeenDrained: false, drainRequired: true })).toContain('queues');
  });

  it('allows traffic once both were seen, or lag alone when nothing drains', () => {
    expect(notReadyForTraffic({ lagSeenWithinRpo: true, queuesSeenDrained: true, drainRequired: true })).toBeNull();
    expect(notReadyForTraffic({ lagSeenWithinRpo: true, queuesSeenDrained: false, drainRequired: false })).toBeNull();
  });
});

describe('lag against the RPO', () => {
  it('meets the RPO at or under it, in seconds against milliseconds', () => {
    expect([lagWithinRpo(5, 5_000, 'wait'), lagWithinRpo(5.1, 5_000, 'wait'), lagWithinRpo(0, 5_000, 'wait')]).toEqual([true, false, true]);
  });

  it('keeps waiting on no data unless the runbook counts no data as within the RPO', () => {
    expect(lagWithinRpo(null, 5_000, 'wait')).toBe(false);
    expect(lagWithinRpo(null, 5_000, 'pass')).toBe(true);
  });
});

describe('traffic split', () => {
  it('puts the rest of the traffic on blue', () => {
    expect(weightsFor(30)).toEqual({ blue: 70, green: 30 });
  });

  it('names the queues above their limit, counting a missing reading as above', () => {
    expect(queuesOverLimit({ a: 0, b: 3 }, [{ name: 'a', maxMessages: 0 }, { name: 'b', maxMessages: 2 }, { name: 'c', maxMessages: 0 }])).toEqual(['b', 'c']);
  });
});
