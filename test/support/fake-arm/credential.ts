/**
 * A TokenCredential for tests: always the same token, valid for an hour, recording the scopes it
 * was asked for. The fake ARM accepts it; nothing talks to Microsoft Entra ID.
 */
import type { AccessToken, TokenCredential } from '@azure/identity';

export interface StaticCredential extends TokenCredential {
  readonly scopes: string[];
}

export function staticCredential(token: string): StaticCredential {
  const scopes: string[] = [];
  return {
    scopes,
    async getToken(requested: string | string[]): Promise<AccessToken> {
      scopes.push(...(Array.isArray(requested) ? requested : [requested]));
      return { token, expiresOnTimestamp: Date.now() + 3_600_000, tokenType: 'Bearer' };
    },
  };
}
