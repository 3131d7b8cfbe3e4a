import { join } from 'node:path';
import { loadRunbook } from '../../client/runbook/load';
import { planOf } from '../../client/runbook/plan';
import { planLines } from '../../client/render/plan';
import { visibleWidth } from '../../client/render/fit';
import { EXAMPLES } from '../runbook/fixtures';

const orders = () => loadRunbook(join(EXAMPLES, 'orders-cutover.yaml'));

describe('the plan of a runbook', () => {
  it('has every phase in order, one row per canary step with its weights', () => {
    const plan = planOf(orders());
    expect(plan.steps.map((step) => step.phase)).toEqual([
      'preflight', 'gate', 'freeze', 'replication', 'drain',
      'canary 1/4', 'canary 2/4', 'canary 3/4', 'canary 4/4',
      'acceptance', 'signoff', 'complete',
    ]);
    expect(plan.steps.filter((step) => step.weights).map((step) => step.weights)).toEqual([
      { blue: 90, green: 10 }, { blue: 75, green: 25 }, { blue: 50, green: 50 }, { blue: 0, green: 100 },
    ]);
    expect(plan.steps[7]!.what.join('; ')).toContain('gate "half-way", approved by alice or bob or carol');
  });

  it('takes at least the old TTL waited out, every bake and the soak, plus the time at its gates', () => {
    // orders-cutover: TTL 2s lowered to 1s (2s waited), four bakes of 4s, a 5s soak, three gates.
    expect(planOf(orders()).minimum).toEqual({ totalMs: 23_000, ttlWaitMs: 2_000, bakesMs: 16_000, soakMs: 5_000, gates: 3 });
  });

  it('waits out no TTL when the runbook does not lower it', () => {
    const runbook = orders();
    delete runbook.dns.lowerTtlTo;
    const plan = planOf(runbook);
    expect(plan.minimum.ttlWaitMs).toBe(0);
    expect(plan.steps[0]!.minMs).toBe(0);
    expect(plan.steps.at(-1)!.what.join(' ')).not.toContain('restore the TTL');
  });

  it('prints within the width it is given, the minimum total on its own line', () => {
    const lines = planLines(planOf(orders()), { width: 80, source: 'orders-cutover.yaml' });
    expect(Math.max(...lines.map(visibleWidth))).toBeLessThanOrEqual(80);
    expect(lines.find((line) => line.includes('minimum'))).toContain('23s (TTL wait 2s + bakes 16s + soak 5s), plus the time');
    expect(lines.find((line) => line.includes('canary 3/4'))).toMatch(/blue {2}50% █+░+ {2}50% green, bake 4s +4s$/);
  });
});
