/**
 * Reads a runbook file into the workflow's input, or fails with every problem at once, each with the
 * line it is on: an operator fixing a runbook at night should not discover the problems one run at a
 * time. Order of checks: YAML syntax, then the schema, then the semantic checks (which need a valid
 * shape to mean anything).
 */
import { readFileSync, statSync } from 'node:fs';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type YAMLError } from 'yaml';
import { z } from 'zod';
import { runbookSchema, type Runbook } from '../../workflows/runbook/schema';
import { closestName, formatPath, parsePath, RunbookError, type PathSegment, type RunbookProblem } from '../../workflows/runbook/problems';
import { semanticProblems } from '../../workflows/runbook/semantic';
import { inputSizeProblem, LIMITS } from '../../workflows/runbook/limits';
import { escapeUnsafe } from '../../workflows/runbook/text';
import { decodeRunbook } from './encoding';

/** A failed validation also carries the RunbookError to throw or print, its message naming `source`. */
export type RunbookValidation =
  | { ok: true; runbook: Runbook }
  | { ok: false; problems: RunbookProblem[]; error: RunbookError };

/** The runbook in `text`, or a RunbookError listing every problem; `source` names the file in messages. */
export function parseRunbook(text: string, source = '<runbook>'): Runbook {
  const result = validateRunbookText(text, source);
  if (!result.ok) throw result.error;
  return result.runbook;
}

/** Reads and parses a runbook file; an unreadable file is a RunbookError like any other problem. */
export function loadRunbook(file: string): Runbook {
  let bytes: Buffer;
  try {
    // Sized before it is read: a runbook path pointing at a log or an image must not be read whole.
    const size = statSync(file).size;
    if (size > LIMITS.fileBytes) throw new RunbookError(file, [fileSizeProblem(size)]);
    bytes = readFileSync(file);
  } catch (error) {
    if (error instanceof RunbookError) throw error;
    throw new RunbookError(file, [{ path: '', message: unreadableMessage(error) }]);
  }
  const decoded = decodeRunbook(bytes);
  if ('problem' in decoded) throw new RunbookError(file, [decoded.problem]);
  return parseRunbook(decoded.text, file);
}

export function fileSizeProblem(bytes: number): RunbookProblem {
  const kib = Math.ceil(bytes / 1024);
  return { path: '', message: `the file is ${kib} KiB; a runbook may be at most 1 MiB (1024 KiB): is this the runbook file? split a long one into smaller cutovers` };
}

/** Like parseRunbook, for callers that show problems themselves (validate, an editor integration). */
export function validateRunbookText(text: string, source = '<runbook>'): RunbookValidation {
  const found = findProblems(text);
  if ('runbook' in found) return { ok: true, runbook: found.runbook };
  return { ok: false, problems: found.problems, error: new RunbookError(source, found.problems) };
}

function findProblems(text: string): { runbook: Runbook } | { problems: RunbookProblem[] } {
  const found = findYamlProblems(text, runbookSchema, {
    semantic: semanticProblems,
    empty: 'the file is empty; start from examples/orders-cutover.yaml',
  });
  if ('problems' in found) return found;
  const tooLarge = inputSizeProblem(found.value);
  if (tooLarge) return { problems: [tooLarge] };
  return { runbook: found.value };
}

/**
 * Every problem of a YAML file against `schema`, each with its line: syntax first, then the schema,
 * then the semantic checks (which need a valid shape to mean anything). Shared by runbooks and waves.
 */
export function findYamlProblems<S extends z.ZodType>(
  text: string,
  schema: S,
  checks: { semantic: (value: z.output<S>) => RunbookProblem[]; empty: string },
): { value: z.output<S> } | { problems: RunbookProblem[] } {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > LIMITS.fileBytes) return { problems: [fileSizeProblem(bytes)] };
  const lineCounter = new LineCounter();
  // merge: `<<: *defaults` is how operators share settings between metrics in other YAML they write.
  const doc = parseDocument(text, { lineCounter, merge: true });
  const lineAt = (path: PathSegment[]) => lineOf(doc, lineCounter, path);

  // A document with syntax errors has an uncertain shape: schema problems found in it would mislead.
  if (doc.errors.length > 0) return { problems: syntaxProblems(doc.errors) };
  if (doc.contents === null) return { problems: [{ path: '', line: 1, message: checks.empty }] };
  let data: unknown;
  try {
    data = doc.toJS();
  } catch (error) {
    return { problems: [{ path: '', message: yamlMessage((error as Error).message) }] };
  }

  const parsed = schema.safeParse(data, { error: humanMessage, reportInput: true });
  if (!parsed.success) {
    const problems = parsed.error.issues.flatMap((issue) => issueProblems(issue, schema));
    return { problems: inFileOrder(problems.map(({ path, message }) => ({ path: formatPath(path), message, line: lineAt(path) }))) };
  }
  const semantic = checks.semantic(parsed.data);
  if (semantic.length > 0) {
    return { problems: inFileOrder(semantic.map((problem) => ({ ...problem, line: problem.line ?? lineAt(parsePath(problem.path)) }))) };
  }
  return { value: parsed.data };
}

export function unreadableMessage(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file; check the path (examples/orders-cutover.yaml shows what a runbook looks like)';
  if (code === 'EISDIR') return 'is a directory; give the path of a runbook .yaml file';
  return `cannot read the file: ${(error as Error).message}`;
}

/** The first error on each line: yaml's follow-on errors for one typo only add noise. */
function syntaxProblems(errors: YAMLError[]): RunbookProblem[] {
  const byLine = new Map<number | undefined, RunbookProblem>();
  for (const error of errors) {
    const line = error.linePos?.[0].line;
    const problem = { path: '', line, message: yamlMessage(error.message) };
    // Past too deep a nesting the parser only reports the brackets it never saw closed.
    if (problem.message === TOO_DEEP) return [problem];
    if (!byLine.has(line)) byLine.set(line, problem);
  }
  return [...byLine.values()];
}

const TOO_DEEP = 'YAML: the file nests lists or maps too deeply to read; a runbook is a few levels deep: look for unclosed [ or {';

/** yaml's messages, written for programmers, in an operator's words. */
const OPERATOR_WORDS: [RegExp, string][] = [
  [/multiple documents/, 'YAML: the file holds more than one document (a line "---" after the first): put one runbook in a file, each in its own file'],
  [/Maximum call stack size exceeded/, TOO_DEEP],
  [/alias count|resource exhaustion/i, 'YAML: the file uses aliases (*name) too many times over; write the repeated values out or use fewer aliases'],
];

/** yaml's messages end with " at line 3, column 1:" and a code frame; the line is reported separately. */
function yamlMessage(message: string): string {
  for (const [pattern, words] of OPERATOR_WORDS) if (pattern.test(message)) return words;
  return `YAML syntax: ${message.replace(/ at line \d+, column \d+:[\s\S]*$/, '')}`;
}

/** Problems in file order, so they read top to bottom next to the file. */
function inFileOrder(problems: RunbookProblem[]): RunbookProblem[] {
  return [...problems].sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity));
}

/**
 * The line of the deepest node on `path` that exists in the document: a missing field points at the
 * map that should hold it. Map entries point at their key, which is where the reader looks.
 */
function lineOf(doc: Document, counter: LineCounter, path: PathSegment[]): number | undefined {
  let node: unknown = doc.contents;
  let offset = (doc.contents as { range?: [number] } | null)?.range?.[0];
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
      if (!pair) break;
      offset = isScalar(pair.key) ? pair.key.range?.[0] : offset;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number' && segment < node.items.length) {
      node = node.items[segment];
      offset = (node as { range?: [number] } | null)?.range?.[0] ?? offset;
    } else {
      break;
    }
  }
  return offset === undefined ? undefined : counter.linePos(offset).line;
}

type PathProblem = { path: PathSegment[]; message: string };

/** One zod issue as problems: one per unknown key, and a union reduced to the branch that applies. */
function issueProblems(issue: z.core.$ZodIssue, schema: z.ZodType): PathProblem[] {
  const path = issue.path.map((segment) => (typeof segment === 'number' ? segment : String(segment)));
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => ({ path: [...path, key], message: unknownFieldMessage(key, path, schema) }));
    case 'invalid_union': {
      // A discriminated union whose discriminator (already on the path) matched no member.
      if (issue.errors.length === 0) return [{ path, message: issue.message }];
      // A threshold is a number or a string: when the input was a string, only the string branch's
      // complaint ("not a threshold: write ...") is worth showing.
      const relevant = issue.errors.filter((branch) => !branch.every((inner) => inner.code === 'invalid_type' && inner.path.length === 0));
      if (relevant.length === 1) {
        return relevant[0]!.flatMap((inner) => issueProblems({ ...inner, path: [...issue.path, ...inner.path] }, schema));
      }
      const expected = issue.errors.flatMap((branch) => branch.flatMap((inner) => (inner.code === 'invalid_type' ? [EXPECTED[inner.expected] ?? inner.expected] : [])));
      return [{ path, message: `expected ${expected.join(' or ')}, got ${describe(issue.input)}` }];
    }
    case 'invalid_type':
      if (issue.input === undefined) return [{ path, message: `required but missing; ${issue.message}` }];
      // Schema-level messages ("expected a duration ...") do not say what was found.
      return [{ path, message: issue.message.includes(', got ') ? issue.message : `${issue.message}, got ${describe(issue.input)}` }];
    case 'invalid_key':
      // A map's key (a header name) that is not allowed: said of the key, at the key's path.
      return issue.issues.map((inner) => ({ path, message: `the name ${inner.message}` }));
    case 'invalid_format':
      return [{ path, message: `${describe(issue.input)} is not allowed here: ${issue.message}` }];
    default:
      return [{ path, message: issue.message }];
  }
}

/** Allowed fields are listed when there are few enough to read; a close one is suggested first. */
function unknownFieldMessage(key: string, objectPath: PathSegment[], schema: z.ZodType): string {
  const allowed = fieldsAt(schema, objectPath);
  const written = escapeUnsafe(key.length > 40 ? `${key.slice(0, 37)}...` : key, { oneLine: true });
  if (!allowed) return `unknown field "${written}"; remove it`;
  const closest = closestName(key, allowed);
  const guess = closest === undefined ? '' : ` (did you mean "${closest}"?)`;
  const list = allowed.length <= 10 ? `; allowed here: ${allowed.join(', ')}` : '; remove it or fix its spelling';
  return `unknown field "${written}"${guess}${list}`;
}

/** The field names of the object schema at `path`, looking through optional, default and transforms. */
function fieldsAt(schema: z.ZodType, path: PathSegment[]): string[] | undefined {
  let current: unknown = schema;
  for (let i = 0; ; i++) {
    while (current instanceof z.ZodOptional || current instanceof z.ZodDefault || current instanceof z.ZodPipe) {
      current = current instanceof z.ZodPipe ? current.in : current.unwrap();
    }
    const segment = path[i];
    if (segment === undefined) break;
    if (typeof segment === 'number' && current instanceof z.ZodArray) current = current.element;
    else if (typeof segment === 'string' && current instanceof z.ZodObject) current = current.shape[segment];
    else return undefined;
  }
  return current instanceof z.ZodObject ? Object.keys(current.shape) : undefined;
}

const EXPECTED: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a map of fields',
};

/** zod's default messages ("Invalid input: expected number, received string") rewritten for operators. */
const humanMessage: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined
        ? `expected ${EXPECTED[issue.expected] ?? issue.expected}`
        : `expected ${EXPECTED[issue.expected] ?? issue.expected}, got ${describe(issue.input)}`;
    case 'invalid_value': {
      const allowed = issue.values.map((value) => JSON.stringify(value));
      const expected = allowed.length === 1 ? allowed[0] : `one of ${allowed.join(', ')}`;
      return `expected ${expected}, got ${describe(issue.input)}`;
    }
    case 'too_small':
      if (issue.origin === 'array') return `list at least ${issue.minimum} item${issue.minimum === 1 ? '' : 's'}`;
      if (issue.origin === 'string') return 'must not be empty';
      return `must be ${issue.inclusive ? 'at least' : 'above'} ${issue.minimum}, got ${describe(issue.input)}`;
    case 'too_big':
      if (issue.origin === 'array') return `${lengthOf(issue.input)} items; list at most ${issue.maximum}`;
      if (issue.origin === 'string') return `is ${lengthOf(issue.input)} characters long; shorten it to at most ${issue.maximum}`;
      return `must be ${issue.inclusive ? 'at most' : 'below'} ${issue.maximum}, got ${describe(issue.input)}`;
    default:
      return undefined;
  }
};

function lengthOf(value: unknown): number | string {
  return typeof value === 'string' || Array.isArray(value) ? value.length : 'too many';
}

/**
 * What was written, for a message: short, escaped so a terminal shows it rather than obeys it, and
 * with a URL's credentials and query left out, since they may be the secret itself.
 */
function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map of fields';
  if (typeof value === 'string') {
    const redacted = value.replace(/\/\/[^/@\s]*@/, '//…@').replace(/\?.*$/s, '?…');
    const short = redacted.length > 40 ? `${redacted.slice(0, 37)}...` : redacted;
    return `"${escapeUnsafe(short, { oneLine: true }).replace(/"/g, '\\"')}"`;
  }
  return String(value);
}
