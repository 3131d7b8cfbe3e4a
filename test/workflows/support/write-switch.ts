/**
 * A runbook with a write switch and a simulated cloud with a database on each side under a steady
 * write load, for the tests of invariants 1 and 7.
 */
import type { RunbookInput, Runbook } from '../../../workflows/runbook/schema';
import type { DataSpec, Scenario } from '../../../activities/simulated';
import { fastRunbook, fastScenario } from '../../support/runbooks';

type Writes = Extract<NonNullable<RunbookInput['writes']>, { mode: 'switch' }>;

export function switchRunbook(writes: Partial<Writes> = {}, overrides: Partial<RunbookInput> = {}): Runbook {
  return fastRunbook({
    replication: { provider: 'simulated', task: 'orders-cdc', reverseTask: 'orders-cdc-reverse', timeout: '10s', pollInterval: '200ms' },
    writes: { mode: 'switch', at: 'after-canary', timeout: '15s', afterWriteSwitch: 'reverse-replication', ...writes },
    hooks: {
      freeze: { provider: 'simulated', name: 'freeze-writes' },
      unfreeze: { provider: 'simulated', name: 'unfreeze-writes' },
      switchWrites: { provider: 'simulated', name: 'switch-writes' },
    },
    ...overrides,
  });
}

/** A write every 50ms; each side copies the other's writes 300ms after they were acknowledged. */
export function dataScenario(data: DataSpec = {}): Scenario {
  return { ...fastScenario(), replication: { 'orders-cdc': {} }, data: { forwardDelayMs: 300, reverseDelayMs: 300, writeEveryMs: 50, ...data } };
}
