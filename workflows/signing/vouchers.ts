/**
 * Which consoles may vouch for which people: the worker's console-vouchers file. A console signs
 * decisions with its own SSH key for people who signed in to it through OpenID Connect; this file,
 * beside the allowed signers and never in a runbook, says for which (issuer, subject) pairs a
 * console's principal may speak, and as which approver principal each subject decides.
 *
 * Pure: the worker and `cutover verify` read the YAML, the workflow decides from the entries.
 */
import { z } from 'zod';
import { identityProblem, unsafeCharacter } from '../runbook/text';
import { checkSigner, type AllowedSigner } from './allowed-signers';
import type { DecisionVia } from './proof';
import { fingerprint, type SshPublicKey } from './public-key';
import { DECISION_NAMESPACE, type StatementVia } from './statement';

export interface ConsoleVoucher {
  /** The console's principal, under which its key is listed in the allowed signers. */
  principal: string;
  /** The OpenID Connect issuer the console signs people in with, compared as written. */
  issuer: string;
  /** OIDC subject → the approver principal that subject decides as. */
  subjects: Record<string, string>;
}

const identity = (what: string) =>
  z.string().superRefine((value, context) => {
    const problem = identityProblem(value);
    if (problem) context.addIssue({ code: 'custom', message: `${what} ${problem}` });
  });

const subject = z.string().superRefine((value, context) => {
  if (!value) context.addIssue({ code: 'custom', message: 'an OIDC subject is never empty' });
  else if (value.length > 255) context.addIssue({ code: 'custom', message: 'an OIDC subject is at most 255 characters (OpenID Connect Core 1.0, 2)' });
  else {
    const unsafe = unsafeCharacter(value, { oneLine: true });
    if (unsafe) context.addIssue({ code: 'custom', message: `the OIDC subject contains ${unsafe}; copy the subject ("sub") exactly as the provider gives it` });
  }
});

const issuer = z.string().superRefine((value, context) => {
  let url: URL | null = null;
  try {
    url = new URL(value);
  } catch {
    url = null;
  }
  const local = url !== null && (url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]');
  if (url === null || !(url.protocol === 'https:' || (url.protocol === 'http:' && local)) || url.search || url.hash) {
    context.addIssue({ code: 'custom', message: 'the issuer is the OpenID Connect issuer URL exactly as the provider publishes it, e.g. https://login.example.com/ (http only on localhost)' });
  }
});

export const consoleVouchersSchema = z.strictObject({
  consoles: z
    .array(
      z.strictObject({
        principal: identity('the console principal'),
        issuer,
        subjects: z.record(subject, identity('the approver principal')),
      }),
    )
    .min(1, 'list at least one console, e.g. - principal: console@ops.example.com'),
});

export type ConsoleVouchers = z.output<typeof consoleVouchersSchema>;

/** Two entries for the same console and issuer would leave a subject's principal ambiguous. */
export function voucherProblems(vouchers: ConsoleVouchers): Array<{ path: string; message: string }> {
  const seen = new Map<string, number>();
  return vouchers.consoles.flatMap((entry, index) => {
    const key = JSON.stringify([entry.principal, entry.issuer]);
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, index);
      return [];
    }
    return [{ path: `consoles[${index}]`, message: `console ${entry.principal} with issuer ${entry.issuer} is already listed at consoles[${first}]; merge their subjects into one entry` }];
  });
}

/** The entries that let a console vouch for one of `principals`, with only those subjects: what a gate needs. */
export function vouchersFor(vouchers: ConsoleVoucher[], principals: string[]): ConsoleVoucher[] {
  return vouchers.flatMap((entry) => {
    const subjects = Object.fromEntries(Object.entries(entry.subjects).filter(([, principal]) => principals.includes(principal)));
    return Object.keys(subjects).length > 0 ? [{ principal: entry.principal, issuer: entry.issuer, subjects }] : [];
  });
}

export type VouchRefusalReason = 'unknown-key' | 'key-not-valid' | 'not-a-console' | 'unknown-subject' | 'subject-not-principal';

export type VouchCheck = { ok: true; via: DecisionVia } | { ok: false; reason: VouchRefusalReason; message: string };

/**
 * May `key` (found in `signers`) vouch that the person signed in at `via.issuer` as `via.subject` is
 * `by`, at `at` (epoch ms)? Its principal must be a console in `vouchers` with that issuer, whose
 * subjects map `via.subject` to `by`.
 */
export function checkVouch(signers: AllowedSigner[], vouchers: ConsoleVoucher[], key: SshPublicKey, via: StatementVia, by: string, at: number): VouchCheck {
  const keyName = `${key.type} ${fingerprint(key)}`;
  const consoles: ConsoleVoucher[] = [];
  let invalid: string | null = null;
  for (const entry of vouchers) {
    const signer = checkSigner(signers, entry.principal, key, DECISION_NAMESPACE, at);
    if (signer.ok) consoles.push(entry);
    else if (signer.reason !== 'unknown-key' && signer.reason !== 'other-principal') invalid ??= signer.message;
  }
  if (consoles.length === 0) {
    if (invalid) return { ok: false, reason: 'key-not-valid', message: invalid };
    if (!signers.some((signer) => signer.fingerprint === fingerprint(key))) return { ok: false, reason: 'unknown-key', message: `key ${keyName} is not in the allowed signers` };
    return { ok: false, reason: 'not-a-console', message: `key ${keyName} belongs to no console that may vouch for people: a person signs with their own key, without "via"` };
  }
  const names = [...new Set(consoles.map((entry) => entry.principal))].join(', ');
  const who = `the person signed in at ${JSON.stringify(via.issuer)} as subject ${JSON.stringify(via.subject)}`;
  const mapped = consoles.filter((entry) => entry.issuer === via.issuer && Object.hasOwn(entry.subjects, via.subject));
  if (mapped.length === 0) return { ok: false, reason: 'unknown-subject', message: `console ${names} may not vouch for ${who}: its entries in the console vouchers map that subject, at that issuer, to no approver of this gate` };
  const match = mapped.find((entry) => entry.subjects[via.subject] === by);
  if (!match) {
    const as = [...new Set(mapped.map((entry) => entry.subjects[via.subject]))].join(', ');
    return { ok: false, reason: 'subject-not-principal', message: `console ${names} vouches for ${who} as ${as}, not as ${by}` };
  }
  return { ok: true, via: { console: match.principal, issuer: via.issuer, subject: via.subject } };
}
