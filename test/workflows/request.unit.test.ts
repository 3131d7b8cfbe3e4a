import { endedText, freeTextProblem, notRunningText, requestTextProblem } from '../../workflows/decisions/request';
import { IDENTITY_HINT, unsafeCharacter } from '../../workflows/runbook/text';

describe("what a decision request may carry into the record", () => {
  it('lets a plain name with a comment or reason through', () => {
    expect(requestTextProblem({ by: 'alice', comment: 'error rate flat, lag 0.4s' })).toBeNull();
    expect(requestTextProblem({ by: 'bob@example.com', reason: 'p95 creeping up on green' })).toBeNull();
  });

  it.each([
    ['an escape sequence', '\x1b[31malice', 'ESC (U+001B)', '\\x1b[31malice'],
    ['a zero-width space', 'car\u200bol', 'a zero-width space (U+200B)', 'car\\u200bol'],
    ['a NUL byte', 'al\0ice', 'NUL (U+0000)', 'al\\x00ice'],
  ])('refuses an approver name with %s, showing it escaped', (_, by, what, shown) => {
    const refusal = requestTextProblem({ by });
    expect(refusal).toBe(`the identity "${shown}" contains ${what}, which a terminal would not show as it is; use ${IDENTITY_HINT}`);
    expect(unsafeCharacter(refusal!)).toBeNull();
  });

  it('refuses a name that is not text or is empty, as a raw update may send', () => {
    expect(requestTextProblem({ by: 42 })).toContain('identity is empty');
    expect(requestTextProblem({ by: '  ' })).toContain('identity is empty');
    expect(requestTextProblem({})).toContain('identity is empty');
  });

  it('refuses a comment or reason with control, bidi or invisible characters, and never repeats them', () => {
    expect(requestTextProblem({ by: 'alice', comment: 'ok\x1b]0;owned\x07' })).toBe('the comment contains ESC (U+001B), which a terminal would not show as it is; write it as plain text on one line');
    expect(requestTextProblem({ by: 'alice', reason: 'fine \u202eenilno' })).toContain('the reason contains a right-to-left override (U+202E)');
    expect(requestTextProblem({ by: 'alice', reason: 'two\nlines' })).toContain('the reason contains a line break');
    expect(requestTextProblem({ by: 'alice', comment: 7 })).toBe('the comment must be text');
    expect(freeTextProblem('--comment', 'ok\u200b')).toMatch(/^--comment contains a zero-width space/);
  });
});

describe('why a run takes no more decisions', () => {
  const running = { outcome: 'running' as const, reason: null, phase: 'canary' as const, stopping: null };

  it('says nothing while it runs', () => {
    expect(notRunningText(running)).toBeNull();
  });

  it('names the real outcome and its reason once it ended', () => {
    expect(notRunningText({ ...running, outcome: 'rolled-back', phase: 'rollback', reason: 'gate "half-way" rejected by alice: p95' })).toBe('already ended: rolled back: gate "half-way" rejected by alice: p95');
    expect(notRunningText({ ...running, outcome: 'completed', phase: 'complete' })).toBe('already ended: completed');
    expect(endedText('rollback-failed', null)).toBe('rollback failed');
  });

  it('says it is rolling back or aborting, and why, while it unwinds', () => {
    expect(notRunningText({ ...running, phase: 'rollback', stopping: 'metric error-rate breached' })).toBe('is rolling back: metric error-rate breached');
    expect(notRunningText({ ...running, phase: 'abort', stopping: 'aborted by bob: wrong window' })).toBe('is aborting: aborted by bob: wrong window');
    expect(notRunningText({ ...running, phase: 'complete' })).toContain('is completing');
    expect(notRunningText({ ...running, phase: 'signoff', signedOff: true })).toContain('is completing');
  });
});
