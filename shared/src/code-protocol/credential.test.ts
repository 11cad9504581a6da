import { describe, expect, it } from 'vitest';
import {
  ALL_SCOPES,
  CREDENTIAL_FIXED_LENGTH,
  Scope,
  encodeCredentialBody,
  parseCredential,
  scopeNames,
  scopesFromNames,
  signCredential,
} from './credential.ts';
import { CodeFormatError } from './encoding.ts';
import { T0, makeFixture, uuidFor } from './test-fixtures.ts';

const reasonOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (e) {
    if (e instanceof CodeFormatError) return e.reason;
    throw e;
  }
  return undefined;
};

describe('credential encoding', () => {
  it('round-trips all fields and has the documented length', () => {
    const f = makeFixture();
    const parsed = parseCredential(f.credential);
    expect(parsed.fields).toEqual({ ...f.fields, stepSeconds: 30 });
    expect(parsed.body.length).toBe(CREDENTIAL_FIXED_LENGTH + 32);
    expect(f.credential.length).toBe(CREDENTIAL_FIXED_LENGTH + 32 + 64);
  });

  it('round-trips a visitor credential with site and window (and no device key)', () => {
    const f = makeFixture({
      kind: 'visitor',
      devicePublicKey: undefined,
      scopes: Scope.door | Scope.visitor,
      siteId: uuidFor(9),
      visitWindow: { from: T0 + 3600, until: T0 + 7200 },
    });
    const parsed = parseCredential(f.credential);
    expect(parsed.fields.siteId).toBe(uuidFor(9));
    expect(parsed.fields.visitWindow).toEqual({ from: T0 + 3600, until: T0 + 7200 });
    expect(parsed.fields.devicePublicKey).toBeUndefined();
    expect(f.credential.length).toBe(CREDENTIAL_FIXED_LENGTH + 16 + 8 + 64);
  });

  it('maps scope names to bits and back', () => {
    expect(scopesFromNames(['door', 'pay'])).toBe(Scope.door | Scope.pay);
    expect(scopeNames(Scope.bus | Scope.meeting)).toEqual(['meeting', 'bus']);
  });

  it.each([
    ['member without device key', { devicePublicKey: undefined }],
    ['member with a site', { siteId: uuidFor(9) }],
    ['expiry before start', { expiresAt: T0 }],
    ['unknown scope bits', { scopes: ALL_SCOPES + 1 }],
    ['step of 0 s', { stepSeconds: 0 }],
    ['static visitor pass without window', { kind: 'visitor' as const, devicePublicKey: undefined, scopes: Scope.door }],
    [
      'static visitor pass that can pay',
      { kind: 'visitor' as const, devicePublicKey: undefined, scopes: Scope.pay, visitWindow: { from: T0, until: T0 + 60 } },
    ],
    ['non-UUID id', { memberId: 'alice' }],
  ])('refuses to build: %s', (_name, patch) => {
    expect(() => makeFixture(patch)).toThrow();
  });

  it('parses strictly: version, kind, flags, truncation, trailing bytes', () => {
    const f = makeFixture();
    const patched = (at: number, value: number) => {
      const b = f.credential.slice();
      b[at] = value;
      return b;
    };
    expect(reasonOf(() => parseCredential(patched(0, 2)))).toBe('bad_version');
    expect(reasonOf(() => parseCredential(patched(1, 3)))).toBe('malformed');
    expect(reasonOf(() => parseCredential(patched(2, 0x09)))).toBe('malformed');
    expect(reasonOf(() => parseCredential(patched(2, 0x00)))).toBe('malformed'); // member must have a key
    expect(reasonOf(() => parseCredential(f.credential.subarray(0, f.credential.length - 1)))).toBe('malformed');
    const longer = new Uint8Array(f.credential.length + 1);
    longer.set(f.credential);
    expect(reasonOf(() => parseCredential(longer))).toBe('malformed');
  });

  it('signs deterministically (Ed25519) over the documented body', () => {
    const f = makeFixture();
    expect(signCredential(f.fields, f.issuer.secretKey)).toEqual(f.credential);
    expect(f.credential.subarray(0, f.credential.length - 64)).toEqual(encodeCredentialBody(f.fields));
  });
});
