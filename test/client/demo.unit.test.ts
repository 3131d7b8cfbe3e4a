import { DEFAULT_RUNBOOK, parseDemoArgs, UsageError } from '../../client/demo/args';
import { demoApprovers } from '../../client/demo/gates';

describe('demo arguments', () => {
  it('runs the example runbook as $USER by default, approving gates itself, with no fault', () => {
    expect(parseDemoArgs([], { USER: 'olivia' })).toEqual({
      runbookPath: DEFAULT_RUNBOOK,
      fault: false,
      faultBeforeSwitch: false,
      waitForApproval: false,
      startedBy: 'olivia',
      help: false,
    });
  });

  it('takes the runbook path, --fault, --wait-for-approval and --as in any order', () => {
    const args = parseDemoArgs(['--fault', 'my.yaml', '--as', 'dave', '--wait-for-approval'], { USER: 'olivia' });
    expect(args).toMatchObject({ runbookPath: 'my.yaml', fault: true, waitForApproval: true, startedBy: 'dave' });
  });

  it('starts as "operator" when neither --as nor $USER says who', () => {
    expect(parseDemoArgs([], {}).startedBy).toBe('operator');
  });

  it('refuses unknown options and a second runbook path', () => {
    expect(() => parseDemoArgs(['--falut'], {})).toThrow(UsageError);
    expect(() => parseDemoArgs(['a.yaml', 'b.yaml'], {})).toThrow('expected at most one runbook file, got 2');
  });
});

describe('demo approvers', () => {
  it('are the first listed approvers who did not start the cutover, as many as the gate asks for', () => {
    expect(demoApprovers({ approvers: ['alice', 'bob'], twoPersonRule: true }, 'olivia')).toEqual(['alice']);
    expect(demoApprovers({ approvers: ['alice', 'bob'], twoPersonRule: true }, 'alice')).toEqual(['bob']);
    expect(demoApprovers({ approvers: ['alice', 'bob', 'carol'], twoPersonRule: true, required: 2 }, 'alice')).toEqual(['bob', 'carol']);
  });

  it('include the starter only when no two-person rule applies', () => {
    expect(demoApprovers({ approvers: ['carol'], twoPersonRule: false }, 'carol')).toEqual(['carol']);
    expect(demoApprovers({ approvers: ['carol'], twoPersonRule: true }, 'carol')).toEqual([]);
  });
});
