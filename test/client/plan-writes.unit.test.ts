import { planOf } from '../../client/runbook/plan';
import { planLines } from '../../client/render/plan';
import { runbookSchema, type RunbookInput } from '../../workflows/runbook/schema';

function runbook(overrides: Partial<RunbookInput>) {
  return runbookSchema.parse({
    name: 'orders',
    rpo: '5s',
    dns: { provider: 'simulated', record: 'orders.example.com', blue: 'a', green: 'b', ttl: '1s', syncTimeout: '10s' },
    replication: { provider: 'simulated', task: 'cdc', reverseTask: 'cdc-reverse', timeout: '1m' },
    canary: { steps: [{ weight: 50, bake: '10m', gate: 'half-way' }, { weight: 100, bake: '10m' }] },
    gates: [{ name: 'half-way', approvers: ['alice'], timeout: '30m' }],
    analysis: { interval: '1s', automaticRollback: false },
    hooks: {
      freeze: { provider: 'simulated', name: 'freeze' },
      unfreeze: { provider: 'simulated', name: 'unfreeze' },
      switchWrites: { provider: 'simulated', name: 'promote' },
    },
    ...overrides,
  });
}

describe('plan of how writes move', () => {
  it('shows the write switch as its own step after the step it names, with its expected freeze window', () => {
    const plan = planOf(runbook({ writes: { mode: 'switch', at: { afterStep: 1 }, timeout: '2m', afterWriteSwitch: 'reverse-replication' } }));
    expect(plan.steps.map((step) => step.phase)).toEqual(['preflight', 'replication', 'canary 1/2', 'write switch', 'canary 2/2', 'complete']);
    expect(plan.steps[3]!.what).toEqual([
      'freeze writes on blue (freeze)',
      'wait until the forward lag is within 0ms (give up after 2m)',
      'switch writes to green (promote)',
      'start the reverse replication cdc-reverse green → blue and see it running',
      'unfreeze writes on green (unfreeze)',
    ]);
    expect(plan.writes).toEqual([expect.stringMatching(/^write switch after canary step 1: writes frozen only for the switch, expected seconds .* at most 5m30s$/)]);
    expect(plan.rollback).toMatch(/^if writes were switched: freeze writes on green, wait until the reverse lag is within 0ms .* switch writes back to blue \(promote\), DNS back to 100% blue/);
    expect(plan.warnings).toEqual([]);
  });

  it('states a frozen window at least the bakes and at most every timeout, gates included', () => {
    const plan = planOf(runbook({}));
    expect(plan.writes).toEqual(['frozen window: writes frozen on blue from the freeze until completion, at least 20m, at most 51m20s counting gate timeouts']);
  });

  it('says a frozen window has no upper bound when a gate may wait for ever', () => {
    const plan = planOf(runbook({ gates: [{ name: 'half-way', approvers: ['alice'] }] }));
    expect(plan.writes[0]).toMatch(/at most unbounded: gate "half-way" has no timeout/);
  });

  it('warns loudly that a traffic-only rollback after the switch loses what green wrote', () => {
    const plan = planOf(runbook({ writes: { mode: 'switch', timeout: '2m', afterWriteSwitch: 'traffic-only-rollback' } }));
    expect(plan.warnings).toEqual([expect.stringContaining('loses every write green took since the switch')]);
    expect(planLines(plan, { width: 200 }).join('\n')).toMatch(/WARNING\s+writes.afterWriteSwitch is traffic-only-rollback/);
  });
});
