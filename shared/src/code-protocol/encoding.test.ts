import { describe, expect, it } from 'vitest';
import {
  ByteReader,
  ByteWriter,
  CodeFormatError,
  base45Decode,
  base45Encode,
  base64urlDecode,
  base64urlEncode,
  bytesToHex,
  bytesToUuid,
  hexToBytes,
  uuidToBytes,
} from './encoding.ts';

const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

describe('base45 (RFC 9285)', () => {
  it.each([
    ['AB', 'BB8'],
    ['Hello!!', '%69 VD92EX0'],
    ['base-45', 'UJCLQE7W581'],
    ['ietf!', 'QED8WEX0'],
  ])('encodes %j as %j and back', (plain, encoded) => {
    expect(base45Encode(ascii(plain))).toBe(encoded);
    expect(base45Decode(encoded)).toEqual(ascii(plain));
  });

  it('round-trips every length 0..300 of random bytes', () => {
    for (let n = 0; n <= 300; n++) {
      const bytes = crypto.getRandomValues(new Uint8Array(n));
      expect(base45Decode(base45Encode(bytes))).toEqual(bytes);
    }
  });

  it.each(['GGW', 'A', 'ABCD', 'ab', 'AB#'])('rejects %j as malformed', (text) => {
    expect(() => base45Decode(text)).toThrow(CodeFormatError);
  });
});

describe('base64url', () => {
  it('matches a known value and round-trips', () => {
    expect(base64urlEncode(ascii('any carnal pleas'))).toBe('YW55IGNhcm5hbCBwbGVhcw');
    for (let n = 0; n <= 70; n++) {
      const bytes = crypto.getRandomValues(new Uint8Array(n));
      expect(base64urlDecode(base64urlEncode(bytes))).toEqual(bytes);
    }
  });
  it('rejects characters outside the URL-safe alphabet', () => {
    expect(() => base64urlDecode('ab+/')).toThrow(CodeFormatError);
  });
});

describe('UUID and hex', () => {
  it('round-trips and lower-cases', () => {
    const id = 'C0FFEE00-1234-4ABC-9DEF-0123456789AB';
    expect(bytesToUuid(uuidToBytes(id))).toBe(id.toLowerCase());
    expect(bytesToHex(uuidToBytes(id))).toBe('c0ffee0012344abc9def0123456789ab');
  });
  it('rejects malformed input', () => {
    expect(() => uuidToBytes('c0ffee00-1234-4abc-9def-0123456789a')).toThrow();
    expect(() => hexToBytes('abc')).toThrow();
    expect(() => hexToBytes('zz')).toThrow();
  });
});

describe('ByteWriter / ByteReader', () => {
  it('writes big-endian fixed-width fields and reads them back', () => {
    const bytes = new ByteWriter(2).u8(0xab).u32(0x01020304).u32(0xffffffff).bytes(new Uint8Array([9, 9])).finish();
    expect(bytesToHex(bytes)).toBe('ab01020304ffffffff0909');
    const r = new ByteReader(bytes);
    expect([r.u8(), r.u32(), r.u32()]).toEqual([0xab, 0x01020304, 0xffffffff]);
    expect(r.bytes(2)).toEqual(new Uint8Array([9, 9]));
    r.expectEnd();
  });
  it('refuses out-of-range values and overruns', () => {
    expect(() => new ByteWriter().u32(2 ** 32)).toThrow(RangeError);
    expect(() => new ByteWriter().u8(-1)).toThrow(RangeError);
    expect(() => new ByteWriter().u32(1.5)).toThrow(RangeError);
    const r = new ByteReader(new Uint8Array(3));
    expect(() => r.u32()).toThrow(CodeFormatError);
    expect(() => new ByteReader(new Uint8Array(1)).expectEnd()).toThrow(/trailing/);
  });
});
