// The native (node:crypto) backend must agree with the SDK's strict pure-JS
// backend on honest and tampered signatures and refuse bad keys the same way.
import { concatBytes, generateKeyPair, nobleBackend, signEd25519 } from '@yima/shared';
import { describe, expect, it } from 'vitest';
import { createNativeBackend } from './ed25519-native.ts';

const native = createNativeBackend();
const L = 2n ** 252n + 27742317777372353535851937790883648493n;

describe('native Ed25519 backend', () => {
  it('accepts what noble accepts and refuses tampering', () => {
    for (let i = 0; i < 20; i++) {
      const pair = generateKeyPair();
      const message = new TextEncoder().encode(`message ${i}`);
      const sig = signEd25519(message, pair.secretKey);
      const nk = native.preparePublicKey(pair.publicKey, 'single')!;
      const jk = nobleBackend.preparePublicKey(pair.publicKey, 'single')!;
      expect(native.verify(sig, message, nk)).toBe(true);
      expect(nobleBackend.verify(sig, message, jk)).toBe(true);
      const bad = sig.slice();
      bad[i % 64]! ^= 1;
      expect(native.verify(bad, message, nk)).toBe(false);
      expect(native.verify(sig, concatBytes(message, new Uint8Array([0])), nk)).toBe(false);
      expect(native.verify(sig.subarray(0, 63), message, nk)).toBe(false);
    }
  });

  it('refuses S >= L (malleated signature) and small-order keys', () => {
    const pair = generateKeyPair();
    const message = new Uint8Array([1, 2, 3]);
    const sig = signEd25519(message, pair.secretKey);
    let s = 0n;
    for (let i = 63; i >= 32; i--) s = (s << 8n) | BigInt(sig[i]!);
    let s2 = s + L;
    const malleated = sig.slice();
    for (let i = 32; i < 64; i++) { malleated[i] = Number(s2 & 0xffn); s2 >>= 8n; }
    const nk = native.preparePublicKey(pair.publicKey, 'single')!;
    expect(native.verify(malleated, message, nk)).toBe(false);
    expect(nobleBackend.verify(malleated, message, nobleBackend.preparePublicKey(pair.publicKey, 'single')!)).toBe(false);
    const identity = new Uint8Array(32);
    identity[0] = 1; // the identity point: small order
    expect(native.preparePublicKey(identity, 'single')).toBeNull();
  });
});

describe('pickVerifyBackend', () => {
  it('picks node:crypto where it works, pure JS when told, and remembers the choice', async () => {
    const { pickVerifyBackend } = await import('./ed25519-native.ts');
    const chosen = pickVerifyBackend(undefined);
    expect(chosen).toBeDefined();
    expect(pickVerifyBackend(undefined)).toBe(chosen);
    expect(pickVerifyBackend('js')).toBeUndefined();
    expect(pickVerifyBackend('native')).toBeDefined();
  });
});
