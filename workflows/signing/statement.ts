/**
 * The statement an approver signs for a gate decision: deterministic bytes binding the cutover, its
 * first run, the gate and the moment it opened, who decides and how, a digest of what the gate showed,
 * and an expiry. One `key: <JSON value>` per line in a fixed order, so a person can read what they
 * signed and `ssh-keygen -Y verify` checks the very same bytes.
 */
import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex } from '@noble/hashes/utils';
import { escapeUnsafe } from '../runbook/text';

/** The SSHSIG namespace of decisions, so a signature made for git or for files can never pass a gate. */
export const DECISION_NAMESPACE = 'cutover-decision@cutover-orchestrator';
const HEADER = 'cutover-decision v1';
/** A statement a console signed on behalf of a signed-in person: v1's lines and one more, `via`. */
const VOUCHED_HEADER = 'cutover-decision v2';

export type Decision = 'approve' | 'reject';

/** What the approver saw when deciding; its digest goes into the statement. */
export interface GateView {
  step: number | null;
  weights: { blue: number; green: number } | null;
  lagSeconds: number | null;
  metrics: Record<string, number | null>;
}

export interface DecisionStatement {
  cutoverId: string;
  firstRunId: string;
  gate: string;
  by: string;
  decision: Decision;
  reason: string | null;
  /** ISO 8601 UTC, milliseconds: when this opening of the gate began. */
  gateOpenedAt: string;
  /** `sha256:` and the hex digest of the gate's view (`gateViewDigest`). */
  shown: string;
  /** ISO 8601 UTC, milliseconds: the statement is refused after this moment. */
  expiresAt: string;
  /**
   * Set when a console signs for a person who signed in through OpenID Connect: the issuer and the
   * subject it vouches for. Absent or null when the person signs with their own key.
   */
  via?: StatementVia | null;
}

export interface StatementVia {
  issuer: string;
  subject: string;
}

const FIELDS: Array<[keyof DecisionStatement, string]> = [
  ['cutoverId', 'cutover'],
  ['firstRunId', 'first-run'],
  ['gate', 'gate'],
  ['by', 'by'],
  ['decision', 'decision'],
  ['reason', 'reason'],
  ['gateOpenedAt', 'gate-opened'],
  ['shown', 'shown'],
  ['expiresAt', 'expires'],
];

/** JSON with keys sorted at every level: the same view always gives the same bytes. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, inner]) => inner !== undefined);
    entries.sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0));
    return `{${entries.map(([key, inner]) => `${JSON.stringify(key)}:${canonicalJson(inner)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function gateViewDigest(view: GateView): string {
  return `sha256:${bytesToHex(sha256(new TextEncoder().encode(canonicalJson(view))))}`;
}

/**
 * Without `via` the text is exactly v1's, so signatures made before consoles existed still verify;
 * with it, the header says v2 and a last line binds the issuer and subject (keys sorted).
 */
export function statementText(statement: DecisionStatement): string {
  const lines = FIELDS.map(([field, key]) => `${key}: ${JSON.stringify(statement[field])}`);
  const via = statement.via ?? null;
  if (via === null) return `${HEADER}\n${lines.join('\n')}\n`;
  return `${VOUCHED_HEADER}\n${lines.join('\n')}\n${viaLine(via)}\n`;
}

/** The last line of a statement a console signed: `via: {"issuer":…,"subject":…}`, keys sorted. */
export function viaLine(via: StatementVia): string {
  return `via: ${canonicalJson({ issuer: via.issuer, subject: via.subject })}`;
}

export function statementBytes(statement: DecisionStatement): Uint8Array {
  return new TextEncoder().encode(statementText(statement));
}

export class StatementFormatError extends Error {
  override readonly name = 'StatementFormatError';
}

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** The `key: <JSON value>` lines after a statement's header, one per field in order. */
export function readFieldLines<T>(lines: string[], fields: Array<[keyof T, string]>): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  fields.forEach(([field, key], index) => {
    const line = lines[index + 1] ?? '';
    if (!line.startsWith(`${key}: `)) throw new StatementFormatError(`line ${index + 2} of the statement must be "${key}: …"`);
    try {
      values[field as string] = JSON.parse(line.slice(key.length + 2));
    } catch {
      throw new StatementFormatError(`line ${index + 2} of the statement holds no JSON value after "${key}: "`);
    }
  });
  return values;
}

/** Refuses a statement whose time fields are not UTC times to the millisecond. */
export function requireUtcTimes<T>(statement: T, fields: Array<keyof T>): void {
  for (const field of fields) {
    const value = statement[field];
    if (typeof value !== 'string' || !ISO_UTC.test(value) || Number.isNaN(Date.parse(value))) {
      throw new StatementFormatError(`the statement's ${String(field)} must be a UTC time like 2026-11-29T23:00:00.000Z`);
    }
  }
}

/** Reads a statement's `via` line back (its canonical form is checked with the whole statement). */
export function parseVia(line: string, number: number): StatementVia {
  if (!line.startsWith('via: ')) throw new StatementFormatError(`line ${number} of a v2 statement must be "via: {…}"`);
  let via: unknown;
  try {
    via = JSON.parse(line.slice('via: '.length));
  } catch {
    throw new StatementFormatError(`line ${number} of the statement holds no JSON value after "via: "`);
  }
  const { issuer, subject } = (via ?? {}) as Partial<StatementVia>;
  if (typeof issuer !== 'string' || typeof subject !== 'string' || !issuer || !subject) {
    throw new StatementFormatError('the statement\'s via must be {"issuer": "…", "subject": "…"}, both non-empty strings');
  }
  return { issuer, subject };
}

/** Reads a statement back; only the canonical form is accepted, so the bytes have one meaning. */
export function parseStatement(text: string): DecisionStatement {
  const lines = text.split('\n');
  if (lines[0] !== HEADER && lines[0] !== VOUCHED_HEADER) throw new StatementFormatError(`a decision statement starts with "${HEADER}" or "${VOUCHED_HEADER}"`);
  const values = readFieldLines(lines, FIELDS);
  if (lines[0] === VOUCHED_HEADER) values.via = parseVia(lines[FIELDS.length + 1] ?? '', FIELDS.length + 2);
  const statement = values as unknown as DecisionStatement;
  const strings: Array<keyof DecisionStatement> = ['cutoverId', 'firstRunId', 'gate', 'by', 'shown'];
  for (const field of strings) if (typeof statement[field] !== 'string') throw new StatementFormatError(`the statement's ${field} must be a string`);
  if (statement.decision !== 'approve' && statement.decision !== 'reject') throw new StatementFormatError('the statement\'s decision must be "approve" or "reject"');
  if (statement.reason !== null && typeof statement.reason !== 'string') throw new StatementFormatError('the statement\'s reason must be a string or null');
  requireUtcTimes(statement, ['gateOpenedAt', 'expiresAt']);
  if (statementText(statement) !== text) throw new StatementFormatError('the statement is not in its canonical form (extra lines, spacing or escapes)');
  return statement;
}

/** The gate a statement is checked against, as the workflow knows it. */
export interface OpenGateFacts {
  cutoverId: string;
  firstRunId: string;
  gate: string;
  /** Epoch milliseconds. */
  openedAt: number;
  shown: string;
}

export interface DecisionRequestFacts {
  by: string;
  decision: Decision;
  reason: string | null;
}

export type StatementRefusalReason =
  | 'another-cutover'
  | 'another-gate'
  | 'earlier-opening'
  | 'another-opening'
  | 'expired'
  | 'shown-mismatch'
  | 'another-signer'
  | 'another-decision';

export interface StatementRefusal {
  reason: StatementRefusalReason;
  message: string;
}

const shown = (text: string) => `"${escapeUnsafe(text, { oneLine: true })}"`;

/**
 * Does the signed statement speak of this gate's current opening, for this request, and is it still
 * fresh at `now` (epoch ms, the workflow's time)? Null when it does.
 */
export function refuseStatement(statement: DecisionStatement, gate: OpenGateFacts, request: DecisionRequestFacts, now: number): StatementRefusal | null {
  if (statement.cutoverId !== gate.cutoverId || statement.firstRunId !== gate.firstRunId) {
    return { reason: 'another-cutover', message: `the statement was signed for cutover ${shown(statement.cutoverId)} (first run ${shown(statement.firstRunId)}), not this one` };
  }
  if (statement.gate !== gate.gate) return { reason: 'another-gate', message: `the statement was signed for gate ${shown(statement.gate)}, not "${gate.gate}"` };
  const openedAt = Date.parse(statement.gateOpenedAt);
  if (openedAt !== gate.openedAt) {
    const when = `the opening at ${statement.gateOpenedAt}, not the current one at ${new Date(gate.openedAt).toISOString()}`;
    return openedAt < gate.openedAt
      ? { reason: 'earlier-opening', message: `the statement was signed for an earlier opening of gate "${gate.gate}" (${when}); sign again` }
      : { reason: 'another-opening', message: `the statement was signed for ${when}` };
  }
  if (statement.shown !== gate.shown) {
    return { reason: 'shown-mismatch', message: `the statement approves a view of gate "${gate.gate}" other than the one it shows now; look at the gate again and sign again` };
  }
  if (statement.by !== request.by) return { reason: 'another-signer', message: `the statement was signed as ${shown(statement.by)}, but the decision claims ${shown(request.by)}` };
  if (statement.decision !== request.decision || statement.reason !== request.reason) {
    return { reason: 'another-decision', message: `the statement says ${statement.decision}${statement.reason === null ? '' : ` (${shown(statement.reason)})`}, which is not the decision sent` };
  }
  if (now > Date.parse(statement.expiresAt)) return { reason: 'expired', message: `the statement expired at ${statement.expiresAt}; sign again` };
  return null;
}
