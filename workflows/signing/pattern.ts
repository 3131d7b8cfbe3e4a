/**
 * OpenSSH pattern-lists (ssh_config(5), PATTERNS), as the allowed-signers file uses them for
 * principals and namespaces: comma-separated patterns with `*` and `?`, a `!` in front negates.
 * A list matches when some plain pattern matches and no negated one does. Case-sensitive, as
 * OpenSSH matches principals and namespaces.
 */

function matchPattern(text: string, pattern: string): boolean {
  // Iterative glob with one backtrack point: linear in practice and no regular expression to escape.
  let t = 0;
  let p = 0;
  let starP = -1;
  let starT = 0;
  while (t < text.length) {
    if (p < pattern.length && (pattern[p] === '?' || pattern[p] === text[t])) {
      t += 1;
      p += 1;
    } else if (p < pattern.length && pattern[p] === '*') {
      starP = p;
      starT = t;
      p += 1;
    } else if (starP >= 0) {
      p = starP + 1;
      starT += 1;
      t = starT;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern[p] === '*') p += 1;
  return p === pattern.length;
}

export function matchPatternList(text: string, patternList: string): boolean {
  let matched = false;
  for (const entry of patternList.split(',')) {
    const negated = entry.startsWith('!');
    if (matchPattern(text, negated ? entry.slice(1) : entry)) {
      if (negated) return false;
      matched = true;
    }
  }
  return matched;
}
