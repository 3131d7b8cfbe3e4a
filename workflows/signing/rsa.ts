/**
 * RSASSA-PKCS1-v1_5 verification (RFC 8017 §8.2.2) for rsa-sha2-256 and rsa-sha2-512, on bigint.
 * Written by hand: the kept pure-JS RSA (micro-rsa-dsa-dh) ships as ES modules only, which this
 * CommonJS project on Node 20 cannot load, and verification is one modular exponentiation and one
 * byte comparison against the encoding the RFC fixes. No private-key operation lives here.
 */
import { sha256, sha512 } from '@noble/hashes/sha2';
import { bytesEqual, concatBytes } from './wire';

export type RsaHash = 'sha256' | 'sha512';

/** The DER DigestInfo prefix for each hash (RFC 8017 §9.2, note 1). */
const DIGEST_INFO: Record<RsaHash, Uint8Array> = {
  sha256: Uint8Array.from([0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20]),
  sha512: Uint8Array.from([0x30, 0x51, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x03, 0x05, 0x00, 0x04, 0x40]),
};

const HASHES: Record<RsaHash, (message: Uint8Array) => Uint8Array> = { sha256, sha512 };

export interface RsaPublicKey {
  e: bigint;
  n: bigint;
}

export function rsaModulusBits(key: RsaPublicKey): number {
  return key.n.toString(2).length;
}

function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  let square = base % modulus;
  for (let rest = exponent; rest > 0n; rest >>= 1n) {
    if (rest & 1n) result = (result * square) % modulus;
    square = (square * square) % modulus;
  }
  return result;
}

function toFixedBytes(value: bigint, length: number): Uint8Array | null {
  const out = new Uint8Array(length);
  let rest = value;
  for (let index = length - 1; index >= 0; index -= 1) {
    out[index] = Number(rest & 0xffn);
    rest >>= 8n;
  }
  return rest === 0n ? out : null;
}

export function rsaPkcs1Verify(key: RsaPublicKey, hash: RsaHash, message: Uint8Array, signature: Uint8Array): boolean {
  const length = Math.ceil(rsaModulusBits(key) / 8);
  // OpenSSH pads a short signature with leading zeros; anything longer than the modulus is invalid.
  if (signature.length > length) return false;
  const s = signature.reduce((value, byte) => (value << 8n) | BigInt(byte), 0n);
  if (s >= key.n) return false;
  const encoded = toFixedBytes(modPow(s, key.e, key.n), length);
  const digestInfo = concatBytes(DIGEST_INFO[hash], HASHES[hash](message));
  const paddingLength = length - digestInfo.length - 3;
  if (!encoded || paddingLength < 8) return false;
  const expected = concatBytes(Uint8Array.from([0x00, 0x01]), new Uint8Array(paddingLength).fill(0xff), Uint8Array.from([0x00]), digestInfo);
  return bytesEqual(encoded, expected);
}
