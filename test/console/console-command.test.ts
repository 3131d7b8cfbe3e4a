import { CliProcess, cutover, describeResult } from '../client/cli/support';

describe('cutover console', () => {
  it('serves the console on a free loopback port, read-only, and stops cleanly on SIGINT', async () => {
    const console_ = new CliProcess(['console', '--port', '0']);
    try {
      await console_.waitFor(/console at http:\/\/127\.0\.0\.1:\d+\//, 60_000);
      const url = /console at (http:\/\/127\.0\.0\.1:\d+)\//.exec(console_.stdout)![1];
      expect(console_.stdout).toContain('(read-only: sign-in is not configured)');

      const answer = await fetch(`${url}/api/cutovers?limit=1`);
      expect(answer.status).toBe(200);
      expect(Array.isArray(await answer.json())).toBe(true);
    } finally {
      await expect(console_.stop('SIGINT')).resolves.toBe(0);
    }
  });

  it('refuses a port that is not one, before connecting to anything', async () => {
    const result = await cutover(['console', '--port', 'eighty']);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('expected a port number from 0 to 65535');
    expect(describeResult(result)).not.toMatch(/at .*\.ts:\d+/);
  });

  it('refuses sign-in with the client secret missing from the environment, naming it, before connecting to anything', async () => {
    const result = await cutover(['console', '--oidc-issuer', 'https://login.example.com/', '--oidc-client-id', 'cutover-console', '--public-url', 'https://cutover.example.com', '--signing-key', '/nonexistent/key']);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('CUTOVER_CONSOLE_OIDC_CLIENT_SECRET is not set: put the client secret in the environment (never on the command line)');
    expect(describeResult(result)).not.toMatch(/at .*\.ts:\d+/);
  });
});
