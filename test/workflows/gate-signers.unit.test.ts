import { gate as gateSchema, type Runbook } from '../../workflows/runbook/schema';
import { keysOf, signerProblems, trustedSigners } from '../../workflows/signing/gate-signers';
import { SshWorkspace } from '../support/ssh';

describe('the keys a signed cutover trusts', () => {
  const ssh = new SshWorkspace();
  const bob = ssh.key('ed25519');
  afterAll(() => ssh.close());
  const runbook = { gates: [gateSchema.parse({ name: 'go-live', approvers: ['bob', 'carol'] })] } as Runbook;
  const loaded = { configured: true, lines: `bob,*@ops.example.com ${bob.publicKey}\n`, others: {} };

  it('lists each key with its principals, type and fingerprint', () => {
    expect(keysOf(trustedSigners(loaded))).toEqual([{ principal: 'bob,*@ops.example.com', keyType: 'ssh-ed25519', fingerprint: bob.fingerprint }]);
  });

  it('asks for --allowed-signers on a worker without a file, unless the runbook has no gates', () => {
    expect(signerProblems(runbook, { configured: false, lines: '', others: {} })[0]).toContain('start the worker with --allowed-signers <file> (or CUTOVER_ALLOWED_SIGNERS=<file>)');
    expect(signerProblems({ ...runbook, gates: [] }, { configured: false, lines: '', others: {} })).toEqual([]);
  });

  it('names the gate and the approver with no key, matching principal patterns as OpenSSH does', () => {
    expect(signerProblems(runbook, loaded)).toEqual([expect.stringContaining('gate "go-live": approver carol has no key')]);
    const patterned = { ...runbook, gates: [gateSchema.parse({ name: 'go-live', approvers: ['bob', 'carol@ops.example.com'] })] };
    expect(signerProblems(patterned, loaded)).toEqual([]);
  });

  it('takes an approver a trusted console vouches for as able to sign, but not when the console has no key', () => {
    const consoleKey = ssh.key('ed25519');
    const vouchers = [{ principal: 'console@ops', issuer: 'https://login.example.com/', subjects: { '00u1carol': 'carol' } }];
    expect(signerProblems(runbook, { ...loaded, consoles: { lines: `console@ops ${consoleKey.publicKey}\n`, vouchers } })).toEqual([]);
    expect(signerProblems(runbook, { ...loaded, consoles: { lines: '', vouchers } })).toEqual([
      expect.stringContaining('gate "go-live": approver carol has no key in the worker\'s allowed signers and no console vouches for them'),
    ]);
  });
});
