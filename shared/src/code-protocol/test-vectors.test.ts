/**
 * The committed test vectors (test-vectors.json) are (1) exactly what the
 * generator rebuilds from the fixed seeds, and (2) verified by the library
 * to the expected outcomes using only what the JSON says, the way an
 * implementer in another language would use them.
 */
import { describe, expect, it } from 'vitest';
import { buildTestVectors } from '../../scripts/test-vectors.build.ts';
import { decodeCodeText, encodeCodeText } from './code.ts';
import { parseCredential } from './credential.ts';
import { bytesToHex, hexToBytes } from './encoding.ts';
import { generateKeyPair, parseKeyId, signEd25519 } from './keys.ts';
import { RevocationList } from './revocation.ts';
import vectors from './test-vectors.json' with { type: 'json' };
import { CodeVerifier, type VerifyResult } from './verifier.ts';

describe('test-vectors.json', () => {
  it('is exactly what the generator produces (run scripts/generate-test-vectors.ts if not)', () => {
    expect(JSON.parse(JSON.stringify(buildTestVectors()))).toEqual(vectors);
  });

  it('keys, credential signatures and the sample code follow from the seeds', () => {
    for (const k of vectors.keys) {
      expect(bytesToHex(generateKeyPair(hexToBytes(k.secretKeyHex)).publicKey)).toBe(k.publicKeyHex);
    }
    const issuer = (id: string) => vectors.keys.find((k) => k.keyId === id)!;
    for (const c of vectors.credentials) {
      const key = issuer(c.fields.issuerKeyId);
      expect(c.signatureInputHex).toBe(vectors.protocol.credentialSignatureTagHex + c.bodyHex);
      expect(bytesToHex(signEd25519(hexToBytes(c.signatureInputHex), hexToBytes(key.secretKeyHex)))).toBe(c.issuerSignatureHex);
      expect(c.bytesHex).toBe(c.bodyHex + c.issuerSignatureHex);
      expect(parseCredential(hexToBytes(c.bytesHex)).fields.credentialId).toBe(c.fields.credentialId);
    }
    const code = vectors.code;
    const device = vectors.keys.find((k) => k.name === 'device')!;
    expect(bytesToHex(signEd25519(hexToBytes(code.deviceSignatureInputHex), hexToBytes(device.secretKeyHex)))).toBe(code.deviceSignatureHex);
    expect(code.text).toBe(`YM1:${code.base45}`);
    expect(bytesToHex(decodeCodeText(code.text))).toBe(code.bytesHex);
    expect(code.length).toBeLessThan(512);
  });

  for (const v of vectors.codes) {
    it(`${v.name}: ${v.expected.map((e) => ('reason' in e ? e.reason : 'ok')).join(', ')}`, () => {
      if (v.bytesHex) expect(encodeCodeText(hexToBytes(v.bytesHex))).toBe(v.text);
      const setup = v.verifier;
      const keys = setup.keys.map((k) => {
        const key = vectors.keys.find((x) => x.name === k.name)!;
        return { keyId: parseKeyId(key.keyId!), orgId: k.orgId, status: k.status as 'active' | 'retired', publicKey: hexToBytes(key.publicKeyHex) };
      });
      const verifier = new CodeVerifier({
        orgId: setup.orgId,
        keys,
        clock: () => setup.now,
        skewSteps: setup.skewSteps,
        requiredScopes: setup.requiredScopes,
        ...(setup.siteId ? { siteId: setup.siteId } : {}),
        revocations: new RevocationList({
          version: 1,
          credentials: setup.revokedCredentials.map((id) => ({ id })),
          members: setup.revokedMembers.map((id) => ({ id })),
        }),
      });
      const simplify = (r: VerifyResult) =>
        r.ok
          ? { ok: true, codeType: r.codeType, credentialId: r.credential.credentialId, step: r.step ?? null, counter: r.counter ?? null, uploadId: r.uploadId }
          : { ok: false, reason: r.reason };
      expect(v.expected.map(() => simplify(verifier.verify(v.text)))).toEqual(v.expected);
    });
  }
});
