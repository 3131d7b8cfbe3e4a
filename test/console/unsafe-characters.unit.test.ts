import { unsafeCharacterClass } from '../../client/console/unsafe-characters';
import { escapeUnsafe } from '../../workflows/runbook/text';

describe("the page's unsafe characters", () => {
  it('are exactly the ones escapeUnsafe writes out', () => {
    const pattern = new RegExp(unsafeCharacterClass(), 'u');
    const disagreements: string[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const char = String.fromCharCode(code);
      if (pattern.test(char) !== (escapeUnsafe(char) !== char)) disagreements.push(`U+${code.toString(16).padStart(4, '0')}`);
    }
    expect(disagreements).toEqual([]);
    expect(pattern.test('\u202e')).toBe(true);
  });
});
