/**
 * OpenSSH's allowed-signers file (ssh-keygen(1), ALLOWED SIGNERS; the file git uses to verify signed
 * commits): `principals [options] keytype base64 [comment]` per line. Parsed here without I/O, so the
 * worker reads the file and the workflow decides from the parsed entries.
 *
 * Where OpenSSH would read the system's time zone (a timestamp without `Z`), we refuse: the same file
 * must mean the same thing on every worker and in every replay. `cert-authority` is refused: a
 * certificate is not a key we can list, and trusting a CA is a decision for a later change.
 */
import { escapeUnsafe, unsafeCharacter } from '../runbook/text';
import { matchPatternList } from './pattern';
import { fingerprint, KEY_TYPES, parsePublicKeyText, type SshPublicKey } from './public-key';
import { bytesEqual } from './wire';

export interface AllowedSigner {
  /** The principals pattern-list, as written (e.g. `bob@example.com,*@ops.example.com`). */
  principals: string;
  /** The namespaces pattern-list this key may sign in, or null for any. */
  namespaces: string | null;
  /** Epoch milliseconds; the key is valid at or after this moment. */
  validAfter: number | null;
  /** Epoch milliseconds; the key is valid at or before this moment. */
  validBefore: number | null;
  /** `verify-required`: a security key's signature counts only if the key verified the person (PIN or biometrics). */
  verifyRequired: boolean;
  publicKey: SshPublicKey;
  fingerprint: string;
  line: number;
}

export interface AllowedSignersProblem {
  line: number;
  message: string;
}

export class AllowedSignersError extends Error {
  override readonly name = 'AllowedSignersError';

  constructor(readonly source: string, readonly problems: AllowedSignersProblem[]) {
    super(`${source} has ${problems.length === 1 ? 'a bad line' : `${problems.length} bad lines`}:\n${problems.map((problem) => `  line ${problem.line}: ${problem.message}`).join('\n')}`);
  }
}

/** Splits off the next whitespace-delimited field; double quotes protect spaces, as in OpenSSH. */
function nextField(rest: string): { field: string; rest: string } {
  let inQuotes = false;
  let index = 0;
  for (; index < rest.length; index += 1) {
    const character = rest[index]!;
    if (character === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (character === ' ' || character === '\t')) break;
  }
  if (inQuotes) throw new Error('a double quote is not closed');
  return { field: rest.slice(0, index), rest: rest.slice(index).trimStart() };
}

const TIMESTAMP = /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2})?)?Z$/;

function parseTimestamp(option: string, value: string): number {
  const match = TIMESTAMP.exec(value);
  if (!match) {
    const hint = /^\d{8}(\d{4}(\d{2})?)?$/.test(value) ? ' ending in Z (UTC): a time without a zone would depend on the worker\'s time zone' : '';
    throw new Error(`${option}="${value}" is not a timestamp; write YYYYMMDDZ or YYYYMMDDHHMM[SS]Z${hint}`);
  }
  const [, year, month, day, hour = '0', minute = '0', second = '0'] = match;
  const at = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second));
  if (new Date(at).getUTCDate() !== Number(day) || Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) {
    throw new Error(`${option}="${value}" is not a real date and time`);
  }
  return at;
}

function unquote(option: string, value: string): string {
  if (value.length < 2 || !value.startsWith('"') || !value.endsWith('"')) throw new Error(`${option} needs a quoted value, e.g. ${option}="…"`);
  return value.slice(1, -1);
}

function parseOptions(field: string, entry: Pick<AllowedSigner, 'namespaces' | 'validAfter' | 'validBefore' | 'verifyRequired'>): void {
  for (const option of field.match(/(?:[^,"]|"[^"]*")+/g) ?? []) {
    const equals = option.indexOf('=');
    const name = (equals < 0 ? option : option.slice(0, equals)).toLowerCase();
    const value = equals < 0 ? null : option.slice(equals + 1);
    if (name === 'cert-authority') throw new Error('cert-authority is not supported: list each signer\'s own public key instead');
    if (name === 'no-touch-required') throw new Error('no-touch-required is not supported: a security key\'s signature counts only if someone touched the key');
    if (name === 'verify-required' && value === null) {
      entry.verifyRequired = true;
      continue;
    }
    if (value === null) throw new Error(`"${option}" is neither a key type nor an option; the key types are ${KEY_TYPES.join(', ')} and the options namespaces="…", valid-after="…", valid-before="…" and verify-required`);
    if (name === 'namespaces') entry.namespaces = unquote(name, value);
    else if (name === 'valid-after') entry.validAfter = parseTimestamp(name, unquote(name, value));
    else if (name === 'valid-before') entry.validBefore = parseTimestamp(name, unquote(name, value));
    else throw new Error(`unknown option "${name}"; the options are namespaces="…", valid-after="…", valid-before="…" and verify-required`);
  }
}

function parseLine(text: string, line: number): AllowedSigner {
  const principalsField = nextField(text);
  const principals = principalsField.field.startsWith('"') ? principalsField.field.slice(1, -1) : principalsField.field;
  if (!principals || /[\s"]/.test(principals)) throw new Error('the principals field is empty or badly quoted; write e.g. bob@example.com');
  const entry = { principals, namespaces: null as string | null, validAfter: null as number | null, validBefore: null as number | null, verifyRequired: false };
  let rest = principalsField.rest;
  let { field } = nextField(rest);
  if (!KEY_TYPES.includes(field)) {
    if (/^(sk-|ssh-dss|[a-z0-9-]+-cert-v01@)/.test(field)) throw new Error(`key type "${field}" is not supported; use one of ${KEY_TYPES.join(', ')}`);
    parseOptions(field, entry);
    rest = nextField(rest).rest;
    field = nextField(rest).field;
    if (!field) throw new Error('the public key is missing after the options');
    if (!KEY_TYPES.includes(field)) throw new Error(`key type "${field}" is not supported; use one of ${KEY_TYPES.join(', ')}`);
  }
  const afterType = nextField(rest).rest;
  const base64 = nextField(afterType).field;
  if (!base64) throw new Error(`the ${field} key has no data after its type`);
  const publicKey = parsePublicKeyText(field, base64, `the ${field} key`);
  if (entry.verifyRequired && !('application' in publicKey)) throw new Error('verify-required applies to security keys (sk-…) only: a software key cannot attest that it verified the person');
  if (entry.validAfter !== null && entry.validBefore !== null && entry.validAfter > entry.validBefore) {
    throw new Error('valid-after is later than valid-before: the key would never be valid');
  }
  return { ...entry, publicKey, fingerprint: fingerprint(publicKey), line };
}

/** Parses the file's text; every bad line is named in one AllowedSignersError. */
export function parseAllowedSigners(text: string, source = 'the allowed-signers file'): AllowedSigner[] {
  const signers: AllowedSigner[] = [];
  const problems: AllowedSignersProblem[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = index + 1;
    const trimmed = raw.replace(/\r$/, '').trim();
    if (!trimmed || trimmed.startsWith('#')) return;
    const unsafe = unsafeCharacter(trimmed);
    if (unsafe) {
      problems.push({ line, message: `contains ${unsafe}; write the line in plain text` });
      return;
    }
    try {
      signers.push(parseLine(trimmed, line));
    } catch (error) {
      problems.push({ line, message: (error as Error).message });
    }
  });
  if (problems.length > 0) throw new AllowedSignersError(source, problems);
  return signers;
}

/** Every entry listing this key (any principals, options not applied): "who is this key?". */
export function entriesForKey(signers: AllowedSigner[], key: SshPublicKey): AllowedSigner[] {
  return signers.filter((signer) => bytesEqual(signer.publicKey.blob, key.blob));
}

/** The principal patterns every entry listing this key names, one by one. */
export function principalsForKey(signers: AllowedSigner[], key: SshPublicKey): string[] {
  return entriesForKey(signers, key).flatMap((entry) => entry.principals.split(','));
}

export type SignerCheck =
  | { ok: true; entry: AllowedSigner }
  | { ok: false; reason: 'unknown-key'; message: string }
  | { ok: false; reason: 'other-principal'; message: string; principals: string[] }
  | { ok: false; reason: 'namespace' | 'not-yet-valid' | 'expired' | 'user-not-verified'; message: string };

/**
 * May `key` sign as `principal` in `namespace` at `at` (epoch ms)? The first entry that allows it
 * wins, as in OpenSSH; otherwise the refusal of the most specific entry that named the key.
 * `userVerified`: the signature's security key attested that it verified the person.
 */
export function checkSigner(signers: AllowedSigner[], principal: string, key: SshPublicKey, namespace: string, at: number, userVerified = false): SignerCheck {
  const entries = entriesForKey(signers, key);
  const who = escapeUnsafe(principal, { oneLine: true });
  const keyName = `${key.type} ${fingerprint(key)}`;
  if (entries.length === 0) return { ok: false, reason: 'unknown-key', message: `key ${keyName} is not in the allowed signers` };
  const forPrincipal = entries.filter((entry) => matchPatternList(principal, entry.principals));
  if (forPrincipal.length === 0) {
    const principals = entries.map((entry) => entry.principals);
    return { ok: false, reason: 'other-principal', principals, message: `key ${keyName} is listed for ${principals.join('; ')}, not for ${who}` };
  }
  let refusal: SignerCheck | null = null;
  for (const entry of forPrincipal) {
    if (entry.namespaces !== null && !matchPatternList(namespace, entry.namespaces)) {
      refusal ??= { ok: false, reason: 'namespace', message: `key ${keyName} (line ${entry.line}) may sign only in namespaces ${entry.namespaces}, not ${escapeUnsafe(namespace, { oneLine: true })}` };
    } else if (entry.validAfter !== null && at < entry.validAfter) {
      refusal ??= { ok: false, reason: 'not-yet-valid', message: `key ${keyName} (line ${entry.line}) is valid only from ${new Date(entry.validAfter).toISOString()}` };
    } else if (entry.validBefore !== null && at > entry.validBefore) {
      refusal ??= { ok: false, reason: 'expired', message: `key ${keyName} (line ${entry.line}) was valid only until ${new Date(entry.validBefore).toISOString()}` };
    } else if (entry.verifyRequired && !userVerified) {
      refusal ??= { ok: false, reason: 'user-not-verified', message: `key ${keyName} (line ${entry.line}) is verify-required, but the security key did not attest that it verified the person (PIN or biometrics)` };
    } else {
      return { ok: true, entry };
    }
  }
  return refusal!;
}
