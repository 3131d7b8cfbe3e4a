import { AllowedSignersError, checkSigner, entriesForKey, parseAllowedSigners, principalsForKey } from '../../../workflows/signing/allowed-signers';
import { matchPatternList } from '../../../workflows/signing/pattern';
import { parseSshsig } from '../../../workflows/signing/sshsig';
import { SshWorkspace } from '../../support/ssh';

const NS = 'cutover-decision@cutover-orchestrator';
const AT = Date.UTC(2026, 10, 29, 23, 0);

describe('allowed signers', () => {
  const ssh = new SshWorkspace();
  const bob = ssh.key('ed25519');
  const carol = ssh.key('ecdsa-256');
  const dave = ssh.key('rsa-3072');
  afterAll(() => ssh.close());

  const keyOf = (signature: string) => parseSshsig(signature).publicKey;

  it('reads principals, options, quoted fields and comments as OpenSSH writes them', () => {
    const signers = parseAllowedSigners(
      [
        '# on-call approvers',
        '',
        `bob@example.com ${bob.publicKey} bob's laptop`,
        `"carol@example.com,*@ops.example.com" namespaces="${NS}",valid-after="20260101Z",valid-before="202701011200Z" ${carol.publicKey}`,
        `  dave@example.com VALID-BEFORE="20261231235959Z" ${dave.publicKey}`,
      ].join('\n'),
    );
    expect(signers.map(({ principals, namespaces, validAfter, validBefore, line, fingerprint }) => ({ principals, namespaces, validAfter, validBefore, line, fingerprint }))).toEqual([
      { principals: 'bob@example.com', namespaces: null, validAfter: null, validBefore: null, line: 3, fingerprint: bob.fingerprint },
      { principals: 'carol@example.com,*@ops.example.com', namespaces: NS, validAfter: Date.UTC(2026, 0, 1), validBefore: Date.UTC(2027, 0, 1, 12), line: 4, fingerprint: carol.fingerprint },
      { principals: 'dave@example.com', namespaces: null, validAfter: null, validBefore: Date.UTC(2026, 11, 31, 23, 59, 59), line: 5, fingerprint: dave.fingerprint },
    ]);
  });

  it('names every bad line with its number and what to write instead', () => {
    const text = [
      `bob@example.com ${bob.publicKey}`,
      `carol@example.com cert-authority ${carol.publicKey}`,
      `dave@example.com valid-before="20270101" ${dave.publicKey}`,
      `erin@example.com ssh-ed25519 AAAA!!!`,
      `frank@example.com nonsense="x" ${bob.publicKey}`,
      `gina@example.com namespaces=file ${bob.publicKey}`,
      `hal@example.com ssh-dss AAAA`,
    ].join('\n');
    let error: AllowedSignersError | undefined;
    try {
      parseAllowedSigners(text, '/etc/cutover/allowed_signers');
    } catch (caught) {
      error = caught as AllowedSignersError;
    }
    expect(error).toBeInstanceOf(AllowedSignersError);
    expect(error!.problems.map((problem) => problem.line)).toEqual([2, 3, 4, 5, 6, 7]);
    expect(error!.message).toContain('/etc/cutover/allowed_signers has 6 bad lines');
    expect(error!.problems[0]!.message).toContain('cert-authority is not supported');
    expect(error!.problems[1]!.message).toContain('ending in Z (UTC)');
    expect(error!.problems[2]!.message).toContain('not valid base64');
    expect(error!.problems[3]!.message).toContain('unknown option "nonsense"');
    expect(error!.problems[4]!.message).toContain('namespaces needs a quoted value');
    expect(error!.problems[5]!.message).toContain('is not supported');
  });

  it('tells a mistyped key type from an option', () => {
    expect(() => parseAllowedSigners(`bob@example.com ssh-ed2551 AAAA`)).toThrow(/line 1: "ssh-ed2551" is neither a key type nor an option; the key types are ssh-ed25519, /);
  });

  it('refuses a line hiding control or bidi characters', () => {
    expect(() => parseAllowedSigners(`bob\u202e@example.com ${bob.publicKey}`)).toThrow(/line 1: contains a right-to-left override/);
  });

  it('gives a key to the principals its entries list, and refuses it for anyone else', () => {
    const signers = parseAllowedSigners(`bob@example.com ${bob.publicKey}\ncarol@example.com ${carol.publicKey}`);
    const bobKey = keyOf(ssh.sign(bob, NS, 'x'));
    expect(checkSigner(signers, 'bob@example.com', bobKey, NS, AT)).toMatchObject({ ok: true, entry: { line: 1 } });
    expect(checkSigner(signers, 'carol@example.com', bobKey, NS, AT)).toMatchObject({ ok: false, reason: 'other-principal', principals: ['bob@example.com'] });
    const daveKey = keyOf(ssh.sign(dave, NS, 'x'));
    expect(checkSigner(signers, 'dave@example.com', daveKey, NS, AT)).toMatchObject({ ok: false, reason: 'unknown-key', message: expect.stringContaining(dave.fingerprint) });
  });

  it('finds the same principals for a key as ssh-keygen -Y find-principals', () => {
    const text = `carol@example.com ${carol.publicKey}\nbob@example.com,robert@example.com ${bob.publicKey}\n`;
    const signature = ssh.sign(bob, NS, 'x');
    expect(principalsForKey(parseAllowedSigners(text), keyOf(signature))).toEqual(ssh.opensshFindPrincipals(text, signature));
  });

  it('lists every entry that names a key, also when OpenSSH would stop at the first', () => {
    const text = `bob@example.com ${bob.publicKey}\ncarol@example.com ${carol.publicKey}\nbob-ops@example.com ${bob.publicKey}\n`;
    expect(entriesForKey(parseAllowedSigners(text), keyOf(ssh.sign(bob, NS, 'x'))).map((entry) => entry.line)).toEqual([1, 3]);
  });

  it('matches principal patterns with *, ? and ! as OpenSSH does', () => {
    expect(matchPatternList('bob@ops.example.com', '*@ops.example.com')).toBe(true);
    expect(matchPatternList('bob@example.com', '*@ops.example.com')).toBe(false);
    expect(matchPatternList('bo1@example.com', 'bo?@example.com')).toBe(true);
    expect(matchPatternList('mallory@ops.example.com', '*@ops.example.com,!mallory@*')).toBe(false);
    expect(matchPatternList('bob', 'alice,bob')).toBe(true);
    expect(matchPatternList('Bob', 'bob')).toBe(false);
  });

  it('honours namespaces, valid-after and valid-before, and agrees with ssh-keygen -Y verify', () => {
    const message = 'approve\n';
    const signature = ssh.sign(bob, NS, message);
    const key = keyOf(signature);
    const cases: Array<{ line: string; at: number; verifyTime: string; reason: string | null }> = [
      { line: `bob@example.com namespaces="git,cutover-*" ${bob.publicKey}`, at: AT, verifyTime: '20261129230000Z', reason: null },
      { line: `bob@example.com namespaces="git,file" ${bob.publicKey}`, at: AT, verifyTime: '20261129230000Z', reason: 'namespace' },
      { line: `bob@example.com valid-before="20261129Z" ${bob.publicKey}`, at: AT, verifyTime: '20261129230000Z', reason: 'expired' },
      { line: `bob@example.com valid-after="20261130Z" ${bob.publicKey}`, at: AT, verifyTime: '20261129230000Z', reason: 'not-yet-valid' },
      { line: `bob@example.com valid-after="20261129Z",valid-before="20261130Z" ${bob.publicKey}`, at: AT, verifyTime: '20261129230000Z', reason: null },
    ];
    for (const { line, at, verifyTime, reason } of cases) {
      const verdict = checkSigner(parseAllowedSigners(line), 'bob@example.com', key, NS, at);
      expect(verdict.ok ? null : verdict.reason).toBe(reason);
      expect(ssh.opensshVerifies(`${line}\n`, 'bob@example.com', NS, message, signature, ['-O', `verify-time=${verifyTime}`])).toBe(reason === null);
    }
  });
});
