import { generateKeyPairSync, sign } from 'node:crypto';
import { rsaPkcs1Verify, type RsaPublicKey } from '../../../workflows/signing/rsa';

const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const jwk = publicKey.export({ format: 'jwk' });
const toBigint = (base64url: string) => BigInt(`0x${Buffer.from(base64url, 'base64url').toString('hex')}`);
const key: RsaPublicKey = { n: toBigint(jwk.n!), e: toBigint(jwk.e!) };
const message = new TextEncoder().encode('approve gate half-way');

describe('RSASSA-PKCS1-v1_5 verification against OpenSSL signatures', () => {
  for (const hash of ['sha256', 'sha512'] as const) {
    it(`accepts a ${hash} signature and refuses it over another message or with another hash`, () => {
      const signature = new Uint8Array(sign(hash, message, privateKey));
      expect(rsaPkcs1Verify(key, hash, message, signature)).toBe(true);
      expect(rsaPkcs1Verify(key, hash, new TextEncoder().encode('approve gate half-wax'), signature)).toBe(false);
      expect(rsaPkcs1Verify(key, hash === 'sha256' ? 'sha512' : 'sha256', message, signature)).toBe(false);
    });
  }

  it('refuses a signature with one byte changed or longer than the modulus', () => {
    const signature = new Uint8Array(sign('sha256', message, privateKey));
    const changed = signature.slice();
    changed[100] ^= 0x01;
    expect(rsaPkcs1Verify(key, 'sha256', message, changed)).toBe(false);
    expect(rsaPkcs1Verify(key, 'sha256', message, Uint8Array.from([0, ...signature]))).toBe(false);
  });
});
