/**
 * SSH public keys (RFC 4253 §6.6, RFC 5656, RFC 8709, and OpenSSH's security keys, PROTOCOL.u2f) as
 * the allowed-signers file and SSHSIG carry them, with OpenSSH's SHA256 fingerprint and the check of
 * a raw signature made by the key.
 */
import { ed25519 } from '@noble/curves/ed25519';
import { p256, p384, p521 } from '@noble/curves/nist';
import { sha256, sha384, sha512 } from '@noble/hashes/sha2';
import { rsaModulusBits, rsaPkcs1Verify, type RsaPublicKey } from './rsa';
import { base64Decode, base64EncodeUnpadded, SshFormatError, WireReader } from './wire';

/** Below this, an RSA key is refused (OpenSSH still accepts 1024 bits; we do not trust them). */
export const RSA_MINIMUM_BITS = 2048;

const ECDSA_CURVES = {
  'ecdsa-sha2-nistp256': { name: 'nistp256', curve: p256, hash: sha256, bytes: 32 },
  'ecdsa-sha2-nistp384': { name: 'nistp384', curve: p384, hash: sha384, bytes: 48 },
  'ecdsa-sha2-nistp521': { name: 'nistp521', curve: p521, hash: sha512, bytes: 66 },
} as const;

type EcdsaType = keyof typeof ECDSA_CURVES;

const SK_ED25519 = 'sk-ssh-ed25519@openssh.com';
const SK_ECDSA = 'sk-ecdsa-sha2-nistp256@openssh.com';

export const KEY_TYPES = ['ssh-ed25519', 'ssh-rsa', ...Object.keys(ECDSA_CURVES), SK_ED25519, SK_ECDSA] as readonly string[];

/** Flags a security key sets in its signature (PROTOCOL.u2f): the person touched it, the key verified them (PIN or biometrics). */
export const SK_USER_PRESENT = 0x01;
export const SK_USER_VERIFIED = 0x04;

export type SshPublicKey =
  | { type: 'ssh-ed25519'; blob: Uint8Array; point: Uint8Array }
  | { type: EcdsaType; blob: Uint8Array; point: Uint8Array }
  | { type: 'ssh-rsa'; blob: Uint8Array; rsa: RsaPublicKey }
  | { type: typeof SK_ED25519 | typeof SK_ECDSA; blob: Uint8Array; point: Uint8Array; application: string };

/** Reads the wire blob of a public key; `what` names it in errors. */
export function parsePublicKeyBlob(blob: Uint8Array, what = 'the public key'): SshPublicKey {
  const reader = new WireReader(blob, what);
  const type = reader.text();
  if (type === 'ssh-ed25519') {
    const point = reader.string();
    reader.end();
    if (point.length !== 32) throw new SshFormatError(`${what}: an ed25519 key has 32 bytes, not ${point.length}`);
    return { type, blob, point };
  }
  if (type in ECDSA_CURVES) {
    const ecdsaType = type as EcdsaType;
    const curveName = reader.text();
    const point = reader.string();
    reader.end();
    if (curveName !== ECDSA_CURVES[ecdsaType].name) throw new SshFormatError(`${what}: key type ${type} names curve ${curveName}`);
    return { type: ecdsaType, blob, point };
  }
  if (type === SK_ED25519 || type === SK_ECDSA) {
    if (type === SK_ECDSA && reader.text() !== 'nistp256') throw new SshFormatError(`${what}: key type ${type} names another curve than nistp256`);
    const point = reader.string();
    const application = reader.text();
    reader.end();
    if (type === SK_ED25519 && point.length !== 32) throw new SshFormatError(`${what}: an ed25519 key has 32 bytes, not ${point.length}`);
    return { type, blob, point, application };
  }
  if (type === 'ssh-rsa') {
    const e = reader.mpint();
    const n = reader.mpint();
    reader.end();
    const rsa = { e, n };
    if (rsaModulusBits(rsa) < RSA_MINIMUM_BITS) {
      throw new SshFormatError(`${what}: an RSA key of ${rsaModulusBits(rsa)} bits is too short; use ed25519, or RSA of at least ${RSA_MINIMUM_BITS} bits`);
    }
    return { type, blob, rsa };
  }
  throw new SshFormatError(`${what}: key type "${type}" is not supported; use one of ${KEY_TYPES.join(', ')}`);
}

/** A key as written in an allowed-signers or .pub file: `<type> <base64>`. */
export function parsePublicKeyText(type: string, base64: string, what = 'the public key'): SshPublicKey {
  const key = parsePublicKeyBlob(base64Decode(base64, what), what);
  if (key.type !== type) throw new SshFormatError(`${what} says "${type}" but its data is a ${key.type} key`);
  return key;
}

/** OpenSSH's fingerprint, as `ssh-keygen -l` prints it: `SHA256:` and unpadded base64. */
export function fingerprint(key: SshPublicKey): string {
  return `SHA256:${base64EncodeUnpadded(sha256(key.blob))}`;
}

function fixedBytes(value: bigint, length: number): Uint8Array | null {
  const hex = value.toString(16).padStart(length * 2, '0');
  if (hex.length > length * 2) return null;
  return Uint8Array.from({ length }, (_, index) => parseInt(hex.slice(index * 2, index * 2 + 2), 16));
}

/** A signature's verdict; a security key's also says what its flags attest (null for other keys). */
export interface RawVerdict {
  valid: boolean;
  skFlags: number | null;
}

function ecdsaVerify(body: Uint8Array, digest: Uint8Array, point: Uint8Array, type: EcdsaType): boolean {
  const { curve, bytes } = ECDSA_CURVES[type];
  const inner = new WireReader(body, 'the ECDSA signature');
  const r = fixedBytes(inner.mpint(), bytes);
  const s = fixedBytes(inner.mpint(), bytes);
  inner.end();
  if (!r || !s) return false;
  const compact = new Uint8Array(bytes * 2);
  compact.set(r, 0);
  compact.set(s, bytes);
  try {
    return curve.verify(compact, digest, point, { prehash: false, lowS: false, format: 'compact' });
  } catch {
    return false;
  }
}

/**
 * A security key signs sha256(application) ‖ flags ‖ counter ‖ sha256(data), and ECDSA hashes that
 * once more (PROTOCOL.u2f, ssh-ed25519-sk.c, ssh-ecdsa-sk.c): the signature carries flags and counter.
 */
function checkSkSignature(key: Extract<SshPublicKey, { application: string }>, algorithm: string, body: Uint8Array, reader: WireReader, data: Uint8Array): RawVerdict {
  const flags = reader.raw(1)[0]!;
  const counter = reader.raw(4);
  reader.end();
  if (algorithm !== key.type) return { valid: false, skFlags: flags };
  const signed = new Uint8Array(32 + 1 + 4 + 32);
  signed.set(sha256(new TextEncoder().encode(key.application)), 0);
  signed[32] = flags;
  signed.set(counter, 33);
  signed.set(sha256(data), 37);
  if (key.type === SK_ED25519) {
    if (body.length !== 64) return { valid: false, skFlags: flags };
    try {
      return { valid: ed25519.verify(body, signed, key.point, { zip215: false }), skFlags: flags };
    } catch {
      return { valid: false, skFlags: flags };
    }
  }
  return { valid: ecdsaVerify(body, sha256(signed), key.point, 'ecdsa-sha2-nistp256'), skFlags: flags };
}

/**
 * Does `signatureBlob` (the SSH signature encoding: algorithm name, then its data) hold a valid
 * signature by `key` over `data`? Refuses SHA-1 RSA ("ssh-rsa") as OpenSSH's SSHSIG does.
 */
export function checkRawSignature(key: SshPublicKey, signatureBlob: Uint8Array, data: Uint8Array): RawVerdict {
  const reader = new WireReader(signatureBlob, 'the signature');
  const algorithm = reader.text();
  const body = reader.string();
  if ('application' in key) return checkSkSignature(key, algorithm, body, reader, data);
  reader.end();
  return { valid: checkPlainSignature(key, algorithm, body, data), skFlags: null };
}

function checkPlainSignature(key: Exclude<SshPublicKey, { application: string }>, algorithm: string, body: Uint8Array, data: Uint8Array): boolean {
  if (key.type === 'ssh-ed25519') {
    if (algorithm !== 'ssh-ed25519' || body.length !== 64) return false;
    try {
      return ed25519.verify(body, data, key.point, { zip215: false });
    } catch {
      return false;
    }
  }
  if (key.type === 'ssh-rsa') {
    if (algorithm === 'rsa-sha2-256') return rsaPkcs1Verify(key.rsa, 'sha256', data, body);
    if (algorithm === 'rsa-sha2-512') return rsaPkcs1Verify(key.rsa, 'sha512', data, body);
    return false;
  }
  if (algorithm !== key.type) return false;
  return ecdsaVerify(body, ECDSA_CURVES[key.type].hash(data), key.point, key.type);
}
