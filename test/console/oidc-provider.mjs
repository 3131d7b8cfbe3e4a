// A real OpenID Connect provider for the console's tests (the oidc-provider package), on a free
// loopback port: one registered client, and oidc-provider's development login page where any login
// name is accepted as the subject. OIDC_TEST_ACCOUNTS (JSON) gives chosen subjects their claims;
// any other subject's preferred_username is the subject itself. Prints "issuer <url>" when ready.
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

const { OIDC_TEST_CLIENT_ID: clientId, OIDC_TEST_CLIENT_SECRET: clientSecret, OIDC_TEST_REDIRECT_URI: redirectUri } = process.env;
const accounts = JSON.parse(process.env.OIDC_TEST_ACCOUNTS ?? '{}');

const server = createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const provider = new Provider(issuer, {
  clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: [redirectUri], grant_types: ['authorization_code'], response_types: ['code'] }],
  features: { devInteractions: { enabled: true } },
  claims: { openid: ['sub'], profile: ['name', 'preferred_username'] },
  cookies: { keys: ['console-test-only'] },
  findAccount: async (_ctx, sub) => ({
    accountId: sub,
    claims: async () => ({ sub, preferred_username: sub, ...(accounts[sub] ?? {}) }),
  }),
});
server.on('request', provider.callback());
process.stdout.write(`issuer ${issuer}\n`);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
