/**
 * The console's OpenID Connect client, through openid-client: discovery from the issuer URL, the
 * authorization code flow with PKCE, state and nonce, the ID token checked by the library, and the
 * claims read from the ID token and the userinfo endpoint. The tokens are used here and dropped:
 * only the person (issuer, subject, name, principal) leaves this file.
 */
import { DEFAULT_PRINCIPAL_CLAIM, personOf, redirectUri, type SignInProvider } from './sign-in';

export interface OpenIdOptions {
  issuer: string;
  clientId: string;
  clientSecret: string;
  publicUrl: string;
  principalClaim?: string;
}

/** An http issuer is accepted on this machine only (a provider started for a test or a trial). */
function loopbackHttp(url: URL): boolean {
  return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}

export async function openIdProvider(options: OpenIdOptions): Promise<SignInProvider> {
  // openid-client is an ES module: Node 20 requires it, and only this command loads it.
  const client = require('openid-client') as typeof import('openid-client');
  const issuerUrl = new URL(options.issuer);
  const config = await client.discovery(issuerUrl, options.clientId, undefined, client.ClientSecretBasic(options.clientSecret), {
    execute: loopbackHttp(issuerUrl) ? [client.allowInsecureRequests] : [],
  });
  const issuer = config.serverMetadata().issuer;
  const principalClaim = options.principalClaim ?? DEFAULT_PRINCIPAL_CLAIM;
  return {
    issuer,
    async start() {
      const checks = { state: client.randomState(), nonce: client.randomNonce(), codeVerifier: client.randomPKCECodeVerifier() };
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri(options.publicUrl),
        scope: 'openid profile',
        state: checks.state,
        nonce: checks.nonce,
        code_challenge: await client.calculatePKCECodeChallenge(checks.codeVerifier),
        code_challenge_method: 'S256',
      });
      return { url, checks };
    },
    async finish(callback, checks) {
      const tokens = await client.authorizationCodeGrant(config, callback, {
        expectedState: checks.state,
        expectedNonce: checks.nonce,
        pkceCodeVerifier: checks.codeVerifier,
        idTokenExpected: true,
      });
      const idClaims = tokens.claims()!;
      // Many providers release profile claims only at userinfo; the ID token's subject must match.
      const userInfo = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub);
      return personOf({ ...userInfo, ...idClaims }, issuer, principalClaim);
    },
  };
}
