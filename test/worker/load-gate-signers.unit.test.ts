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
});
