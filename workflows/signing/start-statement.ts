/**
 * The statement a starter signs with `cutover start`: bound to the cutover's id, the runbook it runs
 * (by digest), who starts it and a short expiry. The first run's id is not known before the start, so
 * it cannot be bound; a statement replayed within its expiry could only start the same runbook under
 * the same id, which Temporal refuses while that cutover runs.
 *
 * A start that adopts the weights DNS reads (`--adopt-weights`: continue a half-done cutover) says so
 * in a last line under a v2 header, so that choice carries the starter's signature too; a start
 * without it is exactly v1, and statements signed before the choice existed still verify.
 */
import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex } from '@noble/hashes/utils';
import { canonicalJson, readFieldLines, requireUtcTimes, StatementFormatError } from './statement';

const HEADER = 'cutover-start v1';
const ADOPTING_HEADER = 'cutover-start v2';
const ADOPT_LINE = 'adopt-weights: true';

export interface StartStatement {
  cutoverId: string;
  /** `sha256:` and the hex digest of the validated runbook as canonical JSON (`runbookDigest`). */
  runbook: string;
  by: string;
  /** ISO 8601 UTC, milliseconds: when the starter signed. */
  signedAt: string;
  /** ISO 8601 UTC, milliseconds: the statement is not verified after this moment. */
  expiresAt: string;
  /** The starter chose to continue from the weights DNS reads; absent or false for an ordinary start. */
  adoptWeights?: boolean;
}

const FIELDS: Array<[keyof StartStatement, string]> = [
  ['cutoverId', 'cutover'],
  ['runbook', 'runbook'],
  ['by', 'by'],
  ['signedAt', 'signed'],
  ['expiresAt', 'expires'],
];

/** The digest a start statement binds: what the workflow receives is what was signed, key order aside. */
export function runbookDigest(runbook: unknown): string {
  return `sha256:${bytesToHex(sha256(new TextEncoder().encode(canonicalJson(runbook))))}`;
}

export function startStatementText(statement: StartStatement): string {
  const lines = FIELDS.map(([field, key]) => `${key}: ${JSON.stringify(statement[field])}`).join('\n');
  return statement.adoptWeights ? `${ADOPTING_HEADER}\n${lines}\n${ADOPT_LINE}\n` : `${HEADER}\n${lines}\n`;
}

/** Reads a start statement back; only the canonical form is accepted. */
export function parseStartStatement(text: string): StartStatement {
  const lines = text.split('\n');
  if (lines[0] !== HEADER && lines[0] !== ADOPTING_HEADER) throw new StatementFormatError(`a start statement starts with "${HEADER}" or "${ADOPTING_HEADER}"`);
  const values = readFieldLines(lines, FIELDS);
  if (lines[0] === ADOPTING_HEADER) {
    if (lines[FIELDS.length + 1] !== ADOPT_LINE) throw new StatementFormatError(`line ${FIELDS.length + 2} of a v2 start statement must be "${ADOPT_LINE}"`);
    values.adoptWeights = true;
  }
  const statement = values as unknown as StartStatement;
  for (const field of ['cutoverId', 'runbook', 'by'] as const) {
    if (typeof statement[field] !== 'string') throw new StatementFormatError(`the statement's ${field} must be a string`);
  }
  requireUtcTimes(statement, ['signedAt', 'expiresAt']);
  if (startStatementText(statement) !== text) throw new StatementFormatError('the statement is not in its canonical form (extra lines, spacing or escapes)');
  return statement;
}
