import { escapeUnsafe, identityProblem, unsafeCharacter } from '../../workflows/runbook/text';

describe('text that reaches a terminal', () => {
  it.each([
    ['ESC', 'red\x1b[31m', 'ESC (U+001B)'],
    ['NUL', 'a\u0000b', 'NUL (U+0000)'],
    ['C1 CSI', 'a\u009bb', 'CSI (U+009B)'],
    ['a zero-width space', 'car\u200bol', 'a zero-width space (U+200B)'],
    ['a bidi override', 'evil\u202Egnp.exe', 'a right-to-left override (U+202E)'],
    ['a bidi isolate', 'a\u2068b', 'a bidirectional control (U+2068)'],
    ['a carriage return', 'ok\rno', 'a carriage return (U+000D)'],
  ])('finds %s', (_, text, described) => {
    expect(unsafeCharacter(text)).toBe(described);
  });

  it('allows tabs and line breaks in free text but not in one-line fields', () => {
    expect(unsafeCharacter('line one\n\tline two')).toBeNull();
    expect(unsafeCharacter('a\tb', { oneLine: true })).toBe('a tab (U+0009)');
  });

  it('leaves ordinary text, accents and emoji alone', () => {
    expect(unsafeCharacter('Bestellungen: Übergang → grün ✓ 🚀')).toBeNull();
    expect(escapeUnsafe('Bestellungen: Übergang → grün')).toBe('Bestellungen: Übergang → grün');
  });

  it('writes unsafe characters as visible escapes', () => {
    expect(escapeUnsafe('\x1b[2Jgone')).toBe('\\x1b[2Jgone');
    expect(escapeUnsafe('car\u200bol\u202e')).toBe('car\\u200bol\\u202e');
    expect(escapeUnsafe('a\nb', { oneLine: true })).toBe('a\\nb');
  });
});

describe('identities', () => {
  it.each(['alice', 'bob.smith', 'carol@example.com', 'ops-oncall_2', 'd+e'])('accepts %s', (name) => {
    expect(identityProblem(name)).toBeNull();
  });

  it.each([
    ['a zero-width space', 'car\u200bol', 'zero-width space'],
    ['an escape sequence', 'bob\x1b[2K', 'ESC'],
    ['a NUL byte', 'alice\u0000', 'NUL'],
    ['a Cyrillic look-alike', 'аlice', 'not a plain name'],
    ['a space', 'alice smith', 'not a plain name'],
    ['a leading dot', '.alice', 'not a plain name'],
  ])('refuses a name with %s', (_, name, reason) => {
    expect(identityProblem(name)).toContain(reason);
  });

  it('refuses an empty or over-long name', () => {
    expect(identityProblem('')).toBe('is empty');
    expect(identityProblem('a'.repeat(65))).toContain('at most 64');
  });

  it('never repeats the name in its message', () => {
    expect(identityProblem('evil\x1b]0;owned\x07')).not.toContain('owned');
  });
});
