/**
 * Test-only helpers (imported by *.test.ts and the bench, not exported from
 * the package index): a deterministic org with an issuer key and a phone.
 */
import { type CredentialFieldsInput, Scope, signCredential } from './credential.ts';
import { makeCode } from './code.ts';
import { type IssuerKey, type KeyPair, generateKeyPair, keyIdFromPublicKey } from './keys.ts';

export const ORG = '0b7f3c1e-5d2a-4e8b-9f61-2c4d6e8fa0b1';
export const OTHER_ORG = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
export const T0 = 1_767_225_600; // 2026-01-01T00:00:00Z, a multiple of 30

export function seededKeyPair(n: number): KeyPair {
  return generateKeyPair(new Uint8Array(32).fill(n));
}

export function uuidFor(n: number): string {
  const h = n.toString(16).padStart(12, '0');
  return `00000000-0000-4000-8000-${h}`;
}

export interface Fixture {
  issuer: KeyPair;
  device: KeyPair;
  keyId: number;
  issuerKey: IssuerKey;
  fields: CredentialFieldsInput;
  credential: Uint8Array;
  code: (now: number, counter: number, credential?: Uint8Array) => ReturnType<typeof makeCode>;
}

export function makeFixture(patch: Partial<CredentialFieldsInput> = {}, seeds = { issuer: 1, device: 2 }): Fixture {
  const issuer = seededKeyPair(seeds.issuer);
  const device = seededKeyPair(seeds.device);
  const keyId = keyIdFromPublicKey(issuer.publicKey);
  const fields: CredentialFieldsInput = {
    kind: 'member',
    issuerKeyId: keyId,
    orgId: ORG,
    memberId: uuidFor(1),
    cardId: uuidFor(2),
    credentialId: uuidFor(3),
    scopes: Scope.door | Scope.pay,
    notBefore: T0,
    expiresAt: T0 + 72 * 3600,
    offlineCapFen: 20_000,
    devicePublicKey: device.publicKey,
    ...patch,
  };
  const credential = signCredential(fields, issuer.secretKey);
  return {
    issuer,
    device,
    keyId,
    issuerKey: { keyId, orgId: ORG, publicKey: issuer.publicKey, status: 'active' },
    fields,
    credential,
    code: (now, counter, cred = credential) => makeCode({ credential: cred, deviceSecretKey: device.secretKey, now, counter }),
  };
}
