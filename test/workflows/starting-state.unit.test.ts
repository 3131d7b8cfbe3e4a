/**
 * The pure "is this the state a cutover starts from" decision: DNS exactly 100% blue unless the
 * starter adopts the weights, blue the writer, and no reverse replication before a write switch;
 * where an adopting run picks the canary up; and the providers' readers of 100% blue.
 */
import { fromRoute53Weights } from '../../activities/aws/route53-weights';
import { percentsOf } from '../../activities/azure/weights';
import { adoptedStep, dataStartFindings, dnsStartRefusal, type DnsStartFacts } from '../../workflows/decisions/starting-state';

const steps = [10, 25, 50, 100];
const reading = (blue: number, adoptWeights = false): DnsStartFacts => ({ record: 'orders.example.com', weights: { blue, green: 100 - blue }, adoptWeights, steps });

describe('may a cutover start from the weights DNS reads', () => {
  it('starts from exactly blue 100 / green 0', () => {
    expect(dnsStartRefusal(reading(100))).toBeNull();
  });

  it('refuses a record already moved to green, saying what it reads and what to do', () => {
    expect(dnsStartRefusal(reading(0))).toBe(
      'dns record orders.example.com reads blue 0 / green 100: it looks already moved; if a previous cutover completed there is nothing to do; ' +
        'to continue a half-done cutover deliberately, start with --adopt-weights (the start is signed with that choice)',
    );
  });

  it.each([50, 90, 99, 1])('refuses a record half moved (blue %i), naming the weights, how to start over and how to continue', (blue) => {
    const refusal = dnsStartRefusal(reading(blue));
    expect(refusal).toContain(`dns record orders.example.com reads blue ${blue} / green ${100 - blue}, not the blue 100 / green 0 a cutover starts from`);
    expect(refusal).toContain('set it back to blue 100 / green 0 first');
    expect(refusal).toContain('start with --adopt-weights');
  });

  it('lets a start that adopts the weights begin from any of them a canary step reaches', () => {
    for (const blue of [100, 90, 50, 0]) expect(dnsStartRefusal(reading(blue, true))).toBeNull();
    expect(dnsStartRefusal({ ...reading(60, true), steps: [10, 50] })).toBeNull();
    expect(dnsStartRefusal({ ...reading(40, true), steps: [10, 50] })).toContain('no canary step reaches green 60% (the last is 50%)');
    expect(dnsStartRefusal({ ...reading(0, true), steps: [10, 50] })).toContain('no canary step reaches green 100% (the last is 50%)');
  });
});

describe('where an adopting run continues the canary', () => {
  it('starts from the first step whose weight is at or above green\'s share read', () => {
    const at = (green: number) => adoptedStep(steps, { blue: 100 - green, green });
    expect([0, 5, 10, 11, 25, 26, 50, 51, 100].map(at)).toEqual([0, 0, 0, 1, 1, 2, 2, 3, 3]);
    expect(adoptedStep([10, 50], { blue: 40, green: 60 })).toBeNull();
  });
});

describe('may a cutover start from the state of the databases', () => {
  const stopped = { name: 'orders-reverse', running: false, status: 'stopped' };
  const running = { name: 'orders-reverse', running: true, status: 'running' };

  it('starts with blue the writer and the reverse replication not running, or when the provider cannot tell', () => {
    expect(dataStartFindings({ writeSwitch: true, reverse: stopped, writer: 'blue' })).toEqual({ refusals: [], warnings: [] });
    expect(dataStartFindings({ writeSwitch: true, reverse: null, writer: null })).toEqual({ refusals: [], warnings: [] });
  });

  it('refuses a write switch whose reverse replication already runs', () => {
    const { refusals } = dataStartFindings({ writeSwitch: true, reverse: running, writer: null });
    expect(refusals).toEqual([expect.stringContaining('reverse replication orders-reverse is already running, but this runbook\'s write switch starts it only once green takes writes')]);
    expect(refusals[0]).toContain('if a previous cutover completed there is nothing to do');
  });

  it('only warns of a running reverse replication when the runbook freezes a window instead', () => {
    expect(dataStartFindings({ writeSwitch: false, reverse: running, writer: 'blue' })).toEqual({ refusals: [], warnings: [expect.stringContaining('already runs before the write switch')] });
  });

  it('refuses when the provider reads green as the writer, whatever the write mode', () => {
    for (const writeSwitch of [true, false]) {
      expect(dataStartFindings({ writeSwitch, reverse: stopped, writer: 'green' }).refusals).toEqual([expect.stringContaining('reads green as the writer')]);
    }
  });
});

describe('100% blue reads as exactly blue 100 / green 0 on every provider scale', () => {
  it('on Route 53 (0–255), a weight-0 record with or without its Weight element', () => {
    expect(fromRoute53Weights(100, 0)).toEqual({ blue: 100, green: 0 });
    expect(fromRoute53Weights(100, undefined)).toEqual({ blue: 100, green: 0 });
    expect(fromRoute53Weights(255, 0)).toEqual({ blue: 100, green: 0 });
    expect(fromRoute53Weights(1, undefined)).toEqual({ blue: 100, green: 0 });
    expect(fromRoute53Weights(undefined, 100)).toEqual({ blue: 0, green: 100 });
  });

  it('on Route 53, never reads a trickle to green (or to blue) as none', () => {
    expect(fromRoute53Weights(255, 1)).toEqual({ blue: 99, green: 1 });
    expect(fromRoute53Weights(1, 255)).toEqual({ blue: 1, green: 99 });
  });

  it('on Traffic Manager (1–1000), green\'s endpoint disabled whatever the weights', () => {
    expect(percentsOf({ enabled: true, weight: 1 }, { enabled: false, weight: 1000 })).toEqual({ blue: 100, green: 0 });
    expect(percentsOf({ enabled: true, weight: 1000 }, { enabled: false, weight: 1 })).toEqual({ blue: 100, green: 0 });
    expect(percentsOf({ enabled: true, weight: 1000 }, { enabled: true, weight: 1 })).toEqual({ blue: 99, green: 1 });
  });
});
