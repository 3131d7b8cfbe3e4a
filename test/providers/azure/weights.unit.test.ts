/** The pure decisions behind Traffic Manager weights and the change ids isInSync decodes. */
import { changeIdOf, parseChangeId } from '../../../activities/azure/change-id';
import { carries, endpointWeight, percentsOf, writeOrder } from '../../../activities/azure/weights';

const on = (weight: number) => ({ enabled: true, weight });
const off = (weight = 1) => ({ enabled: false, weight });

describe('Traffic Manager weight decisions', () => {
  it('maps a percent to tenths, within Traffic Manager’s 1–1000', () => {
    expect([1, 10, 33, 90, 99, 100].map(endpointWeight)).toEqual([10, 100, 330, 900, 990, 1000]);
    expect(endpointWeight(0.01)).toBe(1);
  });

  it('counts 0% as carried only by a disabled endpoint, whatever its weight', () => {
    expect(carries(off(700), 0)).toBe(true);
    expect(carries(on(1), 0)).toBe(false);
    expect(carries(on(100), 10)).toBe(true);
    expect(carries(off(100), 10)).toBe(false);
  });

  it('reads shares as whole percents adding up to 100, and nothing when both endpoints are disabled', () => {
    expect(percentsOf(on(900), on(100))).toEqual({ blue: 90, green: 10 });
    expect(percentsOf(on(1), on(2))).toEqual({ blue: 33, green: 67 });
    expect(percentsOf(on(5), off())).toEqual({ blue: 100, green: 0 });
    expect(percentsOf(off(), on(5))).toEqual({ blue: 0, green: 100 });
    expect(percentsOf(off(), off())).toBeUndefined();
  });

  it('never reads a trickle to an enabled endpoint as 0%', () => {
    expect(percentsOf(on(1000), on(1))).toEqual({ blue: 99, green: 1 });
    expect(percentsOf(on(1), on(1000))).toEqual({ blue: 1, green: 99 });
  });

  it('writes the endpoint being disabled last, and otherwise the side gaining traffic first', () => {
    expect(writeOrder({ blue: 100, green: 0 }, { blue: 0, green: 100 })).toEqual(['green', 'blue']);
    expect(writeOrder({ blue: 0, green: 100 }, { blue: 100, green: 0 })).toEqual(['blue', 'green']);
    expect(writeOrder({ blue: 0, green: 100 }, { blue: 0, green: 100 })).toEqual(['green', 'blue']);
    expect(writeOrder({ blue: 100, green: 0 }, { blue: 90, green: 10 })).toEqual(['green', 'blue']);
    expect(writeOrder({ blue: 10, green: 90 }, { blue: 60, green: 40 })).toEqual(['blue', 'green']);
    expect(writeOrder(undefined, { blue: 50, green: 50 })).toEqual(['green', 'blue']);
  });

  it('encodes what was written in the change id and decodes it back', () => {
    const weights = { kind: 'weights' as const, weights: { blue: 90, green: 10 } };
    expect(parseChangeId(changeIdOf(weights))).toEqual(weights);
    expect(parseChangeId(changeIdOf({ kind: 'ttl', seconds: 60 }))).toEqual({ kind: 'ttl', seconds: 60 });
    expect(parseChangeId('sim-change-3')).toBeUndefined();
  });
});
