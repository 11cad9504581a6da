import { base64urlEncode, bytesToHex, generateKeyPair } from '@yima/shared/code-protocol/index';
import { describe, expect, it } from 'vitest';
import { CODE_MEMBER, CODE_ORG, fakeRandomBytes, T0, testIssuer } from '../test-support/code-fixtures';
import { memoryStorage } from '../test-support/memory-storage';
import {
  CLOCK_WARNING_MS,
  correctedClock,
  estimateClockOffset,
  isClockFarOff,
  parseHttpDate,
  shouldReplaceOffset,
} from './clock-offset';
import { createCodeWallet } from './code-wallet';
import { createCodeGenerator } from './dynamic-code';
import { ensureCredential, type EnrolmentDeps } from './enrolment';

const SERVER = T0 * 1000;

describe('estimateClockOffset', () => {
  it('is server time minus local time at receipt, for an instant answer', () => {
    expect(estimateClockOffset({ serverMs: SERVER, sentAt: SERVER + 600_000, receivedAt: SERVER + 600_000 })).toEqual({
      offsetMs: -600_000,
      uncertaintyMs: 1000,
    });
  });

  it('takes the server stamp as made half-way through the round trip', () => {
    // Sent at local 0, answered at local 2 s: the server stamped it at local ~1 s.
    const sample = estimateClockOffset({ serverMs: SERVER, sentAt: SERVER - 120_000, receivedAt: SERVER - 118_000 })!;
    expect(sample.offsetMs).toBe(119_000);
    expect(sample.uncertaintyMs).toBe(2000); // half the trip + the server's 1 s resolution
  });

  it('refuses a trip that ends before it starts or missing numbers', () => {
    expect(estimateClockOffset({ serverMs: SERVER, sentAt: 10, receivedAt: 5 })).toBeNull();
    expect(estimateClockOffset({ serverMs: Number.NaN, sentAt: 0, receivedAt: 5 })).toBeNull();
  });
});

describe('clock helpers', () => {
  it('reads an HTTP Date header', () => {
    expect(parseHttpDate('Sun, 06 Nov 1994 08:49:37 GMT')).toBe(Date.UTC(1994, 10, 6, 8, 49, 37));
    expect(parseHttpDate('yesterday')).toBeNull();
    expect(parseHttpDate(null)).toBeNull();
  });

  it('replaces a stored offset only when a sample contradicts it beyond its own error', () => {
    expect(shouldReplaceOffset(undefined, { offsetMs: 5, uncertaintyMs: 1000 })).toBe(true);
    expect(shouldReplaceOffset(0, { offsetMs: 900, uncertaintyMs: 1000 })).toBe(false);
    expect(shouldReplaceOffset(0, { offsetMs: -1500, uncertaintyMs: 1000 })).toBe(true);
  });

  it('corrects the clock and warns above five minutes', () => {
    expect(correctedClock(-600_000, () => 1_000_000)()).toBe(400_000);
    const now = () => 7;
    expect(correctedClock(undefined, now)).toBe(now);
    expect(isClockFarOff(CLOCK_WARNING_MS)).toBe(false);
    expect(isClockFarOff(-CLOCK_WARNING_MS - 1)).toBe(true);
    expect(isClockFarOff(undefined)).toBe(false);
  });
});

describe('codes on a wrong phone clock', () => {
  it('enrolment stores the offset and codes are made in the server step', async () => {
    const phoneAhead = 10 * 60; // seconds
    let phoneMs = (T0 + 7 + phoneAhead) * 1000;
    const wallet = createCodeWallet(memoryStorage());
    const issuer = testIssuer();
    const deps: EnrolmentDeps = {
      wallet,
      randomBytes: fakeRandomBytes(3),
      // The server answers 4 s after sending; it stamps server_time half-way.
      enroll: async (input) => {
        phoneMs += 2000;
        const serverNow = Math.floor(phoneMs / 1000) - phoneAhead;
        phoneMs += 2000;
        return { ...issuer.enroll(input, serverNow), serverTime: serverNow };
      },
      credentialState: async () => ({ status: 'live' }),
      now: () => phoneMs,
    };
    const ensured = await ensureCredential(deps, { orgId: CODE_ORG, memberId: CODE_MEMBER });
    expect(ensured.credential.clockOffsetMs).toBe(-phoneAhead * 1000);
    expect(ensured.credential.enrolledAt).toBe(T0 + 7 + 4);

    const serverSeconds = () => Math.floor(phoneMs / 1000) - phoneAhead;
    const uncorrected = createCodeGenerator({ wallet, credential: ensured.credential, deviceKey: ensured.deviceKey, now: () => phoneMs }).next()!;
    expect(issuer.verifier(serverSeconds).verify(uncorrected.text)).toMatchObject({ ok: false });

    const corrected = createCodeGenerator({
      wallet, credential: ensured.credential, deviceKey: ensured.deviceKey, now: correctedClock(ensured.credential.clockOffsetMs, () => phoneMs),
    }).next()!;
    expect(corrected.step).toBe(Math.floor(serverSeconds() / 30));
    expect(issuer.verifier(serverSeconds).verify(corrected.text)).toMatchObject({ ok: true });
  });

  it('the wallet keeps every credential on the latest contradicting sample and says so', () => {
    const wallet = createCodeWallet(memoryStorage());
    const deviceKey = generateKeyPair(new Uint8Array(32).fill(4));
    const enrolment = testIssuer().enroll({ orgId: CODE_ORG, devicePublicKey: base64urlEncode(deviceKey.publicKey) }, T0);
    wallet.saveCredential({ ...enrolment, devicePublicKey: bytesToHex(deviceKey.publicKey), enrolledAt: T0, clockOffsetMs: 0 });
    let changes = 0;
    const stop = wallet.onClockOffsetChange(() => void (changes += 1));
    expect(wallet.updateClockOffset({ offsetMs: 400, uncertaintyMs: 1000 })).toBe(false);
    expect(wallet.updateClockOffset({ offsetMs: 90_000, uncertaintyMs: 1000 })).toBe(true);
    expect(wallet.credentialFor(CODE_ORG, enrolment.memberId)?.clockOffsetMs).toBe(90_000);
    expect(changes).toBe(1);
    stop();
    wallet.updateClockOffset({ offsetMs: 0, uncertaintyMs: 1000 });
    expect(changes).toBe(1);
  });
});
