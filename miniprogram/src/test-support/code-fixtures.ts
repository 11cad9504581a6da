// An issuer for tests: signs credentials the way code-enroll does, for
// whatever device key the phone sends, so tests run the real protocol.
import {
  base64urlDecode,
  base64urlEncode,
  CodeVerifier,
  issuerKeyToJson,
  keyIdFromPublicKey,
  MemoryReplayCache,
  Scope,
  signCredential,
} from '@yima/shared/code-protocol/index';
import { ORG, seededKeyPair, T0, uuidFor } from '@yima/shared/code-protocol/test-fixtures';
import type { Enrolment } from '../lib/enrolment';

export { ORG as CODE_ORG, T0 };
export const CODE_MEMBER = uuidFor(1);

export function testIssuer(options: { validitySeconds?: number; stepSeconds?: number } = {}) {
  const issuer = seededKeyPair(7);
  const keyId = keyIdFromPublicKey(issuer.publicKey);
  const issuerKey = { keyId, orgId: ORG, publicKey: issuer.publicKey, status: 'active' as const };
  let serial = 100;
  const issued: Enrolment[] = [];

  return {
    issuerKey,
    issued,
    /** What code-enroll would answer at `now` (unix seconds) for this device key. */
    enroll(input: { orgId: string; devicePublicKey: string }, now: number, memberId = CODE_MEMBER): Enrolment {
      const credentialId = uuidFor((serial += 1));
      const fields = {
        kind: 'member' as const,
        issuerKeyId: keyId,
        orgId: input.orgId,
        memberId,
        cardId: uuidFor(2),
        credentialId,
        scopes: Scope.door | Scope.pay,
        notBefore: now - 300,
        expiresAt: now + (options.validitySeconds ?? 72 * 3600),
        offlineCapFen: 20_000,
        stepSeconds: options.stepSeconds ?? 30,
        devicePublicKey: base64urlDecode(input.devicePublicKey),
      };
      const enrolment: Enrolment = {
        credential: base64urlEncode(signCredential(fields, issuer.secretKey)),
        credentialId,
        orgId: input.orgId,
        memberId,
        notBefore: fields.notBefore,
        expiresAt: fields.expiresAt,
        stepSeconds: fields.stepSeconds,
        issuerKeys: [issuerKeyToJson(issuerKey)],
      };
      issued.push(enrolment);
      return enrolment;
    },
    /** An offline verifier of the org at a fixed clock (unix seconds). */
    verifier(clock: () => number) {
      return new CodeVerifier({ orgId: ORG, keys: [issuerKey], replayCache: new MemoryReplayCache(), clock });
    },
  };
}

/** Deterministic "random" bytes for device keys. */
export function fakeRandomBytes(fill = 9) {
  return async (count: number) => new Uint8Array(count).fill(fill);
}
