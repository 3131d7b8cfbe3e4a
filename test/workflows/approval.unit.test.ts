import { gate as gateSchema } from '../../workflows/runbook/schema';
import { refuseGateDecision, type GateContext } from '../../workflows/decisions/approval';

const gates = [
  gateSchema.parse({ name: 'go-live', approvers: ['alice', 'bob'], twoPersonRule: true }),
  gateSchema.parse({ name: 'sign-off', approvers: ['carol'] }),
];
const context: GateContext = { gates, openGate: 'go-live', startedBy: 'alice', notRunning: null };

describe('who may decide a gate', () => {
  it('lets a listed approver decide the open gate', () => {
    expect(refuseGateDecision({ gate: 'go-live', by: 'bob' }, context)).toBeNull();
  });

  it('refuses an unknown gate and lists the real ones', () => {
    expect(refuseGateDecision({ gate: 'golive', by: 'bob' }, context)).toBe('no gate named "golive" in this runbook; its gates are: go-live, sign-off');
  });

  it('refuses a gate that is not open now', () => {
    expect(refuseGateDecision({ gate: 'sign-off', by: 'carol' }, context)).toBe('gate "sign-off" is not open: the open gate is "go-live"');
    expect(refuseGateDecision({ gate: 'sign-off', by: 'carol' }, { ...context, openGate: null })).toBe('gate "sign-off" is not open: no gate is open now');
  });

  it('refuses someone who is not on the gate\'s list', () => {
    expect(refuseGateDecision({ gate: 'go-live', by: 'mallory' }, context)).toBe('mallory may not decide gate "go-live": its approvers are alice, bob');
  });

  it('refuses the starter under the two-person rule', () => {
    expect(refuseGateDecision({ gate: 'go-live', by: 'alice' }, context)).toContain('two-person rule');
  });

  it('lets the starter decide a gate without the two-person rule', () => {
    expect(refuseGateDecision({ gate: 'sign-off', by: 'carol' }, { ...context, openGate: 'sign-off', startedBy: 'carol' })).toBeNull();
  });

  it('refuses an empty identity and a run that is over', () => {
    expect(refuseGateDecision({ gate: 'go-live', by: ' ' }, context)).toContain('identity is empty');
    expect(refuseGateDecision({ gate: 'go-live', by: 'bob' }, { ...context, notRunning: 'already ended: completed' })).toBe('this cutover already ended: completed; no gate can be decided');
  });
});
