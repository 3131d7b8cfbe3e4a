/**
 * OpenSSH's SSHSIG signatures (PROTOCOL.sshsig), what `ssh-keygen -Y sign -n <namespace>` writes:
 * read the armored blob and verify it over a message, without I/O or Node's crypto, so that a
 * workflow's update validator can run it deterministically.
 */
import { sha256, sha512 } from '@noble/hashes/sha2';
import { checkRawSignature, fingerprint, parsePublicKeyBlob, SK_USER_PRESENT, SK_USER_VERIFIED, type RawVerdict, type SshPublicKey } from './public-key';
import { escapeUnsafe } from '../runbook/text';
import { base64Decode, concatBytes, SshFormatError, WireReader, wireString } from './wire';

const MAGIC = new TextEncoder().encode('SSHSIG');
const BEGIN = '-----BEGIN SSH SIGNATURE-----';
const END = '-----END SSH SIGNATURE-----';
const HASHES = { sha256, sha512 } as const;

export type SshsigHash = keyof typeof HASHES;

export interface Sshsig {
  publicKey: SshPublicKey;
  namespace: string;
  hashAlgorithm: SshsigHash;
  /** The key-specific signature blob (algorithm name and data). */
  signature: Uint8Array;
}

export function parseSshsig(armored: string): Sshsig {
  const text = armored.trim();
  if (!text.startsWith(BEGIN) || !text.endsWith(END)) {
    throw new SshFormatError(`the signature must be armored, from "${BEGIN}" to "${END}", as ssh-keygen -Y sign writes it`);
  }
  const body = text.slice(BEGIN.length, text.length - END.length).replace(/\s+/g, '');
  const reader = new WireReader(base64Decode(body, 'the signature'), 'the signature');
  const magic = reader.raw(MAGIC.length);
  if (!magic.every((byte, index) => byte === MAGIC[index])) throw new SshFormatError('the signature does not start with SSHSIG');
  const version = reader.uint32();
  if (version !== 1) throw new SshFormatError(`the signature has SSHSIG version ${version}; only version 1 exists`);
  const publicKey = parsePublicKeyBlob(reader.string(), 'the signature\'s public key');
  const namespace = reader.text();
  reader.string(); // reserved
  const hashAlgorithm = reader.text();
  const signature = reader.string();
  reader.end();
  if (!(hashAlgorithm in HASHES)) throw new SshFormatError(`the signature hashes with "${hashAlgorithm}"; SSHSIG allows sha256 or sha512`);
  return { publicKey, namespace, hashAlgorithm: hashAlgorithm as SshsigHash, signature };
}

/** The bytes the key signed: the preamble, namespace, reserved, hash name and the message's hash. */
export function signedData(namespace: string, hashAlgorithm: SshsigHash, message: Uint8Array): Uint8Array {
  return concatBytes(MAGIC, wireString(namespace), wireString(new Uint8Array(0)), wireString(hashAlgorithm), wireString(HASHES[hashAlgorithm](message)));
}

export type SshsigVerdict =
  /** `userVerified`: a security key attested that it verified the person (PIN or biometrics); false for other keys. */
  | { ok: true; publicKey: SshPublicKey; fingerprint: string; userVerified: boolean }
  | { ok: false; reason: 'malformed' | 'wrong-namespace' | 'bad-signature'; message: string };

/** Verifies an armored SSHSIG over `message` for `namespace`; never throws. */
export function verifySshsig(armored: string, message: Uint8Array, namespace: string): SshsigVerdict {
  let parsed: Sshsig;
  try {
    parsed = parseSshsig(armored);
  } catch (error) {
    return { ok: false, reason: 'malformed', message: (error as Error).message };
  }
  if (parsed.namespace !== namespace) {
    return { ok: false, reason: 'wrong-namespace', message: `the signature is for namespace "${escapeUnsafe(parsed.namespace, { oneLine: true })}", not "${namespace}"` };
  }
  let verdict: RawVerdict;
  try {
    verdict = checkRawSignature(parsed.publicKey, parsed.signature, signedData(namespace, parsed.hashAlgorithm, message));
  } catch (error) {
    return { ok: false, reason: 'malformed', message: (error as Error).message };
  }
  const keyName = `${parsed.publicKey.type} ${fingerprint(parsed.publicKey)}`;
  if (!verdict.valid) return { ok: false, reason: 'bad-signature', message: `the signature by ${keyName} does not verify over this statement` };
  // As sshd does unless told "no-touch-required": a security key's signature counts only if someone touched it.
  if (verdict.skFlags !== null && (verdict.skFlags & SK_USER_PRESENT) === 0) {
    return { ok: false, reason: 'bad-signature', message: `the signature by security key ${keyName} does not attest that anyone touched the key (user presence)` };
  }
  return { ok: true, publicKey: parsed.publicKey, fingerprint: fingerprint(parsed.publicKey), userVerified: verdict.skFlags !== null && (verdict.skFlags & SK_USER_VERIFIED) !== 0 };
}
