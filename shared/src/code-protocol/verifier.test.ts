import { describe, expect, it } from 'vitest';
import { MAX_CODE_BYTES, decodeCodeText, encodeCodeText, makeStaticPass, parseCode } from './code.ts';
import { Scope, signCredential } from './credential.ts';
import { type SignatureBackend, createNobleBackend, keyIdFromPublicKey, nobleBackend } from './keys.ts';
import { type ReplayCache } from './replay-cache.ts';
import { RevocationList } from './revocation.ts';
import { OTHER_ORG, ORG, T0, makeFixture, seededKeyPair, uuidFor } from './test-fixtures.ts';
import { CodeVerifier, type VerifierOptions, type VerifyResult } from './verifier.ts';

const NOW = T0 + 3600 + 10; // 10 s into a step
const f = makeFixture();

function verifier(patch: Partial<VerifierOptions> = {}): CodeVerifier {
  return new CodeVerifier({ orgId: ORG, keys: [f.issuerKey], clock: () => NOW, requiredScopes: Scope.door, ...patch });
}
const reason = (r: VerifyResult): string => (r.ok ? 'ok' : r.reason);
const xorAt = (bytes: Uint8Array, at: number, mask: number): Uint8Array => {
  const copy = bytes.slice();
  copy[at] = (copy[at] as number) ^ mask;
  return copy;
};

describe('CodeVerifier: accepting', () => {
  it('accepts a fresh code offline with nothing but the issuer public key', () => {
    const code = f.code(NOW, 1);
    const r = verifier().verify(code.text);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r).toMatchObject({ codeType: 'dynamic', step: Math.floor(NOW / 30), counter: 1 });
    expect(r.credential.memberId).toBe(uuidFor(1));
    expect(r.uploadId).toMatch(/^[0-9a-f]{64}$/);
  });

  it('accepts binary input, and tolerates the CR/LF a keyboard-wedge scanner appends', () => {
    const code = f.code(NOW, 2);
    expect(verifier().verify(code.bytes).ok).toBe(true);
    expect(verifier().verify(`${code.text}\r\n`).ok).toBe(true);
  });

  it('keeps every code under 512 bytes, even the largest credential shape', () => {
    const code = f.code(NOW, 0xffffffff);
    expect(code.bytes.length).toBe(257);
    expect(code.bytes.length).toBeLessThan(MAX_CODE_BYTES);
    expect(code.text.length).toBe(4 + 386);
    const visitor = makeFixture({
      kind: 'visitor',
      siteId: uuidFor(9),
      visitWindow: { from: T0, until: T0 + 3600 },
      scopes: Scope.door | Scope.visitor,
    });
    expect(visitor.code(NOW, 1).bytes.length).toBe(257 + 24);
  });

  it('round-trips text <-> bytes <-> structure', () => {
    const code = f.code(NOW, 3);
    expect(decodeCodeText(code.text)).toEqual(code.bytes);
    expect(encodeCodeText(code.bytes)).toBe(code.text);
    const parsed = parseCode(code.bytes);
    expect(parsed).toMatchObject({ type: 'dynamic', step: code.step, counter: 3 });
    expect(parsed.credential.bytes).toEqual(f.credential);
  });

  it('accepts +-1 step of clock skew by default and none with skewSteps 0', () => {
    for (const offset of [-30, 30]) expect(reason(verifier().verify(f.code(NOW + offset, 4).text))).toBe('ok');
    expect(reason(verifier({ skewSteps: 0 }).verify(f.code(NOW - 30, 5).text))).toBe('clock_skew');
  });
});

describe('CodeVerifier: rejecting', () => {
  it('rejects every single-byte change anywhere in the code', () => {
    const code = f.code(NOW, 6);
    const v = verifier();
    const seen = new Set<string>();
    for (let i = 0; i < code.bytes.length; i++) {
      const r = v.verify(xorAt(code.bytes, i, 0x10));
      expect(r.ok, `byte ${i}`).toBe(false);
      seen.add(reason(r));
    }
    expect([...seen].sort()).toEqual(
      ['bad_device_signature', 'bad_issuer_signature', 'bad_version', 'malformed', 'unknown_key'].sort(),
    );
    // Nothing above consumed the counter: the genuine code still passes.
    expect(v.verify(code.bytes).ok).toBe(true);
  });

  it('tells issuer and device signature failures apart', () => {
    const code = f.code(NOW, 7);
    // Grant a scope the issuer never signed (scopes: credential offset 71, after the header byte).
    expect(reason(verifier().verify(xorAt(code.bytes, 1 + 71 + 3, Scope.bus)))).toBe('bad_issuer_signature');
    expect(reason(verifier().verify(xorAt(code.bytes, code.bytes.length - 10, 1)))).toBe('bad_device_signature');
  });

  it('rejects a code signed by another phone for this credential', () => {
    // A genuine code from the thief's own phone, with the victim's credential
    // spliced in (same length): the device signature no longer matches.
    const thief = makeFixture({}, { issuer: 1, device: 7 });
    const forged = thief.code(NOW, 1).bytes.slice();
    forged.set(f.credential, 1);
    expect(reason(verifier().verify(forged))).toBe('bad_device_signature');
  });

  it('rejects expired and not-yet-valid credentials', () => {
    const end = T0 + 72 * 3600;
    expect(reason(verifier({ clock: () => end }).verify(f.code(end, 8).text))).toBe('expired');
    expect(reason(verifier({ clock: () => end - 1 }).verify(f.code(end - 1, 9).text))).toBe('ok');
    expect(reason(verifier({ clock: () => T0 - 1 }).verify(f.code(T0 - 1, 10).text))).toBe('not_yet_valid');
  });

  it('rejects a replayed counter, but accepts the next counter', () => {
    const v = verifier();
    const first = f.code(NOW, 11);
    expect(reason(v.verify(first.text))).toBe('ok');
    expect(reason(v.verify(first.text))).toBe('replayed');
    expect(reason(v.verify(f.code(NOW + 1, 11).text))).toBe('replayed'); // same counter, same step
    expect(reason(v.verify(f.code(NOW, 12).text))).toBe('ok');
  });

  it('rejects revoked credentials and revoked members, after a delta sync', () => {
    const revocations = new RevocationList();
    const v = verifier({ revocations });
    expect(reason(v.verify(f.code(NOW, 13).text))).toBe('ok');
    revocations.apply({ since: 0, version: 1, entries: [{ seq: 1, op: 'revoke', target: 'credential', id: uuidFor(3) }] });
    expect(reason(v.verify(f.code(NOW, 14).text))).toBe('revoked');
    const byMember = new RevocationList({ version: 5, credentials: [], members: [{ id: uuidFor(1) }] });
    expect(reason(verifier({ revocations: byMember }).verify(f.code(NOW, 15).text))).toBe('revoked');
  });

  it('rejects codes of a retired key, even when the credential is already cached', () => {
    const v = verifier();
    expect(reason(v.verify(f.code(NOW, 16).text))).toBe('ok');
    v.setKeys([{ ...f.issuerKey, status: 'retired' }]);
    expect(reason(v.verify(f.code(NOW, 17).text))).toBe('key_retired');
    v.setKeys([{ ...f.issuerKey, notAfter: NOW }]);
    expect(reason(v.verify(f.code(NOW, 18).text))).toBe('key_retired');
    v.setKeys([]);
    expect(reason(v.verify(f.code(NOW, 19).text))).toBe('unknown_key');
  });

  it('rotation: a new key signs new credentials while the old one is retired', () => {
    const next = seededKeyPair(11);
    const nextKey = { keyId: keyIdFromPublicKey(next.publicKey), orgId: ORG, publicKey: next.publicKey, status: 'active' as const };
    const renewed = signCredential({ ...f.fields, issuerKeyId: nextKey.keyId, credentialId: uuidFor(33) }, next.secretKey);
    const v = verifier({ keys: [{ ...f.issuerKey, status: 'retired' }, nextKey] });
    expect(reason(v.verify(f.code(NOW, 20).text))).toBe('key_retired');
    expect(reason(v.verify(f.code(NOW, 20, renewed).text))).toBe('ok');
  });

  it('rejects a clock off by two steps either way', () => {
    expect(reason(verifier().verify(f.code(NOW - 60, 21).text))).toBe('clock_skew');
    expect(reason(verifier().verify(f.code(NOW + 60, 22).text))).toBe('clock_skew');
  });

  it('rejects another org, and a key vouching for an org it does not belong to', () => {
    const code = f.code(NOW, 23).text;
    expect(reason(verifier({ orgId: OTHER_ORG }).verify(code))).toBe('wrong_org');
    expect(reason(verifier().verify(code, { orgId: OTHER_ORG }))).toBe('wrong_org');
    expect(reason(verifier({ keys: [{ ...f.issuerKey, orgId: OTHER_ORG }] }).verify(code))).toBe('wrong_org');
  });

  it('rejects a missing scope', () => {
    const code = f.code(NOW, 24).text;
    expect(reason(verifier({ requiredScopes: Scope.bus }).verify(code))).toBe('scope_denied');
    expect(reason(verifier().verify(code, { requiredScopes: Scope.door | Scope.meeting }))).toBe('scope_denied');
    expect(reason(verifier().verify(code, { requiredScopes: Scope.door | Scope.pay }))).toBe('ok');
  });

  it('rejects garbage and future versions', () => {
    const v = verifier();
    expect(reason(v.verify(''))).toBe('malformed');
    expect(reason(v.verify('https://example.com/'))).toBe('malformed');
    expect(reason(v.verify('YM2:ABC'))).toBe('bad_version');
    expect(reason(v.verify(`YM1:${'0'.repeat(900)}`))).toBe('malformed');
    expect(reason(v.verify(new Uint8Array(600)))).toBe('malformed');
  });

  it('shows who it was only once the issuer signature checked out', () => {
    const r = verifier({ clock: () => T0 + 80 * 3600 }).verify(f.code(T0 + 80 * 3600, 25).text);
    expect(r).toMatchObject({ ok: false, reason: 'expired', credential: { memberId: uuidFor(1) } });
    const bad = xorAt(f.code(NOW, 26).bytes, 20, 1);
    expect(verifier().verify(bad)).toEqual({ ok: false, reason: 'bad_issuer_signature' });
  });
});

describe('CodeVerifier: visitors', () => {
  const site = uuidFor(9);
  const window = { from: T0 + 3600, until: T0 + 3 * 3600 };
  const pass = makeFixture({ kind: 'visitor', devicePublicKey: undefined, scopes: Scope.door | Scope.visitor, siteId: site, visitWindow: window });
  const passText = makeStaticPass(pass.credential).text;

  it('accepts a static pass inside its window at its site, repeatedly (re-entry)', () => {
    const v = verifier({ siteId: site });
    expect(v.verify(passText)).toMatchObject({ ok: true, codeType: 'staticPass' });
    expect(reason(v.verify(passText))).toBe('ok');
  });

  it('rejects it outside the window and at another site or a site-less verifier', () => {
    expect(reason(verifier({ siteId: site, clock: () => window.until }).verify(passText))).toBe('outside_visit_window');
    expect(reason(verifier({ siteId: site, clock: () => window.from - 1 }).verify(passText))).toBe('outside_visit_window');
    expect(reason(verifier({ siteId: uuidFor(10) }).verify(passText))).toBe('wrong_site');
    expect(reason(verifier().verify(passText))).toBe('wrong_site');
  });

  it('device-bound visitors get dynamic codes with the same window and site checks', () => {
    const bound = makeFixture({ kind: 'visitor', scopes: Scope.door, siteId: site, visitWindow: window, credentialId: uuidFor(44) });
    expect(reason(verifier({ siteId: site }).verify(bound.code(NOW, 1).text))).toBe('ok');
    expect(reason(verifier({ siteId: uuidFor(10) }).verify(bound.code(NOW, 2).text))).toBe('wrong_site');
    expect(() => makeStaticPass(bound.credential)).toThrow();
  });
});

describe('CodeVerifier: plumbing', () => {
  it('uses a pluggable replay cache and signature backend', () => {
    const seen: string[] = [];
    const replayCache: ReplayCache = { checkAndRecord: (key) => (seen.includes(key) ? false : (seen.push(key), true)) };
    let calls = 0;
    const backend: SignatureBackend = {
      preparePublicKey: (b, h) => nobleBackend.preparePublicKey(b, h),
      verify: (s, m, k) => (calls++, nobleBackend.verify(s, m, k)),
    };
    const v = verifier({ replayCache, backend });
    expect(reason(v.verify(f.code(NOW, 30).text))).toBe('ok');
    expect(seen).toEqual([`${uuidFor(3)}:30`]);
    expect(calls).toBe(2); // issuer + device
    expect(reason(v.verify(f.code(NOW, 31).text))).toBe('ok');
    expect(calls).toBe(3); // credential cached: device only
  });

  it('without the credential cache every code costs two signature checks', () => {
    let calls = 0;
    const backend: SignatureBackend = { preparePublicKey: nobleBackend.preparePublicKey, verify: (s, m, k) => (calls++, nobleBackend.verify(s, m, k)) };
    const v = verifier({ backend, credentialCacheSize: 0 });
    v.verify(f.code(NOW, 32).text);
    v.verify(f.code(NOW, 33).text);
    expect(calls).toBe(4);
  });

  it('a cached credential still needs a valid device signature, and precomputation changes no verdict', () => {
    for (const precomputeDeviceKeys of [false, true]) {
      const v = verifier({ precomputeDeviceKeys, backend: createNobleBackend() });
      expect(reason(v.verify(f.code(NOW, 40).text))).toBe('ok');
      const code = f.code(NOW, 41).bytes;
      const forged = xorAt(code, code.length - 1, 1);
      expect(reason(v.verify(forged))).toBe('bad_device_signature');
      expect(reason(v.verify(f.code(NOW, 41).text))).toBe('ok');
    }
  });

  it('bounds the credential cache', () => {
    const v = verifier({ credentialCacheSize: 2 });
    for (let i = 0; i < 5; i++) {
      const other = makeFixture({ credentialId: uuidFor(100 + i) });
      expect(reason(v.verify(other.code(NOW, 1).text))).toBe('ok');
    }
    expect((v as unknown as { cache: Map<string, unknown> }).cache.size).toBe(2);
  });
});
