import { accepted, MINIMAL, problemsIn } from '../../runbook/fixtures';

const withProgress = (lines: string) => `${MINIMAL}progress:\n  migrationHub:\n${lines}`;

describe('the progress.migrationHub section', () => {
  it('accepts a progress update stream, a migration task and a region', () => {
    expect(accepted(withProgress('    stream: cutover-orchestrator\n    task: orders\n    region: us-west-2\n'))).toBe(true);
  });

  it('refuses a stream name Migration Hub refuses, naming the field and what to write', () => {
    const problems = problemsIn(withProgress('    stream: team/cutovers\n    task: orders\n'));
    expect(problems).toEqual([expect.objectContaining({ path: 'progress.migrationHub.stream', message: expect.stringContaining('may not contain "/"') })]);
  });

  it('refuses a missing task and an unknown field, each by its path', () => {
    const paths = problemsIn(withProgress('    stream: cutovers\n    taks: orders\n')).map((problem) => problem.path);
    expect(paths).toEqual(['progress.migrationHub.task', 'progress.migrationHub.taks']);
  });

  it('counts as a real provider: approvals must be signed', () => {
    const problems = problemsIn(`approvals: unverified\n${withProgress('    stream: cutovers\n    task: orders\n')}`);
    expect(problems).toEqual([expect.objectContaining({ path: 'approvals', message: expect.stringContaining('progress.migrationHub is migration-hub') })]);
  });
});
