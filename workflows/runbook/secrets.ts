/**
 * Secrets kept out of the runbook wherever one could be pasted: a runbook is the workflow's input and
 * lands in history, status and reports. A URL with credentials, a secret header written as a plain
 * header, or a token where the name of an environment variable belongs is refused, and the message
 * never repeats what was written (it may be the secret itself).
 */
import { z } from 'zod';
import { LIMITS } from './limits';
import { escapeUnsafe, unsafeCharacter } from './text';

const ROTATE = 'and rotate it if it was real: it has been written in a file';

/** Query parameters that carry credentials: API keys, OAuth tokens and codes, signed-URL signatures. */
const SECRET_PARAMETERS = new Set([
  'token', 'access_token', 'id_token', 'refresh_token', 'auth', 'auth_token', 'sig', 'signature',
  'x-amz-signature', 'x-amz-credential', 'x-amz-security-token', 'x-goog-signature', 'api_key', 'apikey',
  'api-key', 'key', 'password', 'passwd', 'pass', 'secret', 'client_secret', 'code',
]);

/** Why `url` may not be written in a runbook, or null. */
export function urlSecretProblem(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.username || parsed.password) {
    return `carries credentials before "@" (user:password@host); remove them and send them as a secret header (secretHeaders: { Authorization: VARIABLE }) ${ROTATE}`;
  }
  for (const key of parsed.searchParams.keys()) {
    if (SECRET_PARAMETERS.has(key.toLowerCase())) {
      return `carries a credential in its query parameter "${key}"; remove it and send it as a secret header (secretHeaders: { Authorization: VARIABLE }) ${ROTATE}`;
    }
  }
  return null;
}

/** An http(s) URL without credentials: a local server in rehearsal, the provider's own endpoint when absent. */
export const url = z
  .url({ protocol: /^https?$/, error: 'expected an http:// or https:// URL' })
  // Its own message: the URL's error would otherwise stand for every check on it.
  .max(LIMITS.urlLength, { error: (issue) => `is ${String(issue.input).length} characters long; shorten it to at most ${LIMITS.urlLength}` })
  .check((ctx) => {
    const unsafe = unsafeCharacter(ctx.value, { oneLine: true });
    const problem = unsafe ? `contains ${unsafe}; remove it` : urlSecretProblem(ctx.value);
    if (problem) ctx.issues.push({ code: 'custom', input: ctx.value, message: problem });
  });

const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key', 'api-key', 'x-auth-token']);
const SECRET_HEADER_WORDS = /token|secret|passw|key|auth|cookie|session|credential|signature/i;

/** Whether a header of this name carries a secret, and so belongs in secretHeaders. */
export function isSecretHeader(name: string): boolean {
  return SECRET_HEADERS.has(name.toLowerCase()) || SECRET_HEADER_WORDS.test(name);
}

/** A value with a credential's shape: a scheme with a token, or a known token prefix. */
const SECRET_VALUE = /^(?:bearer|basic|token|digest)\s+\S/i;

/** Known prefixes of API tokens and keys: GitHub, GitLab, Slack, OpenAI/Stripe, AWS access keys, JWTs, Google. */
const TOKEN_PREFIXES: [RegExp, string][] = [
  [/^(?:ghp|gho|ghu|ghs|ghr)_/, 'a GitHub token'],
  [/^github_pat_/, 'a GitHub token'],
  [/^glpat-/, 'a GitLab token'],
  [/^xox[abposr]-/, 'a Slack token'],
  [/^xapp-/, 'a Slack token'],
  [/^(?:sk|rk|pk)_(?:live|test)_/, 'a Stripe key'],
  [/^sk-/, 'an API key'],
  [/^(?:AKIA|ASIA)[A-Z0-9]{12,}/, 'an AWS access key'],
  [/^eyJ[A-Za-z0-9_-]{8,}/, 'a JSON Web Token'],
  [/^AIza[0-9A-Za-z_-]{20,}/, 'a Google API key'],
];

/** What kind of secret `value` looks like, or null. */
export function looksLikeSecret(value: string): string | null {
  for (const [prefix, kind] of TOKEN_PREFIXES) if (prefix.test(value)) return kind;
  if (SECRET_VALUE.test(value)) return 'a credential';
  // Environment variable names are words joined by "_"; a long run of mixed letters and digits is a key.
  if (!/^[A-Za-z0-9_-]+$/.test(value)) return null;
  const random = value.split(/[_-]/).some((part) => /\d/.test(part) && /[A-Za-z]/.test(part) && (part.length >= 20 || (part.length >= 12 && /\d.*\d.*\d/.test(part) && /[a-z]/.test(part) && /[A-Z]/.test(part))));
  return random ? 'a random key' : null;
}

/** The name of an environment variable on the worker: never its value. */
export const envVar = z.string().check((ctx) => {
  const value = ctx.value;
  const secret = looksLikeSecret(value);
  let problem: string | null = null;
  if (secret) problem = `looks like ${secret}, not the name of an environment variable: write the name of the variable the worker reads it from (e.g. FREEZE_API_TOKEN) ${ROTATE}`;
  else if (value.length > 128 || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(value)) {
    problem = 'write the name of an environment variable on the worker (e.g. FREEZE_API_TOKEN), not its value';
  }
  if (problem) ctx.issues.push({ code: 'custom', input: value, message: problem });
});

const headerName = z
  .string()
  .max(LIMITS.headerNameLength)
  .regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, 'a header name is letters, digits and "-" (e.g. X-Request-Source)');

function headerCount(ctx: z.core.ParsePayload<Record<string, string>>) {
  const count = Object.keys(ctx.value).length;
  if (count > LIMITS.list.headers) {
    ctx.issues.push({ code: 'custom', input: ctx.value, message: `${count} headers; list at most ${LIMITS.list.headers}` });
  }
}

/** Header name → environment variable holding its value, read by the worker and never logged. */
export const secretHeaders = z.record(headerName, envVar).check(headerCount).optional();

/** Headers that are not secret, written as they are; a secret one is refused and pointed at secretHeaders. */
export const plainHeaders = z
  .record(
    headerName,
    z
      .string()
      .max(LIMITS.headerValueLength)
      .check((ctx) => {
        const unsafe = unsafeCharacter(ctx.value, { oneLine: true });
        const secret = unsafe ? null : looksLikeSecret(ctx.value);
        if (unsafe) ctx.issues.push({ code: 'custom', input: ctx.value, message: `contains ${unsafe}; remove it` });
        else if (secret) {
          ctx.issues.push({ code: 'custom', input: ctx.value, message: `looks like ${secret}: move this header to secretHeaders, naming the environment variable that holds it, ${ROTATE}` });
        }
      }),
  )
  .check(headerCount)
  .check((ctx) => {
    for (const key of Object.keys(ctx.value)) {
      if (!isSecretHeader(key)) continue;
      const header = escapeUnsafe(key, { oneLine: true });
      ctx.issues.push({
        code: 'custom',
        input: ctx.value,
        path: [key],
        message: `"${header}" carries a secret: move it to secretHeaders ({ ${header}: VARIABLE }, naming the environment variable on the worker that holds the value) ${ROTATE}`,
      });
    }
  })
  .optional();
