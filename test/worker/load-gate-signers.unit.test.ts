import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import { signerActivities } from '../../activities/signers';
import { SshWorkspace } from '../support/ssh';

describe('loadGateSigners', () => {
  const ssh = new SshWorkspace();
  const bob = ssh.key('ed25519');
  const carol = ssh.key('ed25519');
  const ops = ssh.key('ecdsa-256');
  const file = join(ssh.dir, 'allowed_signers');
  afterAll(() => ssh.close());

  it("hands over the lines of the gate's principals as written, and only the fingerprints of the others", async () => {
    writeFileSync(file, `# approvers\nbob ${bob.publicKey} bob@laptop\ncarol ${carol.publicKey}\n*@ops.example.com ${ops.publicKey}\n`);
    const loaded = await signerActivities(file).loadGateSigners({ principals: ['bob', 'eve@ops.example.com'] });
    expect(loaded).toEqual({
      configured: true,
      lines: `bob ${bob.publicKey} bob@laptop\n*@ops.example.com ${ops.publicKey}\n`,
      others: { [carol.fingerprint]: ['carol'] },
    });
  });

  it('reads the file again each time, so a rotated key counts from the next gate', async () => {
    const activities = signerActivities(file);
    writeFileSync(file, `bob ${bob.publicKey}\n`);
    expect((await activities.loadGateSigners({ principals: ['bob'] })).lines).toContain(bob.publicKey);
    writeFileSync(file, `bob ${carol.publicKey}\n`);
    expect((await activities.loadGateSigners({ principals: ['bob'] })).lines).toBe(`bob ${carol.publicKey}\n`);
  });

  it('says when the worker has no allowed signers, and retries a file broken mid-edit', async () => {
    expect(await signerActivities(undefined).loadGateSigners({ principals: ['bob'] })).toEqual({ configured: false, lines: '', others: {} });
    writeFileSync(file, `bob ssh-ed25519\n`);
    const error = await signerActivities(file).loadGateSigners({ principals: ['bob'] }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApplicationFailure);
    expect(error).toMatchObject({ type: 'AllowedSignersInvalid', nonRetryable: false, message: expect.stringContaining('line 1:') });
  });

  it("hands over the consoles that vouch for the gate's approvers: their entries, only those subjects, and their keys' lines", async () => {
    const console_ = ssh.key('ed25519');
    const vouchers = join(ssh.dir, 'console-vouchers.yaml');
    writeFileSync(file, `bob ${bob.publicKey}\nconsole@ops ${console_.publicKey}\nidle@ops ${carol.publicKey}\n`);
    writeFileSync(vouchers, 'consoles:\n  - principal: console@ops\n    issuer: https://login.example.com/\n    subjects: { "00u1": bob, "00u3": carol }\n  - principal: idle@ops\n    issuer: https://login.example.com/\n    subjects: { "00u9": carol }\n');
    const loaded = await signerActivities(file, vouchers).loadGateSigners({ principals: ['bob'] });
    expect(loaded).toEqual({
      configured: true,
      lines: `bob ${bob.publicKey}\n`,
      others: { [carol.fingerprint]: ['idle@ops'] },
      consoles: { lines: `console@ops ${console_.publicKey}\n`, vouchers: [{ principal: 'console@ops', issuer: 'https://login.example.com/', subjects: { '00u1': 'bob' } }] },
    });
    writeFileSync(vouchers, 'consoles: [');
    await expect(signerActivities(file, vouchers).loadGateSigners({ principals: ['bob'] })).rejects.toMatchObject({ type: 'ConsoleVouchersInvalid', nonRetryable: false });
  });
});
