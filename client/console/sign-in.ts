/**
 * Sign-in through OpenID Connect, as the console's routes see it: a provider that sends a person to
 * its login page and, on their return, says who they are. The person the console keeps is made
 * here, from the provider's claims, by a pure function; `openid.ts` talks to the provider.
 */
import { identityProblem, escapeUnsafe } from '../../workflows/runbook/text';
import type { Person } from './sessions';

export const DEFAULT_PRINCIPAL_CLAIM = 'preferred_username';

/** What a sign-in must bring back: the provider checks its return against these. */
export interface LoginChecks {
  state: string;
  nonce: string;
  codeVerifier: string;
}

export interface SignInProvider {
  issuer: string;
  /** The provider's login page for a new sign-in, with the checks its return must pass. */
  start(): Promise<{ url: URL; checks: LoginChecks }>;
  /** The person, once the provider has answered `callback` (the redirect URI with its query). */
  finish(callback: URL, checks: LoginChecks): Promise<Person>;
}

/** The provider said who someone is, but not in a way the console can decide for. */
export class SignInRefusedError extends Error {
  override readonly name = 'SignInRefusedError';
}

export type Claims = Record<string, unknown>;

/**
 * The person the claims describe. `principal` is the claim the worker's vouchers map subjects to
 * approvers by name; the console shows and signs it, and the worker alone decides what it may do.
 */
export function personOf(claims: Claims, issuer: string, principalClaim: string): Person {
  const subject = claims.sub;
  if (typeof subject !== 'string' || subject === '') throw new SignInRefusedError('the provider named no subject (sub) for this sign-in');
  const principal = claims[principalClaim];
  if (typeof principal !== 'string' || principal === '') {
    throw new SignInRefusedError(`the provider sent no "${principalClaim}" claim for this person: ask its administrator to release it, or start the console with another --principal-claim`);
  }
  const problem = identityProblem(principal);
  if (problem) throw new SignInRefusedError(`the "${principalClaim}" claim "${escapeUnsafe(principal, { oneLine: true })}" is not a principal: ${problem}`);
  const name = typeof claims.name === 'string' && claims.name.trim() !== '' ? escapeUnsafe(claims.name.trim(), { oneLine: true }).slice(0, 100) : principal;
  return { issuer, subject, name, principal };
}

/** Where the provider sends the person back: `<public url>/auth/callback`. */
export function redirectUri(publicUrl: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/auth/callback`;
}
