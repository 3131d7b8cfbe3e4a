/**
 * The statement a person signs for pause, resume and abort: bound to the cutover, its first run, the
 * action, who and why, and short-lived. These are recorded as verified or not and never blocked for
 * want of a signature (stopping must stay easy), so a statement replayed within its expiry proves no
 * more than that the same person asked the same thing of the same cutover.
 */
import { parseVia, readFieldLines, requireUtcTimes, StatementFormatError, viaLine, type StatementVia } from './statement';

const HEADER = 'cutover-control v1';
/** Signed by a console for a signed-in person: v1's lines and `via`, as decision statements have. */
const VOUCHED_HEADER = 'cutover-control v2';

export type ControlAction = 'pause' | 'resume' | 'abort';

export interface ControlStatement {
  cutoverId: string;
  firstRunId: string;
  action: ControlAction;
  by: string;
  reason: string | null;
  /** ISO 8601 UTC, milliseconds: when the person signed. */
  signedAt: string;
  /** ISO 8601 UTC, milliseconds: the statement is not verified after this moment. */
  expiresAt: string;
  /** The issuer and subject a console vouches for; absent or null when the person signs with their own key. */
  via?: StatementVia | null;
}

const FIELDS: Array<[keyof ControlStatement, string]> = [
  ['cutoverId', 'cutover'],
  ['firstRunId', 'first-run'],
  ['action', 'action'],
  ['by', 'by'],
  ['reason', 'reason'],
  ['signedAt', 'signed'],
  ['expiresAt', 'expires'],
];

export function controlStatementText(statement: ControlStatement): string {
  const lines = FIELDS.map(([field, key]) => `${key}: ${JSON.stringify(statement[field])}`).join('\n');
  const via = statement.via ?? null;
  return via === null ? `${HEADER}\n${lines}\n` : `${VOUCHED_HEADER}\n${lines}\n${viaLine(via)}\n`;
}

/** Reads a control statement back; only the canonical form is accepted. */
export function parseControlStatement(text: string): ControlStatement {
  const lines = text.split('\n');
  if (lines[0] !== HEADER && lines[0] !== VOUCHED_HEADER) throw new StatementFormatError(`a control statement starts with "${HEADER}" or "${VOUCHED_HEADER}"`);
  const values = readFieldLines(lines, FIELDS);
  if (lines[0] === VOUCHED_HEADER) values.via = parseVia(lines[FIELDS.length + 1] ?? '', FIELDS.length + 2);
  const statement = values as unknown as ControlStatement;
  for (const field of ['cutoverId', 'firstRunId', 'by'] as const) {
    if (typeof statement[field] !== 'string') throw new StatementFormatError(`the statement's ${field} must be a string`);
  }
  if (!['pause', 'resume', 'abort'].includes(statement.action)) throw new StatementFormatError('the statement\'s action must be "pause", "resume" or "abort"');
  if (statement.reason !== null && typeof statement.reason !== 'string') throw new StatementFormatError('the statement\'s reason must be a string or null');
  requireUtcTimes(statement, ['signedAt', 'expiresAt']);
  if (controlStatementText(statement) !== text) throw new StatementFormatError('the statement is not in its canonical form (extra lines, spacing or escapes)');
  return statement;
}
