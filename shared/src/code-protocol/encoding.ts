/**
 * Byte-level helpers for the Yima code protocol: a fixed-width big-endian
 * reader/writer, UUID <-> 16 bytes, hex, base45 (RFC 9285) and base64url.
 *
 * Everything here is pure TS over Uint8Array so it runs unchanged in Node,
 * Deno, browsers and the WeChat mini-program (which has no TextEncoder in
 * older base libraries, hence the ASCII helpers).
 */

/** Why a code could not be decoded; mapped 1:1 onto verifier reason codes. */
export type DecodeFailure = 'malformed' | 'bad_version';

/** Thrown by the parsers; the verifier turns it into `{ok:false, reason}`. */
export class CodeFormatError extends Error {
  override readonly name = 'CodeFormatError';
  constructor(
    readonly reason: DecodeFailure,
    message: string,
  ) {
    super(message);
  }
}

const malformed = (message: string): CodeFormatError => new CodeFormatError('malformed', message);

const UINT32_MAX = 0xffff_ffff;

/** Append-only big-endian writer. Grows as needed; `finish()` returns a copy-free view. */
export class ByteWriter {
  private buffer: Uint8Array;
  private length = 0;

  constructor(initialCapacity = 256) {
    this.buffer = new Uint8Array(initialCapacity);
  }

  private reserve(extra: number): void {
    if (this.length + extra <= this.buffer.length) return;
    const next = new Uint8Array(Math.max(this.buffer.length * 2, this.length + extra));
    next.set(this.buffer.subarray(0, this.length));
    this.buffer = next;
  }

  u8(value: number): this {
    if (!Number.isInteger(value) || value < 0 || value > 0xff) throw new RangeError(`u8 out of range: ${value}`);
    this.reserve(1);
    this.buffer[this.length++] = value;
    return this;
  }

  u32(value: number): this {
    if (!Number.isInteger(value) || value < 0 || value > UINT32_MAX) throw new RangeError(`u32 out of range: ${value}`);
    this.reserve(4);
    this.buffer[this.length++] = (value >>> 24) & 0xff;
    this.buffer[this.length++] = (value >>> 16) & 0xff;
    this.buffer[this.length++] = (value >>> 8) & 0xff;
    this.buffer[this.length++] = value & 0xff;
    return this;
  }

  bytes(value: Uint8Array, expectedLength?: number): this {
    if (expectedLength !== undefined && value.length !== expectedLength) {
      throw new RangeError(`expected ${expectedLength} bytes, got ${value.length}`);
    }
    this.reserve(value.length);
    this.buffer.set(value, this.length);
    this.length += value.length;
    return this;
  }

  uuid(value: string): this {
    return this.bytes(uuidToBytes(value), 16);
  }

  finish(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }
}

/** Bounds-checked big-endian reader; every overrun is a `malformed` CodeFormatError. */
export class ByteReader {
  private offset = 0;

  constructor(private readonly data: Uint8Array) {}

  get position(): number {
    return this.offset;
  }

  get remaining(): number {
    return this.data.length - this.offset;
  }

  private take(n: number): number {
    if (this.offset + n > this.data.length) throw malformed(`truncated: need ${n} bytes at offset ${this.offset}`);
    const start = this.offset;
    this.offset += n;
    return start;
  }

  u8(): number {
    return this.data[this.take(1)] as number;
  }

  u32(): number {
    const at = this.take(4);
    const d = this.data;
    return (((d[at] as number) << 24) | ((d[at + 1] as number) << 16) | ((d[at + 2] as number) << 8) | (d[at + 3] as number)) >>> 0;
  }

  /** A view (no copy) of the next n bytes. */
  bytes(n: number): Uint8Array {
    const at = this.take(n);
    return this.data.subarray(at, at + n);
  }

  uuid(): string {
    return bytesToUuid(this.bytes(16));
  }

  /** The bytes consumed so far, from `start`. */
  slice(start: number, end = this.offset): Uint8Array {
    return this.data.subarray(start, end);
  }

  expectEnd(): void {
    if (this.remaining !== 0) throw malformed(`${this.remaining} trailing bytes`);
  }
}

// ---------------------------------------------------------------------------
// hex, UUID, ASCII

const HEX = '0123456789abcdef';

export function bytesToHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += HEX[b >> 4]! + HEX[b & 15]!;
  return out;
}

export function hexToBytes(hex: string): Uint8Array {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) throw new TypeError('invalid hex string');
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID_RE.test(value);
}

/** Any RFC 4122 textual UUID (any version) -> its 16 bytes. */
export function uuidToBytes(uuid: string): Uint8Array {
  if (!UUID_RE.test(uuid)) throw new TypeError(`invalid UUID: ${uuid}`);
  return hexToBytes(uuid.replace(/-/g, ''));
}

/** 16 bytes -> lower-case canonical UUID text (how Postgres prints `uuid`). */
export function bytesToUuid(bytes: Uint8Array): string {
  if (bytes.length !== 16) throw new TypeError('UUID must be 16 bytes');
  const h = bytesToHex(bytes);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** ASCII-only string -> bytes (domain tags, prefixes). Throws on non-ASCII. */
export function asciiBytes(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0x7f) throw new TypeError('non-ASCII character');
    out[i] = c;
  }
  return out;
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  let total = 0;
  for (const p of parts) total += p.length;
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] as number) ^ (b[i] as number);
  return diff === 0;
}

// ---------------------------------------------------------------------------
// base45 (RFC 9285): the QR alphanumeric alphabet, so a base45 string is
// encoded by the QR in alphanumeric mode at 5.5 bits/char = 8.25 bits/byte.

export const BASE45_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
const BASE45_INDEX: ReadonlyMap<string, number> = new Map([...BASE45_ALPHABET].map((c, i) => [c, i]));

export function base45Encode(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    let n = (bytes[i] as number) * 256 + (bytes[i + 1] as number);
    const c = n % 45;
    n = (n - c) / 45;
    const d = n % 45;
    const e = (n - d) / 45;
    out += BASE45_ALPHABET[c]! + BASE45_ALPHABET[d]! + BASE45_ALPHABET[e]!;
  }
  if (bytes.length % 2 === 1) {
    const n = bytes[bytes.length - 1] as number;
    out += BASE45_ALPHABET[n % 45]! + BASE45_ALPHABET[Math.floor(n / 45)]!;
  }
  return out;
}

/** Strict RFC 9285 decoding: rejects bad characters, bad lengths and overflowing groups. */
export function base45Decode(text: string): Uint8Array {
  if (text.length % 3 === 1) throw malformed('base45 length');
  const out = new Uint8Array(Math.floor(text.length / 3) * 2 + (text.length % 3 === 2 ? 1 : 0));
  const digit = (i: number): number => {
    const v = BASE45_INDEX.get(text[i] as string);
    if (v === undefined) throw malformed(`base45 character at ${i}`);
    return v;
  };
  let o = 0;
  for (let i = 0; i < text.length; i += 3) {
    if (i + 2 < text.length) {
      const n = digit(i) + digit(i + 1) * 45 + digit(i + 2) * 2025;
      if (n > 0xffff) throw malformed('base45 group overflow');
      out[o++] = n >> 8;
      out[o++] = n & 0xff;
    } else {
      const n = digit(i) + digit(i + 1) * 45;
      if (n > 0xff) throw malformed('base45 group overflow');
      out[o++] = n;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// base64url without padding (RFC 4648 §5): used for keys in JSON, not in QR.

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const B64URL_INDEX: ReadonlyMap<string, number> = new Map([...B64URL].map((c, i) => [c, i]));

export function base64urlEncode(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] as number;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += B64URL[(n >> 18) & 63]! + B64URL[(n >> 12) & 63]!;
    if (b !== undefined) out += B64URL[(n >> 6) & 63]!;
    if (c !== undefined) out += B64URL[n & 63]!;
  }
  return out;
}

export function base64urlDecode(text: string): Uint8Array {
  if (text.length % 4 === 1) throw malformed('base64url length');
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    let n = 0;
    const chunk = text.slice(i, i + 4);
    for (let j = 0; j < 4; j++) {
      const ch = chunk[j];
      const v = ch === undefined ? 0 : B64URL_INDEX.get(ch);
      if (v === undefined) throw malformed(`base64url character at ${i + j}`);
      n = (n << 6) | v;
    }
    out[o++] = (n >> 16) & 0xff;
    if (chunk.length > 2) out[o++] = (n >> 8) & 0xff;
    if (chunk.length > 3) out[o++] = n & 0xff;
  }
  return out;
}
