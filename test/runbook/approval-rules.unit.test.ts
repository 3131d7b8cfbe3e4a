import { approvalPolicyProblems, providersNamed } from '../../workflows/runbook/approval-rules';
import { gateProblems } from '../../workflows/runbook/gate-rules';
import { semanticProblems } from '../../workflows/runbook/semantic';
import { demoRunbook } from './fixtures';

describe('the approval policy', () => {
  it('signs by default', () => {
    expect(demoRunbook().approvals).toBe('signed');
  });

  it('allows unverified approvals when every provider is simulated', () => {
    const runbook = { ...demoRunbook(), approvals: 'unverified' as const };
    expect(semanticProblems(runbook)).toEqual([]);
  });

  it('refuses unverified approvals with a real provider, naming approvals and the provider', () => {
    const runbook = { ...demoRunbook(), approvals: 'unverified' as const };
    runbook.notifications = [{ provider: 'slack', webhookUrlEnv: 'SLACK_URL' } as never];
    expect(approvalPolicyProblems(runbook)).toEqual([
      { path: 'approvals', message: expect.stringContaining('notifications[0].provider is slack') },
    ]);
    expect(approvalPolicyProblems(runbook)[0]!.message).toContain('write approvals: signed');
  });

  it('lists every provider the runbook names', () => {
    const paths = providersNamed(demoRunbook()).map((named) => named.path);
    expect(paths).toEqual(expect.arrayContaining(['dns.provider', 'replication.provider', 'analysis.metrics[0].provider']));
  });
});

describe('the signatures a gate asks for', () => {
  const gate = (approvers: string[], approvals: number, twoPersonRule = false) => ({ name: 'go', approvers, approvals, twoPersonRule, onTimeout: 'reject' as const });

  it('accepts as many signers as it lists approvers', () => {
    expect(gateProblems({ gates: [gate(['alice', 'bob'], 2)], startGate: 'go' })).toEqual([]);
  });

  it('refuses more signers than approvers', () => {
    expect(gateProblems({ gates: [gate(['alice', 'bob'], 3)], startGate: 'go' })).toEqual([
      { path: 'gates[0].approvals', message: 'asks for 3 different signers, but the gate lists 2 approvers: list more approvers or write approvals: 2' },
    ]);
  });

  it('counts one approver fewer under the two-person rule, since the starter may not approve', () => {
    expect(gateProblems({ gates: [gate(['alice', 'bob'], 2, true)], startGate: 'go' })).toEqual([
      {
        path: 'gates[0].approvals',
        message:
          'asks for 2 different signers, but the gate lists 1 approver other than the one who starts the cutover (two-person rule): list more approvers or write approvals: 1',
      },
    ]);
    expect(gateProblems({ gates: [gate(['alice', 'bob', 'carol'], 2, true)], startGate: 'go' })).toEqual([]);
  });
});
