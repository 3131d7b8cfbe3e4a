import { notReadyToReopenBlue, notReadyToSwitchWrites, type ReopenFacts } from '../../workflows/decisions/writes';
import { semanticProblems } from '../../workflows/runbook/semantic';
import { runbookSchema, type RunbookInput } from '../../workflows/runbook/schema';
import { writeLossWarning } from '../../workflows/runbook/writes';

describe('may green take writes (invariant 1)', () => {
  it('only once a forward lag within the switch RPO was read with blue frozen', () => {
    expect(notReadyToSwitchWrites({ blueFrozen: true, lagSecondsSeenFrozen: 0, rpoSeconds: 0 })).toBeNull();
    expect(notReadyToSwitchWrites({ blueFrozen: false, lagSecondsSeenFrozen: 0, rpoSeconds: 0 })).toMatch(/not frozen on blue/);
    expect(notReadyToSwitchWrites({ blueFrozen: true, lagSecondsSeenFrozen: null, rpoSeconds: 0 })).toMatch(/no forward lag read/);
    expect(notReadyToSwitchWrites({ blueFrozen: true, lagSecondsSeenFrozen: 0.4, rpoSeconds: 0 })).toMatch(/0.4s is above the switch RPO of 0s/);
  });
});

describe('may blue take writes again (invariant 7)', () => {
  const ready: ReopenFacts = {
    writer: 'blue',
    switched: true,
    greenFrozen: true,
    carriesWritesBack: true,
    reverseLagSecondsSeenFrozen: 0,
    rollbackRpoSeconds: 0,
    greenQueuesDrained: true,
  };

  it('at once when writes never moved to green', () => {
    expect(notReadyToReopenBlue({ ...ready, switched: false, greenFrozen: false, reverseLagSecondsSeenFrozen: null })).toBeNull();
  });

  it('after the switch only with green frozen, the reverse lag within the rollback RPO, writes back on blue and green drained', () => {
    expect(notReadyToReopenBlue(ready)).toBeNull();
    expect(notReadyToReopenBlue({ ...ready, greenFrozen: false })).toMatch(/not frozen on green/);
    expect(notReadyToReopenBlue({ ...ready, reverseLagSecondsSeenFrozen: null })).toMatch(/no reverse lag read/);
    expect(notReadyToReopenBlue({ ...ready, reverseLagSecondsSeenFrozen: 2 })).toMatch(/reverse lag 2s is above the rollback RPO of 0s/);
    expect(notReadyToReopenBlue({ ...ready, writer: 'green' })).toMatch(/not been switched back/);
    expect(notReadyToReopenBlue({ ...ready, greenQueuesDrained: false })).toMatch(/queues are not drained/);
  });

  it('without a reverse lag read when the runbook chose a traffic-only rollback', () => {
    expect(notReadyToReopenBlue({ ...ready, carriesWritesBack: false, reverseLagSecondsSeenFrozen: null })).toBeNull();
  });
});

function runbookWith(writes: RunbookInput['writes'], overrides: Partial<RunbookInput> = {}) {
  return runbookSchema.parse({
    name: 'orders',
    rpo: '5s',
    dns: { provider: 'simulated', record: 'orders.example.com', blue: 'a', green: 'b', ttl: '1s', syncTimeout: '10s' },
    replication: { provider: 'simulated', task: 'cdc', reverseTask: 'cdc-reverse', timeout: '1m' },
    writes,
    canary: { steps: [{ weight: 50, bake: '2s' }, { weight: 100, bake: '2s' }] },
    analysis: { interval: '1s', automaticRollback: false },
    hooks: {
      freeze: { provider: 'simulated', name: 'freeze' },
      unfreeze: { provider: 'simulated', name: 'unfreeze' },
      switchWrites: { provider: 'simulated', name: 'switch' },
    },
    ...overrides,
  });
}

describe('the runbook says how writes move', () => {
  const reverse = { mode: 'switch', timeout: '1m', afterWriteSwitch: 'reverse-replication' } as const;

  it('keeps the frozen window when it says nothing, and switches after the canary by default', () => {
    expect(runbookWith(undefined).writes).toEqual({ mode: 'frozen' });
    expect(runbookWith(reverse).writes).toMatchObject({ at: 'after-canary', rpo: 0, rollbackRpo: 0 });
    expect(semanticProblems(runbookWith(reverse))).toEqual([]);
  });

  it('refuses a switch after a step the canary does not have', () => {
    expect(semanticProblems(runbookWith({ ...reverse, at: { afterStep: 3 } }))).toEqual([
      { path: 'writes.at.afterStep', message: expect.stringContaining('step 3 does not exist: the canary has 2 step(s)') },
    ]);
  });

  it('refuses a switch without the hooks it needs, naming each', () => {
    const problems = semanticProblems(runbookWith(reverse, { hooks: { freeze: { provider: 'simulated', name: 'freeze' } } }));
    expect(problems.map((problem) => problem.path)).toEqual(['hooks.unfreeze', 'hooks.switchWrites']);
  });

  it('refuses reverse replication with no reverse task, and says how to accept losing green\'s writes instead', () => {
    const problems = semanticProblems(runbookWith(reverse, { replication: { provider: 'simulated', task: 'cdc', timeout: '1m' } }));
    expect(problems).toEqual([{ path: 'replication.reverseTask', message: expect.stringContaining('afterWriteSwitch: traffic-only-rollback') }]);
  });

  it('refuses a write switch timeout too short to read the lag once', () => {
    expect(semanticProblems(runbookWith({ ...reverse, timeout: '200ms' }))).toEqual([
      { path: 'writes.timeout', message: expect.stringContaining('the lag must be read at least once') },
    ]);
  });

  it('refuses a switch that does not say what a rollback after it does', () => {
    expect(() => runbookWith({ mode: 'switch', timeout: '1m' } as never)).toThrow(/afterWriteSwitch/);
  });

  it('warns that a traffic-only rollback loses what green wrote', () => {
    expect(writeLossWarning(runbookWith(reverse))).toBeNull();
    expect(writeLossWarning(runbookWith({ ...reverse, afterWriteSwitch: 'traffic-only-rollback' }))).toMatch(/loses every write green took since the switch/);
  });
});
