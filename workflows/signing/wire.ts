/**
 * The SSH wire encoding (RFC 4251 §5: uint32, string, mpint) and base64, over plain Uint8Arrays.
 * Written here rather than taken from Node's Buffer because the workflow sandbox has no Buffer, and
 * these few lines are all the signature formats need.
 */

/** A signature or key that cannot be read; the message says which part and why. */
export class SshFormatError extends Error {
  override readonly name = 'SshFormatError';
}

export class WireReader {
  private offset = 0;

  constructor(private readonly bytes: Uint8Array, private readonly what: string) {}

  uint32(): number {
    if (this.offset + 4 > this.bytes.length) throw new SshFormatError(`${this.what} ends before a length field`);
    const view = new DataView(this.bytes.buffer, this.bytes.byteOffset + this.offset, 4);
    this.offset += 4;
    return view.getUint32(0);
  }

  raw(length: number): Uint8Array {
    if (this.offset + length > this.bytes.length) throw new SshFormatError(`${this.what} is shorter than its fields say`);
    const out = this.bytes.subarray(this.offset, this.offset + length);
    this.offset += length;
    return out;
  }

  string(): Uint8Array {
    return this.raw(this.uint32());
  }

  text(): string {
    return new TextDecoder('utf-8', { fatal: true }).decode(this.string());
  }

  /** A non-negative mpint (the only kind keys and signatures carry). */
  mpint(): bigint {
    const bytes = this.string();
    if (bytes.length > 0 && bytes[0]! & 0x80) throw new SshFormatError(`${this.what} holds a negative integer`);
    return bytesToBigint(bytes);
  }

  end(): void {
    if (this.offset !== this.bytes.length) throw new SshFormatError(`${this.what} has ${this.bytes.length - this.offset} unexpected trailing bytes`);
  }
}

export function bytesToBigint(bytes: Uint8Array): bigint {
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  return value;
}

export function wireString(content: Uint8Array | string): Uint8Array {
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  const out = new Uint8Array(4 + bytes.length);
  new DataView(out.buffer).setUint32(0, bytes.length);
  out.set(bytes, 4);
  return out;
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const VALUES = new Map([...ALPHABET].map((character, index) => [character, index]));

export function base64Decode(text: string, what: string): Uint8Array {
  const clean = text.replace(/=+$/, '');
  if (clean.length % 4 === 1 || text.length - clean.length > 2) throw new SshFormatError(`${what} is not valid base64`);
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0;
  let buffered = 0;
  let at = 0;
  for (const character of clean) {
    const value = VALUES.get(character);
    if (value === undefined) throw new SshFormatError(`${what} is not valid base64 (unexpected "${character === '\n' ? '\\n' : character}")`);
    buffered = (buffered << 6) | value;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[at++] = (buffered >> bits) & 0xff;
    }
  }
  return out;
}

/** Base64 without padding, as OpenSSH prints fingerprints. */
export function base64EncodeUnpadded(bytes: Uint8Array): string {
  let out = '';
  for (let index = 0; index < bytes.length; index += 3) {
    const chunk = (bytes[index]! << 16) | ((bytes[index + 1] ?? 0) << 8) | (bytes[index + 2] ?? 0);
    const characters = Math.min(4, Math.ceil(((bytes.length - index) * 8) / 6));
    for (let position = 0; position < characters; position += 1) out += ALPHABET[(chunk >> (18 - 6 * position)) & 63];
  }
  return out;
}

export function bytesEqual(left: Uint8Array, right: Uint8Array): boolean {
  return left.length === right.length && left.every((byte, index) => byte === right[index]);
}
