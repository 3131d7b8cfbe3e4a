/**
 * Who is acting: `--as`, else CUTOVER_IDENTITY, else `identity` in the config file
 * (CUTOVER_CONFIG, default ~/.config/cutover/config.yaml), else the OS user name. The workflow
 * records this name with every start, approval, rejection, pause, resume and abort, so it must be a
 * plain, visible name (`identityProblem`) wherever it came from.
 */
import { existsSync, readFileSync } from 'node:fs';
import { homedir, userInfo } from 'node:os';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { escapeUnsafe, identityProblem } from '../workflows/runbook/text';
import { UsageError } from './errors';

export interface Identity {
  name: string;
  /** Where the name came from, for messages: "--as", "CUTOVER_IDENTITY", the config file, "OS user". */
  source: string;
}

export interface IdentitySources {
  flag?: string;
  env: Record<string, string | undefined>;
  readFile?: (file: string) => string | undefined;
  osUser?: () => string | undefined;
}

export function configPath(env: Record<string, string | undefined>): string {
  return env.CUTOVER_CONFIG ?? path.join(env.XDG_CONFIG_HOME ?? path.join(homedir(), '.config'), 'cutover', 'config.yaml');
}

export function resolveIdentity(sources: IdentitySources): Identity {
  const { env } = sources;
  const file = configPath(env);
  const identity = findIdentity(sources, file);
  // The name goes into the record and onto approvers' terminals: one that hides or fakes characters is refused.
  const problem = identityProblem(identity.name);
  if (problem) {
    const where = identity.source === 'OS user' ? 'the OS user name' : identity.source === file ? `identity in ${file}` : identity.source;
    throw new UsageError(
      `${where} "${escapeUnsafe(identity.name, { oneLine: true })}" ${problem}`,
      identity.source === '--as' ? undefined : 'pass --as <name>, set CUTOVER_IDENTITY, or write "identity: <name>" in ' + file,
    );
  }
  return identity;
}

function findIdentity(sources: IdentitySources, file: string): Identity {
  const { env } = sources;
  const flag = sources.flag?.trim();
  if (sources.flag !== undefined) {
    if (!flag) throw new UsageError('--as is empty: give the name the timeline should record, e.g. --as alice');
    return { name: flag, source: '--as' };
  }
  const fromEnv = env.CUTOVER_IDENTITY?.trim();
  if (fromEnv) return { name: fromEnv, source: 'CUTOVER_IDENTITY' };

  const fromFile = identityInConfig(file, (sources.readFile ?? readIfExists)(file));
  if (fromFile) return { name: fromFile, source: file };

  const osUser = (sources.osUser ?? currentUser)()?.trim();
  if (osUser) return { name: osUser, source: 'OS user' };
  throw new UsageError('no identity: pass --as <name>, set CUTOVER_IDENTITY, or write "identity: <name>" in ' + file);
}

/** The `identity` of a config file's text; undefined when the file is absent or says nothing. */
export function identityInConfig(file: string, text: string | undefined): string | undefined {
  return configField(file, text, 'identity', 'a name, e.g. "identity: alice"');
}

/** The `key` of a config file's text (the private key file decisions are signed with), `~/` expanded. */
export function signingKeyInConfig(file: string, text: string | undefined): string | undefined {
  const key = configField(file, text, 'key', 'a private key file, e.g. "key: ~/.ssh/id_ed25519"');
  return key?.startsWith('~/') ? path.join(homedir(), key.slice(2)) : key;
}

/** The config file's `key`, read from where `configPath` says (undefined without a file or a key). */
export function signingKeyFromConfig(env: Record<string, string | undefined>, readFile: (file: string) => string | undefined = readIfExists): { key: string; file: string } | undefined {
  const file = configPath(env);
  const key = signingKeyInConfig(file, readFile(file));
  return key ? { key, file } : undefined;
}

const CONFIG_FIELDS = ['identity', 'key'];

function configField(file: string, text: string | undefined, field: 'identity' | 'key', expected: string): string | undefined {
  if (text === undefined) return undefined;
  const doc = parseDocument(text);
  if (doc.errors.length > 0) throw new UsageError(`config ${file}: YAML syntax: ${doc.errors[0]!.message.split('\n')[0]}`);
  const data: unknown = doc.toJS();
  if (data === null || data === undefined) return undefined;
  if (typeof data !== 'object' || Array.isArray(data)) throw new UsageError(`config ${file}: expected a map of fields, e.g. "identity: alice"`);
  const fields = data as Record<string, unknown>;
  const unknown = Object.keys(fields).filter((key) => !CONFIG_FIELDS.includes(key));
  if (unknown.length > 0) throw new UsageError(`config ${file}: unknown field${unknown.length > 1 ? 's' : ''} ${unknown.map((key) => `"${key}"`).join(', ')}; allowed here: ${CONFIG_FIELDS.join(', ')}`);
  const value = fields[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || !value.trim()) throw new UsageError(`config ${file}: ${field}: expected ${expected}`);
  return value.trim();
}

function readIfExists(file: string): string | undefined {
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

function currentUser(): string | undefined {
  try {
    return userInfo().username;
  } catch {
    // No passwd entry (some containers): fall back to the environment.
    return process.env.USER ?? process.env.USERNAME;
  }
}

/** "alice (from CUTOVER_IDENTITY)" */
export function describeIdentity(identity: Identity): string {
  return `${identity.name} (from ${identity.source})`;
}
