import { ed25519 } from '@noble/curves/ed25519.js';
import { describe, expect, it } from 'vitest';
import { bytesToHex, hexToBytes } from './encoding.ts';
import {
  createNobleBackend,
  formatKeyId,
  generateKeyPair,
  issuerKeyFromJson,
  issuerKeyToJson,
  keyIdFromPublicKey,
  nobleBackend,
  parseKeyId,
  signEd25519,
} from './keys.ts';

describe('Ed25519 key helpers', () => {
  it('RFC 8032 test 1: seed -> public key -> signature', () => {
    const sk = hexToBytes('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60');
    const kp = generateKeyPair(sk);
    expect(bytesToHex(kp.publicKey)).toBe('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a');
    expect(bytesToHex(signEd25519(new Uint8Array(0), sk))).toBe(
      'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
    );
  });

  it('derives stable 4-byte key ids and formats them as 8 hex digits', () => {
    const kp = generateKeyPair(new Uint8Array(32).fill(1));
    const id = keyIdFromPublicKey(kp.publicKey);
    expect(id).toBe(keyIdFromPublicKey(kp.publicKey));
    expect(formatKeyId(id)).toMatch(/^[0-9a-f]{8}$/);
    expect(parseKeyId(formatKeyId(id))).toBe(id);
    expect(keyIdFromPublicKey(generateKeyPair(new Uint8Array(32).fill(2)).publicKey)).not.toBe(id);
  });

  it('round-trips issuer keys through JSON and refuses a mismatched key id', () => {
    const kp = generateKeyPair(new Uint8Array(32).fill(3));
    const key = { keyId: keyIdFromPublicKey(kp.publicKey), orgId: '0b7f3c1e-5d2a-4e8b-9f61-2c4d6e8fa0b1', publicKey: kp.publicKey, status: 'active' as const, notAfter: 2_000_000_000 };
    expect(issuerKeyFromJson(issuerKeyToJson(key))).toEqual(key);
    expect(() => issuerKeyFromJson({ ...issuerKeyToJson(key), keyId: '00000000' })).toThrow(/does not match/);
  });
});

describe('noble backend agrees with ed25519.verify', () => {
  const L = ed25519.Point.Fn.ORDER;
  for (const [name, backend] of [
    ['default', nobleBackend],
    ['no precompute', createNobleBackend({ longLivedWindow: 1, repeatedWindow: 1 })],
  ] as const) {
    it(`${name}: valid, tampered and non-canonical signatures`, () => {
      for (let i = 0; i < 12; i++) {
        const kp = generateKeyPair();
        const msg = crypto.getRandomValues(new Uint8Array(i * 17));
        const sig = signEd25519(msg, kp.secretKey);
        const key = backend.preparePublicKey(kp.publicKey, i % 2 ? 'long-lived' : 'repeated')!;
        const cases: [Uint8Array, Uint8Array][] = [[sig, msg]];
        const badSig = sig.slice();
        badSig[i % 64] = (badSig[i % 64] as number) ^ 0x40;
        cases.push([badSig, msg]);
        if (msg.length) {
          const badMsg = msg.slice();
          badMsg[0] = (badMsg[0] as number) ^ 1;
          cases.push([sig, badMsg]);
        }
        // s + L: same signature mathematically, must be rejected (malleability).
        const s = BigInt(`0x${bytesToHex(sig.slice(32).reverse())}`) + L;
        const sPlusL = sig.slice();
        sPlusL.set(hexToBytes(s.toString(16).padStart(64, '0')).reverse(), 32);
        cases.push([sPlusL, msg]);
        for (const [sg, m] of cases) {
          expect(backend.verify(sg, m, key)).toBe(ed25519.verify(sg, m, kp.publicKey, { zip215: false }));
        }
        expect(backend.verify(sig, msg, key)).toBe(true);
        expect(backend.verify(sPlusL, msg, key)).toBe(false);
      }
    });
  }

  it('refuses small-order and non-canonical public keys', () => {
    const identity = new Uint8Array(32);
    identity[0] = 1; // y = 1: the neutral point
    expect(nobleBackend.preparePublicKey(identity, 'single')).toBeNull();
    const nonCanonical = new Uint8Array(32).fill(0xff);
    nonCanonical[31] = 0x7f; // y = 2^255 - 1 >= p
    expect(nobleBackend.preparePublicKey(nonCanonical, 'single')).toBeNull();
    expect(nobleBackend.preparePublicKey(new Uint8Array(31), 'single')).toBeNull();
  });
});
