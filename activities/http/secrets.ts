/**
 * Secrets reach a request only here: a header whose value is read from an environment variable on
 * the worker. Their values are kept so that whatever a receiver echoes back (an error body quoting
 * the token it refused) can be cleaned of them before it goes into a message.
 */
import { ApplicationFailure } from '@temporalio/common';
import { scrub } from '../errors';

export interface ResolvedHeaders {
  headers: Record<string, string>;
  /** The values read from the environment, to be kept out of every message. */
  secrets: string[];
}

/**
 * Plain headers as written, secret ones read from the environment. Errors do not say whose headers
 * these are: the activity or preflight check around the call names the hook, channel or metric.
 */
export function resolveHeaders(env: NodeJS.ProcessEnv, plain: Record<string, string> | undefined, secret: Record<string, string> | undefined): ResolvedHeaders {
  const headers: Record<string, string> = { ...plain };
  const secrets: string[] = [];
  for (const [header, variable] of Object.entries(secret ?? {})) {
    headers[header] = readSecret(env, variable, `header ${header}`);
    secrets.push(headers[header]);
  }
  return { headers, secrets };
}

/** The variable's value; a missing or empty variable is a configuration error no retry can fix. */
export function readSecret(env: NodeJS.ProcessEnv, variable: string, what: string): string {
  const value = env[variable];
  if (value === undefined || value === '') {
    throw ApplicationFailure.nonRetryable(
      `${what} is read from environment variable ${variable}, which is not set on the worker: set ${variable} where the worker runs`,
      'MissingSecret',
    );
  }
  // fetch would refuse it with an error that quotes the value.
  if (/[\r\n\0]/.test(value.trim())) {
    throw ApplicationFailure.nonRetryable(`${what}: environment variable ${variable} holds a line break or NUL inside its value: set it to the value alone`, 'SecretInvalid');
  }
  return value;
}

const EXCERPT_LENGTH = 200;

/** A short, single-line piece of a receiver's answer, with every known secret taken out. */
export function excerpt(body: string, secrets: readonly string[]): string {
  const text = scrub(redact(body, secrets).replace(/\s+/g, ' ').trim());
  if (text === '') return '(empty body)';
  return text.length > EXCERPT_LENGTH ? `${text.slice(0, EXCERPT_LENGTH)}…` : text;
}

/** A value and, for "Bearer abc…", the credential alone, longest first so no fragment survives. */
function secretForms(secrets: readonly string[]): string[] {
  const forms = secrets.flatMap((secret) => {
    const credential = secret.split(/\s+/).pop() ?? '';
    return credential.length >= 6 && credential !== secret ? [secret, credential] : [secret];
  });
  return forms.filter((form) => form !== '').sort((a, b) => b.length - a.length);
}

function redact(message: string, secrets: readonly string[]): string {
  return secretForms(secrets).reduce((text, secret) => text.split(secret).join('[redacted]'), message);
}
