import { listLines } from '../../client/commands/list';
import type { ListedCutover } from '../../client/cutovers';
import { T0 } from './fixtures';

function listed(overrides: Partial<ListedCutover> & { status?: string }): ListedCutover {
  const { status = 'RUNNING', ...rest } = overrides;
  return {
    id: 'orders-1',
    execution: { status: status as ListedCutover['execution']['status'], runId: 'r', firstRunId: 'r', taskQueue: 'cutover', startTime: new Date(T0), closeTime: null, lastKnown: null },
    runbook: 'orders-cutover',
    startedBy: 'olivia',
    outcome: 'running',
    phase: 'canary',
    openGate: null,
    note: null,
    ...rest,
  };
}

describe('the list of cutovers', () => {
  it('shows a running cutover by its phase and open gate, a finished one by its outcome, in aligned columns', () => {
    const lines = listLines([
      listed({ id: 'orders-2', openGate: 'half-way' }),
      listed({ id: 'orders-1', status: 'COMPLETED', outcome: 'rolled-back', phase: 'rollback' }),
      listed({ id: 'orders-0', note: 'no worker answered', outcome: null, phase: null }),
      listed({ id: 'orders-x', status: 'TERMINATED', outcome: null, phase: null }),
    ]);
    expect(lines.map((line) => line.replace(/\d\d-\d\d \d\d:\d\d$/, 'MM-DD HH:MM'))).toEqual([
      'ID        STATE                        BY      STARTED',
      'orders-2  canary, at gate half-way     olivia  MM-DD HH:MM',
      'orders-1  rolled-back                  olivia  MM-DD HH:MM',
      'orders-0  running, no worker answered  olivia  MM-DD HH:MM',
      'orders-x  terminated                   olivia  MM-DD HH:MM',
    ]);
  });
});
