/**
 * Security keys (sk-ssh-ed25519@openssh.com, sk-ecdsa-sha2-nistp256@openssh.com) sign through the
 * agent with flags and a counter over an application-hashed message (PROTOCOL.u2f). No hardware
 * here: signatures are built from software keys following the format byte for byte, and checked
 * against stock `ssh-keygen -Y verify` as well.
 */
import { ed25519 } from '@noble/curves/ed25519';
import { p256 } from '@noble/curves/nist';
import { sha256 } from '@noble/hashes/sha2';
import { checkSigner, parseAllowedSigners } from '../../../workflows/signing/allowed-signers';
import { signedData, verifySshsig } from '../../../workflows/signing/sshsig';
import { concatBytes, wireString } from '../../../workflows/signing/wire';
import { SshWorkspace } from '../../support/ssh';

const NAMESPACE = 'cutover-decision@cutover-orchestrator';
const message = new TextEncoder().encode('cutover-start v1\nby: "olivia"\n');
const UP = 0x01;
const UV = 0x04;

function mpint(value: bigint): Uint8Array {
  let hex = value.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  if (parseInt(hex.slice(0, 2), 16) & 0x80) hex = `00${hex}`;
  return wireString(Uint8Array.from(hex.match(/../g)!.map((byte) => parseInt(byte, 16))));
}

const u32 = (value: number) => Uint8Array.of(value >>> 24, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff);
const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

interface SoftSecurityKey {
  type: string;
  blob: Uint8Array;
  /** The allowed-signers form: `<type> <base64>`. */
  line: string;
  sign(data: Uint8Array, flags: number, counter: number): Uint8Array;
}

function securityKey(kind: 'ed25519' | 'ecdsa', application = 'ssh:'): SoftSecurityKey {
  const appHash = sha256(new TextEncoder().encode(application));
  const signedBy = (data: Uint8Array, flags: number, counter: number) => concatBytes(appHash, Uint8Array.of(flags), u32(counter), sha256(data));
  if (kind === 'ed25519') {
    const secret = ed25519.utils.randomPrivateKey();
    const type = 'sk-ssh-ed25519@openssh.com';
    const blob = concatBytes(wireString(type), wireString(ed25519.getPublicKey(secret)), wireString(application));
    return { type, blob, line: `${type} ${base64(blob)}`, sign: (data, flags, counter) => concatBytes(wireString(type), wireString(ed25519.sign(signedBy(data, flags, counter), secret)), Uint8Array.of(flags), u32(counter)) };
  }
  const secret = p256.utils.randomPrivateKey();
  const type = 'sk-ecdsa-sha2-nistp256@openssh.com';
  const blob = concatBytes(wireString(type), wireString('nistp256'), wireString(p256.getPublicKey(secret, false)), wireString(application));
  return {
    type,
    blob,
    line: `${type} ${base64(blob)}`,
    sign: (data, flags, counter) => {
      const signature = p256.sign(sha256(signedBy(data, flags, counter)), secret, { prehash: false });
      return concatBytes(wireString(type), wireString(concatBytes(mpint(signature.r), mpint(signature.s))), Uint8Array.of(flags), u32(counter));
    },
  };
}

/** An armored SSHSIG, as `ssh-keygen -Y sign` writes it with a security key. */
function sshsig(key: SoftSecurityKey, flags: number, counter = 7): string {
  const signature = key.sign(signedData(NAMESPACE, 'sha512', message), flags, counter);
  const blob = concatBytes(new TextEncoder().encode('SSHSIG'), u32(1), wireString(key.blob), wireString(NAMESPACE), wireString(new Uint8Array(0)), wireString('sha512'), wireString(signature));
  return `-----BEGIN SSH SIGNATURE-----\n${base64(blob).match(/.{1,70}/g)!.join('\n')}\n-----END SSH SIGNATURE-----`;
}

describe.each(['ed25519', 'ecdsa'] as const)('a %s security key', (kind) => {
  const ssh = new SshWorkspace();
  const key = securityKey(kind);
  afterAll(() => ssh.close());

  it('verifies a signature the key made with a touch, as ssh-keygen -Y verify does', () => {
    const armored = sshsig(key, UP);
    const verdict = verifySshsig(armored, message, NAMESPACE);
    expect(verdict).toMatchObject({ ok: true, userVerified: false });
    expect(verdict.ok && verdict.publicKey.type).toBe(key.type);
    expect(ssh.opensshVerifies(`olivia ${key.line}\n`, 'olivia', NAMESPACE, message, armored)).toBe(true);
  });

  it('refuses a signature whose flags do not attest a touch (user presence), which ssh-keygen -Y verify lets pass', () => {
    const armored = sshsig(key, 0);
    expect(verifySshsig(armored, message, NAMESPACE)).toEqual({ ok: false, reason: 'bad-signature', message: expect.stringContaining('does not attest that anyone touched the key (user presence)') });
    // Stricter than OpenSSH 9.2's -Y verify, which checks the signature but not the flags: sshd would refuse it.
    expect(ssh.opensshVerifies(`olivia ${key.line}\n`, 'olivia', NAMESPACE, message, armored)).toBe(true);
  });

  it('refuses a signature whose flags or counter were changed after signing', () => {
    const armored = sshsig(key, UP, 7);
    const blob = Buffer.from(armored.split('\n').slice(1, -1).join(''), 'base64');
    blob[blob.length - 1] ^= 1;
    const changed = `-----BEGIN SSH SIGNATURE-----\n${blob.toString('base64')}\n-----END SSH SIGNATURE-----`;
    expect(verifySshsig(changed, message, NAMESPACE)).toMatchObject({ ok: false, reason: 'bad-signature' });
  });

  it('honours verify-required in the allowed signers: a touch alone is refused, a verified person passes', () => {
    const signers = parseAllowedSigners(`olivia verify-required ${key.line}\n`);
    const touched = verifySshsig(sshsig(key, UP), message, NAMESPACE);
    const verified = verifySshsig(sshsig(key, UP | UV), message, NAMESPACE);
    if (!touched.ok || !verified.ok) throw new Error('both signatures verify');
    expect(verified.userVerified).toBe(true);
    expect(checkSigner(signers, 'olivia', touched.publicKey, NAMESPACE, 0, touched.userVerified)).toMatchObject({ ok: false, reason: 'user-not-verified' });
    expect(checkSigner(signers, 'olivia', verified.publicKey, NAMESPACE, 0, verified.userVerified)).toMatchObject({ ok: true });
  });
});

describe('security keys in the allowed signers', () => {
  it('refuses no-touch-required, and verify-required on a key that is not a security key', () => {
    const sk = securityKey('ed25519');
    expect(() => parseAllowedSigners(`olivia no-touch-required ${sk.line}\n`)).toThrow('no-touch-required is not supported');
    const plain = `ssh-ed25519 ${base64(concatBytes(wireString('ssh-ed25519'), wireString(new Uint8Array(32).fill(1))))}`;
    expect(() => parseAllowedSigners(`olivia verify-required ${plain}\n`)).toThrow('verify-required applies to security keys (sk-…) only');
  });
});
