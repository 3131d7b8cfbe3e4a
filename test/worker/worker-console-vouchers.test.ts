/**
 * `cutover worker --console-vouchers`: a bad file, or a console with no key in the allowed signers,
 * stops the worker before it connects, so no gate ever trusts a console the administrator misnamed.
 */
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SshWorkspace } from '../support/ssh';

const BIN = join(__dirname, '..', '..', 'client', 'bin', 'cutover.js');

function worker(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    // An address nothing listens on: the worker must stop before it tries to connect.
    execFile('node', [BIN, 'worker', '--address', '127.0.0.1:1', ...args], { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 60_000 }, (error, _stdout, stderr) =>
      resolve({ code: error ? Number(error.code) : 0, stderr }),
    );
  });
}

describe('cutover worker --console-vouchers', () => {
  const ssh = new SshWorkspace();
  const bob = ssh.key('ed25519');
  afterAll(() => ssh.close());

  it('stops with a usage error naming the bad line, or the console without a key, from the flag or the environment', async () => {
    const signers = join(ssh.dir, 'allowed_signers');
    const vouchers = join(ssh.dir, 'console-vouchers.yaml');
    const clouds = ['--simulated', join(ssh.dir, 'clouds.json'), '--allowed-signers', signers];
    writeFileSync(signers, `bob ${bob.publicKey}\n`);
    writeFileSync(vouchers, 'consoles:\n  - principal: console@ops\n    issuer: ftp://login.example.com/\n    subjects: { "00u1": bob }\n');
    const badLine = await worker([...clouds, '--console-vouchers', vouchers]);
    expect(badLine.code).toBe(2);
    expect(badLine.stderr).toContain(`${vouchers}:3 consoles[0].issuer: the issuer is the OpenID Connect issuer URL`);
    expect(badLine.stderr).not.toContain('cannot reach Temporal');

    writeFileSync(vouchers, 'consoles:\n  - principal: console@ops\n    issuer: https://login.example.com/\n    subjects: { "00u1": bob }\n');
    const noKey = await worker(clouds, { CUTOVER_CONSOLE_VOUCHERS: vouchers });
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).toContain('name console@ops, with no key in the allowed signers');
  });
});
