/**
 * The statement a person signs for pause, resume and abort: bound to the cutover, its first run, the
 * action, who and why, and short-lived. These are recorded as verified or not and never blocked for
 * want of a signature (stopping must stay easy), so a statement replayed within its expiry proves no
 * more than that the same person asked the same thing of the same cutover.
 */
import { parseVia, StatementFormatError, viaLine, type StatementVia } from './statement';

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

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export function controlStatementText(statement: ControlStatement): string {
  const lines = FIELDS.map(([field, key]) => `${key}: ${JSON.stringify(statement[field])}`).join('\n');
  const via = statement.via ?? null;
  return via === null ? `${HEADER}\n${lines}\n` : `${VOUCHED_HEADER}\n${lines}\n${viaLine(via)}\n`;
}

/** Reads a control statement back; only the canonical form is accepted. */
export function parseControlStatement(text: string): ControlStatement {
  const lines = text.split('\n');
  if (lines[0] !== HEADER && lines[0] !== VOUCHED_HEADER) throw new StatementFormatError(`a control statement starts with "${HEADER}" or "${VOUCHED_HEADER}"`);
  const values: Record<string, unknown> = {};
  FIELDS.forEach(([field, key], index) => {
    const line = lines[index + 1] ?? '';
    if (!line.startsWith(`${key}: `)) throw new StatementFormatError(`line ${index + 2} of the statement must be "${key}: …"`);
    try {
      values[field] = JSON.parse(line.slice(key.length + 2));
    } catch {
      throw new StatementFormatError(`line ${index + 2} of the statement holds no JSON value after "${key}: "`);
    }
  });
  if (lines[0] === VOUCHED_HEADER) values.via = parseVia(lines[FIELDS.length + 1] ?? '', FIELDS.length + 2);
  const statement = values as unknown as ControlStatement;
  for (const field of ['cutoverId', 'firstRunId', 'by'] as const) {
    if (typeof statement[field] !== 'string') throw new StatementFormatError(`the statement's ${field} must be a string`);
  }
  if (!['pause', 'resume', 'abort'].includes(statement.action)) throw new StatementFormatError('the statement\'s action must be "pause", "resume" or "abort"');
  if (statement.reason !== null && typeof statement.reason !== 'string') throw new StatementFormatError('the statement\'s reason must be a string or null');
  for (const field of ['signedAt', 'expiresAt'] as const) {
    if (typeof statement[field] !== 'string' || !ISO_UTC.test(statement[field]) || Number.isNaN(Date.parse(statement[field]))) {
      throw new StatementFormatError(`the statement's ${field} must be a UTC time like 2026-11-29T23:00:00.000Z`);
    }
  }
  if (controlStatementText(statement) !== text) throw new StatementFormatError('the statement is not in its canonical form (extra lines, spacing or escapes)');
  return statement;
}
