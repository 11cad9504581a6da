import { base64urlEncode, bytesToHex, decodeCodeText, generateKeyPair, parseCode } from '@yima/shared/code-protocol/index';
import { describe, expect, it } from 'vitest';
import { CODE_ORG, T0, testIssuer } from '../test-support/code-fixtures';
import { memoryStorage } from '../test-support/memory-storage';
import { createCodeWallet } from './code-wallet';
import { createCodeGenerator } from './dynamic-code';

/** A hand-driven clock, epoch ms. */
function fakeClock(startSeconds: number) {
  let ms = startSeconds * 1000;
  return { now: () => ms, advance: (seconds: number) => void (ms += seconds * 1000), seconds: () => Math.floor(ms / 1000) };
}

function setup(startSeconds = T0 + 7) {
  const storage = memoryStorage();
  const wallet = createCodeWallet(storage);
  const issuer = testIssuer();
  const deviceKey = generateKeyPair(new Uint8Array(32).fill(5));
  const enrolment = issuer.enroll({ orgId: CODE_ORG, devicePublicKey: base64urlEncode(deviceKey.publicKey) }, T0);
  const credential = wallet.saveCredential({ ...enrolment, devicePublicKey: bytesToHex(deviceKey.publicKey), enrolledAt: T0 });
  const clock = fakeClock(startSeconds);
  const generator = () => createCodeGenerator({ wallet, credential, deviceKey, now: clock.now });
  return { storage, wallet, issuer, deviceKey, credential, clock, generator };
}

describe('dynamic code generation', () => {
  it('makes a code a verifier accepts, once, for the current step', () => {
    const { issuer, clock, generator } = setup();
    const frame = generator().next()!;
    expect(frame.text).toMatch(/^YM1:/);
    expect(frame.step).toBe(Math.floor((T0 + 7) / 30));
    expect(frame.refreshAt).toBe(T0 + 30);
    const verifier = issuer.verifier(() => clock.seconds());
    expect(verifier.verify(frame.text)).toMatchObject({ ok: true, counter: 0 });
    expect(verifier.verify(frame.text)).toMatchObject({ ok: false, reason: 'replayed' });
  });

  it('is due at the step boundary, with a countdown to it', () => {
    const { clock, generator } = setup(T0 + 7);
    const codes = generator();
    expect(codes.due()).toBe(true); // nothing shown yet
    codes.next();
    expect(codes.due()).toBe(false);
    expect(codes.secondsLeft()).toBe(23);
    clock.advance(22.5);
    expect(codes.secondsLeft()).toBe(1);
    expect(codes.due()).toBe(false);
    clock.advance(0.5);
    expect(codes.due()).toBe(true);
    const next = codes.next()!;
    expect(next.step).toBe(Math.floor((T0 + 30) / 30));
    expect(next.counter).toBe(1);
    expect(codes.secondsLeft()).toBe(30);
  });

  it('a tap within the step makes a different code with the next counter', () => {
    const { generator } = setup();
    const codes = generator();
    const first = codes.next()!;
    const tapped = codes.next()!;
    expect(tapped.step).toBe(first.step);
    expect(tapped.counter).toBe(first.counter + 1);
    expect(tapped.text).not.toBe(first.text);
  });

  it('never reuses a counter after a relaunch (the counter is in storage)', () => {
    const { storage, credential, deviceKey, clock } = setup();
    const counters: number[] = [];
    for (let launch = 0; launch < 3; launch += 1) {
      // A new wallet and generator over the same storage, as after a relaunch.
      const codes = createCodeGenerator({ wallet: createCodeWallet(storage), credential, deviceKey, now: clock.now });
      counters.push(codes.next()!.counter, codes.next()!.counter);
    }
    expect(counters).toEqual([0, 1, 2, 3, 4, 5]);
    const parsed = parseCode(decodeCodeText(createCodeGenerator({ wallet: createCodeWallet(storage), credential, deviceKey, now: clock.now }).next()!.text));
    expect(parsed.counter).toBe(6);
  });

  it('works with no network: codes come from the stored credential until it expires', () => {
    const { credential, clock, generator, issuer } = setup();
    clock.advance(credential.expiresAt - clock.seconds() - 31);
    const codes = generator();
    const late = codes.next()!;
    expect(issuer.verifier(() => clock.seconds()).verify(late.text).ok).toBe(true);
    clock.advance(31);
    expect(codes.expired()).toBe(true);
    expect(codes.next()).toBeNull();
    expect(codes.current()).toBeNull();
  });
});
