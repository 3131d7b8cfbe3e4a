import { fingerprint, parsePublicKeyText } from '../../../workflows/signing/public-key';
import { parseSshsig, verifySshsig } from '../../../workflows/signing/sshsig';
import { base64Decode } from '../../../workflows/signing/wire';
import { SshWorkspace, type KeyKind } from '../../support/ssh';

const NAMESPACE = 'test@cutover-orchestrator';
const message = 'cutover orders, gate half-way: approve\n';
const bytes = (text: string) => new TextEncoder().encode(text);

/** The armored signature with one byte of its decoded blob changed, `fromEnd` bytes before the end. */
function flipByte(armored: string, fromEnd: number): string {
  const lines = armored.split('\n');
  const blob = base64Decode(lines.slice(1, -1).join(''), 'signature');
  blob[blob.length - fromEnd] ^= 0x01;
  return [lines[0], Buffer.from(blob).toString('base64'), lines[lines.length - 1]].join('\n');
}

describe('SSHSIG verification against ssh-keygen -Y sign', () => {
  const ssh = new SshWorkspace();
  afterAll(() => ssh.close());

  const kinds: KeyKind[] = ['ed25519', 'ecdsa-256', 'ecdsa-384', 'ecdsa-521', 'rsa-3072'];
  for (const kind of kinds) {
    it(`verifies a ${kind} signature and names the key by OpenSSH's fingerprint`, () => {
      const key = ssh.key(kind);
      const verdict = verifySshsig(ssh.sign(key, NAMESPACE, message), bytes(message), NAMESPACE);
      expect(verdict).toMatchObject({ ok: true, fingerprint: key.fingerprint });
    });
  }

  it('verifies a signature whose message hash is sha256 (ssh-keygen -O hashalg=sha256)', () => {
    const signature = ssh.sign(ssh.key('ed25519'), NAMESPACE, message, ['-O', 'hashalg=sha256']);
    expect(parseSshsig(signature).hashAlgorithm).toBe('sha256');
    expect(verifySshsig(signature, bytes(message), NAMESPACE).ok).toBe(true);
  });

  for (const kind of ['ed25519', 'ecdsa-256', 'rsa-3072'] as KeyKind[]) {
    it(`refuses a ${kind} signature when one byte of the message, the signature or the namespace changes`, () => {
      const signature = ssh.sign(ssh.key(kind), NAMESPACE, message);
      expect(verifySshsig(signature, bytes(message.replace('approve', 'apprové')), NAMESPACE)).toMatchObject({ ok: false, reason: 'bad-signature' });
      expect(verifySshsig(flipByte(signature, 3), bytes(message), NAMESPACE)).toMatchObject({ ok: false });
      expect(verifySshsig(signature, bytes(message), 'git')).toMatchObject({ ok: false, reason: 'wrong-namespace' });
    });
  }

  it('refuses a signature whose embedded namespace was rewritten to the expected one', () => {
    const signature = ssh.sign(ssh.key('ed25519'), 'fileX', message);
    const lines = signature.split('\n');
    const blob = Buffer.from(base64Decode(lines.slice(1, -1).join(''), 'signature'));
    const forged = Buffer.from(blob.toString('latin1').replace('fileX', 'fileY'), 'latin1');
    const armored = [lines[0], forged.toString('base64'), lines[lines.length - 1]].join('\n');
    expect(verifySshsig(armored, bytes(message), 'fileY')).toMatchObject({ ok: false, reason: 'bad-signature' });
  });

  it('refuses text that is not an armored SSHSIG, saying what it expects', () => {
    expect(verifySshsig('approve', bytes(message), NAMESPACE)).toMatchObject({ ok: false, reason: 'malformed', message: expect.stringContaining('BEGIN SSH SIGNATURE') });
  });

  it('refuses RSA keys shorter than 2048 bits, which OpenSSH would still accept', () => {
    const key = ssh.key('rsa-1024');
    expect(verifySshsig(ssh.sign(key, NAMESPACE, message), bytes(message), NAMESPACE)).toMatchObject({ ok: false, reason: 'malformed', message: expect.stringContaining('1024 bits is too short') });
  });

  it('gives every key type the fingerprint ssh-keygen -l prints', () => {
    for (const kind of kinds) {
      const key = ssh.key(kind);
      const [type, base64] = key.publicKey.split(' ');
      expect(fingerprint(parsePublicKeyText(type!, base64!))).toBe(key.fingerprint);
    }
  });
});
