/**
 * `cutover worker --allowed-signers`: a bad file stops the worker before it connects, naming each
 * bad line, so no cutover ever runs against keys that were misread.
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

describe('cutover worker --allowed-signers', () => {
  const ssh = new SshWorkspace();
  const bob = ssh.key('ed25519');
  afterAll(() => ssh.close());

  it('stops with a usage error naming each bad line of the file, from the flag or the environment', async () => {
    const file = join(ssh.dir, 'allowed_signers');
    writeFileSync(file, `bob ${bob.publicKey}\ncarol ssh-ed25519\n`);
    const fromFlag = await worker(['--simulated', join(ssh.dir, 'clouds.json'), '--allowed-signers', file]);
    expect(fromFlag.code).toBe(2);
    expect(fromFlag.stderr).toContain(`the allowed signers ${file} has a bad line:`);
    expect(fromFlag.stderr).toContain('line 2: the ssh-ed25519 key has no data after its type');
    expect(fromFlag.stderr).not.toContain('cannot reach Temporal');

    const fromEnv = await worker(['--simulated', join(ssh.dir, 'clouds.json')], { CUTOVER_ALLOWED_SIGNERS: file });
    expect(fromEnv.code).toBe(2);
    expect(fromEnv.stderr).toContain('line 2:');
  });
});
