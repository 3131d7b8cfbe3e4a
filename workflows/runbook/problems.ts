/**
 * What is wrong with a runbook file, in the operator's terms: where (a path into the runbook and,
 * when known, a line of the file) and what to write instead. Every check produces these, so the CLI
 * prints one list however many checks found something.
 */
import { escapeUnsafe } from './text';

/** One thing wrong with a runbook. `path` is like `canary.steps[1].weight`; empty for the whole file. */
export type RunbookProblem = { path: string; message: string; line?: number };

/** A runbook that cannot be used, carrying every problem found (not just the first). */
export class RunbookError extends Error {
  readonly source: string;
  readonly problems: RunbookProblem[];

  constructor(
    source: string,
    problems: RunbookProblem[],
    /** A wave file is checked the same way and its problems told the same way. */
    readonly kind: 'runbook' | 'wave' = 'runbook',
  ) {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    super([`${kind} ${source} is not valid (${count}):`, ...problems.map((p) => formatProblem(source, p))].join('\n'));
    this.name = 'RunbookError';
    this.source = source;
    this.problems = problems;
  }
}

/** `<file>:<line> <path>: <message>`, leaving out whichever of line and path is unknown. */
export function formatProblem(source: string, problem: RunbookProblem): string {
  const where = problem.line === undefined ? source : `${source}:${problem.line}`;
  return problem.path ? `${where} ${problem.path}: ${problem.message}` : `${where}: ${problem.message}`;
}

export type PathSegment = string | number;

const IDENTIFIER = /^[A-Za-z_$][\w$-]*$/;

/** ['canary', 'steps', 1, 'weight'] → 'canary.steps[1].weight' (odd keys quoted: `hooks["a b"]`). */
export function formatPath(segments: readonly PathSegment[]): string {
  let text = '';
  for (const segment of segments) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (IDENTIFIER.test(segment)) text += text ? `.${segment}` : segment;
    // Escaped: a key may hold characters a terminal would obey.
    else text += `[${JSON.stringify(escapeUnsafe(segment, { oneLine: true }))}]`;
  }
  return text;
}

/** The inverse of formatPath, so a problem's path can be looked up in the YAML for its line. */
export function parsePath(path: string): PathSegment[] {
  const segments: PathSegment[] = [];
  for (const [, key, index, quoted] of path.matchAll(/([^.[\]]+)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/g)) {
    if (key !== undefined) segments.push(key);
    else if (index !== undefined) segments.push(Number(index));
    else segments.push(JSON.parse(quoted!) as string);
  }
  return segments;
}

/** The candidate `word` is most likely a typo of, if any: "bak" → "bake". */
export function closestName(word: string, candidates: readonly string[]): string | undefined {
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (!best || distance < best.distance) best = { candidate, distance };
  }
  // About one typo per three letters: "bak" → "bake", "treshold" → "threshold", but "name" is not "gate".
  return best && best.distance <= Math.max(1, Math.floor(word.length / 3)) ? best.candidate : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** A problem at `<path>.name` for every entry whose name an earlier entry already has. */
export function duplicateNames(
  entries: { name: string; path: string }[],
  message: (name: string, firstPath: string) => string,
): RunbookProblem[] {
  const first = new Map<string, string>();
  const problems: RunbookProblem[] = [];
  for (const { name, path } of entries) {
    const earlier = first.get(name);
    if (earlier === undefined) first.set(name, path);
    else problems.push({ path: `${path}.name`, message: message(name, earlier) });
  }
  return problems;
}
