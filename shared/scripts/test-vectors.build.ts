/**
 * Deterministic construction of the code-protocol test vectors. Pure (no
 * Node APIs) so that the vitest suite can rebuild them and compare with the
 * committed JSON; `generate-test-vectors.ts` writes the file.
 *
 * Everything derives from fixed seeds, ids and times, and Ed25519 signing is
 * deterministic (RFC 8032), so the output is byte-for-byte stable.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import {
  CODE_SIGNATURE_TAG,
  CREDENTIAL_SIGNATURE_TAG,
  type CredentialFieldsInput,
  Scope,
  asciiBytes,
  base45Encode,
  bytesToHex,
  codeSignatureInput,
  credentialSignatureInput,
  decodeCodeText,
  encodeCodeText,
  formatKeyId,
  generateKeyPair,
  keyIdFromPublicKey,
  makeCode,
  makeStaticPass,
  parseCredential,
  signCredential,
} from '../src/code-protocol/index.ts';

const seed = (label: string): Uint8Array => sha256(asciiBytes(`yima test vector seed: ${label}`));

export const ORG_A = '6f1c1b9e-3b4a-4d2e-9c57-0a1b2c3d4e5f';
export const ORG_B = '8d2e4f60-1a2b-4c3d-8e4f-5a6b7c8d9e0f';
const MEMBER = '2b7e1516-28ae-4d2a-8f0c-7a1b3c5d7e9f';
const CARD = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';
const CREDENTIAL = 'c0ffee00-1234-4abc-9def-0123456789ab';
const CREDENTIAL_OLD_KEY = 'c0ffee00-1234-4abc-9def-0123456789ac';
const VISITOR = 'deadbeef-0000-4000-8000-000000000001';
const VISIT = 'deadbeef-0000-4000-8000-000000000002';
const VISITOR_CREDENTIAL = 'deadbeef-0000-4000-8000-000000000003';
export const SITE = '517e517e-0000-4000-8000-000000000001';
const OTHER_SITE = '517e517e-0000-4000-8000-000000000002';

/** 2026-01-01T00:00:00Z: credentials start here and last 72 h. */
const T_ISSUED = 1_767_225_600;
/** 2026-01-01T01:00:15Z (09:00:15 in Beijing): 15 s into a 30 s step. */
export const T_NOW = T_ISSUED + 3600 + 15;

export interface VectorKey {
  name: string;
  secretKeyHex: string;
  publicKeyHex: string;
  keyId?: string;
}

export interface VerifierSetup {
  orgId: string;
  now: number;
  skewSteps: number;
  requiredScopes: number;
  siteId: string | null;
  /** Key names from `keys`, with the status the verifier holds them in. */
  keys: { name: string; orgId: string; status: 'active' | 'retired' }[];
  revokedCredentials: string[];
  revokedMembers: string[];
}

export type ExpectedResult =
  | { ok: true; codeType: 'dynamic' | 'staticPass'; credentialId: string; step: number | null; counter: number | null; uploadId: string }
  | { ok: false; reason: string };

export interface CodeVector {
  name: string;
  description: string;
  text: string;
  /** The binary code when it decodes (absent for text-level corruption). */
  bytesHex: string | null;
  verifier: VerifierSetup;
  /** One expected result per presentation of the same text to the same verifier. */
  expected: ExpectedResult[];
}

function keyJson(name: string, kp: { secretKey: Uint8Array; publicKey: Uint8Array }, issuer: boolean): VectorKey {
  return {
    name,
    secretKeyHex: bytesToHex(kp.secretKey),
    publicKeyHex: bytesToHex(kp.publicKey),
    ...(issuer ? { keyId: formatKeyId(keyIdFromPublicKey(kp.publicKey)) } : {}),
  };
}

function credentialJson(name: string, fields: CredentialFieldsInput, bytes: Uint8Array) {
  const parsed = parseCredential(bytes);
  return {
    name,
    fields: {
      ...fields,
      issuerKeyId: formatKeyId(fields.issuerKeyId),
      devicePublicKey: fields.devicePublicKey ? bytesToHex(fields.devicePublicKey) : undefined,
    },
    bodyHex: bytesToHex(parsed.body),
    signatureInputHex: bytesToHex(credentialSignatureInput(parsed.body)),
    issuerSignatureHex: bytesToHex(parsed.signature),
    bytesHex: bytesToHex(bytes),
    length: bytes.length,
  };
}

export function buildTestVectors() {
  const issuer1 = generateKeyPair(seed('issuer key 1'));
  const issuer2 = generateKeyPair(seed('issuer key 2 (rotated out)'));
  const device = generateKeyPair(seed('device key'));
  const keyId1 = keyIdFromPublicKey(issuer1.publicKey);
  const keyId2 = keyIdFromPublicKey(issuer2.publicKey);

  const member: CredentialFieldsInput = {
    kind: 'member',
    issuerKeyId: keyId1,
    orgId: ORG_A,
    memberId: MEMBER,
    cardId: CARD,
    credentialId: CREDENTIAL,
    scopes: Scope.door | Scope.pay | Scope.canteen,
    notBefore: T_ISSUED,
    expiresAt: T_ISSUED + 72 * 3600,
    offlineCapFen: 20_000,
    stepSeconds: 30,
    devicePublicKey: device.publicKey,
  };
  const memberOldKey: CredentialFieldsInput = { ...member, issuerKeyId: keyId2, credentialId: CREDENTIAL_OLD_KEY };
  const visitorPass: CredentialFieldsInput = {
    kind: 'visitor',
    issuerKeyId: keyId1,
    orgId: ORG_A,
    memberId: VISITOR,
    cardId: VISIT,
    credentialId: VISITOR_CREDENTIAL,
    scopes: Scope.door | Scope.visitor,
    notBefore: T_ISSUED,
    expiresAt: T_ISSUED + 24 * 3600,
    offlineCapFen: 0,
    stepSeconds: 30,
    siteId: SITE,
    visitWindow: { from: T_ISSUED + 3600, until: T_ISSUED + 4 * 3600 },
  };

  const memberBytes = signCredential(member, issuer1.secretKey);
  const oldKeyBytes = signCredential(memberOldKey, issuer2.secretKey);
  const visitorBytes = signCredential(visitorPass, issuer1.secretKey);

  const base: VerifierSetup = {
    orgId: ORG_A,
    now: T_NOW,
    skewSteps: 1,
    requiredScopes: Scope.door,
    siteId: SITE,
    keys: [
      { name: 'issuer1', orgId: ORG_A, status: 'active' },
      { name: 'issuer2', orgId: ORG_A, status: 'retired' },
    ],
    revokedCredentials: [],
    revokedMembers: [],
  };
  const setup = (patch: Partial<VerifierSetup> = {}): VerifierSetup => ({ ...base, ...patch });

  const code = (credential: Uint8Array, now: number, counter: number) =>
    makeCode({ credential, deviceSecretKey: device.secretKey, now, counter });
  const valid = code(memberBytes, T_NOW, 7);
  const ok = (c: { bytes: Uint8Array; step: number; counter: number }, credentialId = CREDENTIAL): ExpectedResult => ({
    ok: true,
    codeType: 'dynamic',
    credentialId,
    step: c.step,
    counter: c.counter,
    uploadId: bytesToHex(sha256(c.bytes)),
  });
  const no = (reason: string): ExpectedResult => ({ ok: false, reason });
  const flip = (bytes: Uint8Array, at: number): Uint8Array => {
    const copy = bytes.slice();
    copy[at] = (copy[at] as number) ^ 0x01;
    return copy;
  };
  const vec = (
    name: string,
    description: string,
    bytes: Uint8Array | null,
    verifier: VerifierSetup,
    expected: ExpectedResult[],
    text?: string,
  ): CodeVector => ({
    name,
    description,
    text: text ?? encodeCodeText(bytes!),
    bytesHex: bytes ? bytesToHex(bytes) : null,
    verifier,
    expected,
  });

  const SCOPES_OFFSET = 1 + 71; // code header byte + credential offset of `scopes`
  const counterOffset = valid.bytes.length - 64 - 4;
  const oneStepBehind = code(memberBytes, T_NOW - 30, 8);
  const twoStepsBehind = code(memberBytes, T_NOW - 60, 9);
  const expiredCode = code(memberBytes, T_ISSUED + 72 * 3600 + 15, 10);
  const earlyCode = code(memberBytes, T_ISSUED - 45, 11);
  const oldKeyCode = code(oldKeyBytes, T_NOW, 1);
  const pass = makeStaticPass(visitorBytes);
  const passOk: ExpectedResult = {
    ok: true,
    codeType: 'staticPass',
    credentialId: VISITOR_CREDENTIAL,
    step: null,
    counter: null,
    uploadId: bytesToHex(sha256(pass.bytes)),
  };
  const badHeader = valid.bytes.slice();
  badHeader[0] = 0x21;

  const codes: CodeVector[] = [
    vec('valid', 'A fresh member code, presented once.', valid.bytes, setup(), [ok(valid)]),
    vec('replayed', 'The same code presented twice to one verifier.', valid.bytes, setup(), [ok(valid), no('replayed')]),
    vec('clock_one_step_behind', 'Code from the previous step: inside the +-1 step tolerance.', oneStepBehind.bytes, setup(), [ok(oneStepBehind)]),
    vec('clock_two_steps_behind', 'Code made 60 s (2 steps) before the verifier clock.', twoStepsBehind.bytes, setup(), [no('clock_skew')]),
    vec('clock_two_steps_ahead', 'Verifier clock 60 s behind the phone.', valid.bytes, setup({ now: T_NOW - 60 }), [no('clock_skew')]),
    vec('tampered_credential_byte', 'One bit of the credential scopes flipped (pay -> no pay).', flip(valid.bytes, SCOPES_OFFSET + 3), setup(), [no('bad_issuer_signature')]),
    vec('tampered_counter', 'One bit of the counter flipped.', flip(valid.bytes, counterOffset + 3), setup(), [no('bad_device_signature')]),
    vec('tampered_device_signature', 'One bit of the device signature flipped.', flip(valid.bytes, valid.bytes.length - 1), setup(), [no('bad_device_signature')]),
    vec('expired', 'Code made (correctly, with a matching clock) after the credential expired.', expiredCode.bytes, setup({ now: T_ISSUED + 72 * 3600 + 15 }), [no('expired')]),
    vec('not_yet_valid', 'Code made before the credential notBefore.', earlyCode.bytes, setup({ now: T_ISSUED - 45 }), [no('not_yet_valid')]),
    vec('revoked_credential', 'The credential id is on the revocation list.', valid.bytes, setup({ revokedCredentials: [CREDENTIAL] }), [no('revoked')]),
    vec('revoked_member', 'The member id is on the revocation list.', valid.bytes, setup({ revokedMembers: [MEMBER] }), [no('revoked')]),
    vec('rotated_out_key', 'Credential signed by issuer key 2, which the verifier holds as retired.', oldKeyCode.bytes, setup(), [no('key_retired')]),
    vec('rotated_key_still_active', 'The same code while key 2 was still active.', oldKeyCode.bytes, setup({ keys: [{ name: 'issuer2', orgId: ORG_A, status: 'active' }] }), [ok(oldKeyCode, CREDENTIAL_OLD_KEY)]),
    vec('unknown_key', 'The verifier does not hold issuer key 1.', valid.bytes, setup({ keys: [{ name: 'issuer2', orgId: ORG_A, status: 'active' }] }), [no('unknown_key')]),
    vec('wrong_org', 'A verifier of org B that also trusts org A keys (shared building).', valid.bytes, setup({ orgId: ORG_B }), [no('wrong_org')]),
    vec('key_of_other_org', 'Issuer key 1 is registered to org B, but the credential claims org A.', valid.bytes, setup({ keys: [{ name: 'issuer1', orgId: ORG_B, status: 'active' }] }), [no('wrong_org')]),
    vec('scope_denied', 'A bus reader (requires the bus scope).', valid.bytes, setup({ requiredScopes: Scope.bus }), [no('scope_denied')]),
    vec('malformed_truncated', 'Last byte cut off.', valid.bytes.subarray(0, valid.bytes.length - 1), setup(), [no('malformed')]),
    vec('malformed_text', 'Lower-case characters are not base45.', null, setup(), [no('malformed')], valid.text.replace('YM1:', 'YM1:a')),
    vec('bad_version_prefix', 'Text prefix of a future protocol version.', null, setup(), [no('bad_version')], valid.text.replace('YM1:', 'YM2:')),
    vec('bad_version_header', 'Header byte 0x21 (version 2, dynamic).', badHeader, setup(), [no('bad_version')]),
    vec('visitor_pass_valid', 'Static visitor pass, inside its window, at its site; re-usable.', pass.bytes, setup(), [passOk, passOk]),
    vec('visitor_pass_outside_window', 'Static visitor pass 30 min after the window closed.', pass.bytes, setup({ now: T_ISSUED + 4 * 3600 + 1800 }), [no('outside_visit_window')]),
    vec('visitor_pass_wrong_site', 'Static visitor pass at another site.', pass.bytes, setup({ siteId: OTHER_SITE }), [no('wrong_site')]),
  ];

  return {
    description:
      'Yima code protocol v1 test vectors (docs/code-protocol.md). Rebuild with `npx tsx shared/scripts/generate-test-vectors.ts`; checked by shared/src/code-protocol/test-vectors.test.ts.',
    protocol: {
      textPrefix: 'YM1:',
      credentialSignatureTagHex: bytesToHex(CREDENTIAL_SIGNATURE_TAG),
      codeSignatureTagHex: bytesToHex(CODE_SIGNATURE_TAG),
      scopes: Scope,
    },
    keys: [keyJson('issuer1', issuer1, true), keyJson('issuer2', issuer2, true), keyJson('device', device, false)],
    credentials: [
      credentialJson('member', member, memberBytes),
      credentialJson('member_old_key', memberOldKey, oldKeyBytes),
      credentialJson('visitor_pass', visitorPass, visitorBytes),
    ],
    code: {
      name: 'valid',
      credential: 'member',
      now: T_NOW,
      step: valid.step,
      counter: valid.counter,
      deviceSignatureInputHex: bytesToHex(codeSignatureInput(memberBytes, valid.step, valid.counter)),
      deviceSignatureHex: bytesToHex(valid.bytes.subarray(valid.bytes.length - 64)),
      bytesHex: bytesToHex(valid.bytes),
      base45: base45Encode(valid.bytes),
      text: valid.text,
      length: valid.bytes.length,
      roundTrips: bytesToHex(decodeCodeText(valid.text)) === bytesToHex(valid.bytes),
    },
    codes,
  };
}

export type TestVectors = ReturnType<typeof buildTestVectors>;
