import { DEFAULT_RUNBOOK, parseDemoArgs, UsageError } from '../../client/demo/args';
import { demoApprover } from '../../client/demo/gates';

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

describe('demo approver', () => {
  it('is the first listed approver who did not start the cutover', () => {
    expect(demoApprover({ approvers: ['alice', 'bob'], twoPersonRule: true }, 'olivia')).toBe('alice');
    expect(demoApprover({ approvers: ['alice', 'bob'], twoPersonRule: true }, 'alice')).toBe('bob');
  });

  it('is the starter only when the starter is the sole approver and no two-person rule applies', () => {
    expect(demoApprover({ approvers: ['carol'], twoPersonRule: false }, 'carol')).toBe('carol');
    expect(demoApprover({ approvers: ['carol'], twoPersonRule: true }, 'carol')).toBeNull();
  });
});
