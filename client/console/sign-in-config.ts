/**
 * The console's sign-in settings from its flags and environment, checked before anything starts:
 * all of them or none (none: read-only). The client secret comes from the environment only, so it
 * never sits in a shell history or a process list.
 */
import { DEFAULT_PRINCIPAL_CLAIM } from './sign-in';

export const SECRET_VARIABLE = 'CUTOVER_CONSOLE_OIDC_CLIENT_SECRET';

export interface SignInFlags {
  oidcIssuer?: string;
  oidcClientId?: string;
  publicUrl?: string;
  principalClaim?: string;
  signingKey?: string;
}

export interface SignInConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  publicUrl: string;
  principalClaim: string;
  signingKey: string;
}

const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '[::1]'];

function httpUrl(flag: string, value: string, problems: string[]): void {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    problems.push(`${flag} "${value}" is not a URL: write it in full, e.g. https://login.example.com/`);
    return;
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK_HOSTS.includes(url.hostname))) {
    problems.push(`${flag} ${value}: use https (plain http only on 127.0.0.1 or localhost, for a trial)`);
  }
}

/** The config, null when sign-in is not asked for, or the problems (each naming its flag). */
export function signInConfigOf(flags: SignInFlags, env: NodeJS.ProcessEnv): { config: SignInConfig | null } | { problems: string[] } {
  const asked = flags.oidcIssuer !== undefined || flags.oidcClientId !== undefined;
  if (!asked) {
    const stray = (['publicUrl', 'signingKey'] as const).filter((flag) => flags[flag] !== undefined);
    return stray.length ? { problems: [`--public-url and --signing-key are for sign-in: add --oidc-issuer and --oidc-client-id, or leave them out for a read-only console`] } : { config: null };
  }
  const problems: string[] = [];
  if (!flags.oidcIssuer) problems.push('--oidc-issuer is missing: the provider\'s issuer URL, e.g. https://login.microsoftonline.com/<tenant>/v2.0');
  else httpUrl('--oidc-issuer', flags.oidcIssuer, problems);
  if (!flags.oidcClientId) problems.push('--oidc-client-id is missing: the client id the provider gave the console');
  const clientSecret = env[SECRET_VARIABLE];
  if (!clientSecret) problems.push(`${SECRET_VARIABLE} is not set: put the client secret in the environment (never on the command line)`);
  if (!flags.publicUrl) problems.push('--public-url is missing: where people open the console, e.g. https://cutover.example.com (the provider sends them back to <public-url>/auth/callback)');
  else httpUrl('--public-url', flags.publicUrl, problems);
  if (!flags.signingKey) problems.push('--signing-key is missing: the console\'s own SSH key, which signs the decisions made here');
  if (problems.length) return { problems };
  return {
    config: {
      issuer: flags.oidcIssuer!,
      clientId: flags.oidcClientId!,
      clientSecret: clientSecret!,
      publicUrl: flags.publicUrl!.replace(/\/+$/, ''),
      principalClaim: flags.principalClaim ?? DEFAULT_PRINCIPAL_CLAIM,
      signingKey: flags.signingKey!,
    },
  };
}
