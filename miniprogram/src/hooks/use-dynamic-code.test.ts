import { base64urlEncode, bytesToHex, decodeCodeText, generateKeyPair, parseCode } from '@yima/shared/code-protocol/index';
import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCodeWallet } from '../lib/code-wallet';
import type { EnsuredCredential } from '../lib/enrolment';
import { CODE_ORG, T0, testIssuer } from '../test-support/code-fixtures';
import { memoryStorage } from '../test-support/memory-storage';
import { useDynamicCode } from './use-dynamic-code';

function setup() {
  const wallet = createCodeWallet(memoryStorage());
  const deviceKey = generateKeyPair(new Uint8Array(32).fill(6));
  const enrolment = testIssuer().enroll({ orgId: CODE_ORG, devicePublicKey: base64urlEncode(deviceKey.publicKey) }, T0);
  const credential = wallet.saveCredential({ ...enrolment, devicePublicKey: bytesToHex(deviceKey.publicKey), enrolledAt: T0 });
  const ensured: EnsuredCredential = { credential, deviceKey, offline: false, renewed: 'missing' };
  return { wallet, ensured };
}

const counterOf = (text: string | undefined) => parseCode(decodeCodeText(text!)).counter;

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime((T0 + 20) * 1000); // 10 s before a step boundary
});
afterEach(() => vi.useRealTimers());

describe('useDynamicCode (fake clock)', () => {
  it('shows a code at once, counts down, and replaces it at the step boundary', () => {
    const { wallet, ensured } = setup();
    const { result } = renderHook(() => useDynamicCode(ensured, wallet));
    const first = result.current.frame!;
    expect(first.step).toBe(Math.floor((T0 + 20) / 30));
    expect(result.current.secondsLeft).toBe(10);
    act(() => void vi.advanceTimersByTime(4000));
    expect(result.current.secondsLeft).toBe(6);
    expect(result.current.frame).toBe(first);
    act(() => void vi.advanceTimersByTime(6000));
    expect(result.current.frame!.step).toBe(first.step + 1);
    expect(counterOf(result.current.frame!.text)).toBe(1);
    expect(result.current.secondsLeft).toBe(30);
    expect(wallet.credentialFor(CODE_ORG, ensured.credential.memberId)!.nextCounter).toBe(2);
  });

  it('refresh() (a tap) makes a new code within the step', () => {
    const { wallet, ensured } = setup();
    const { result } = renderHook(() => useDynamicCode(ensured, wallet));
    const first = result.current.frame!;
    act(() => result.current.refresh());
    expect(result.current.frame!.step).toBe(first.step);
    expect(result.current.frame!.counter).toBe(first.counter + 1);
  });

  it('spends no counters while the page is hidden, and catches up when shown', () => {
    const { wallet, ensured } = setup();
    const { result, rerender } = renderHook(({ active }) => useDynamicCode(ensured, wallet, active), { initialProps: { active: true } });
    rerender({ active: false });
    act(() => void vi.advanceTimersByTime(120_000));
    expect(result.current.frame!.counter).toBe(0);
    expect(wallet.credentialFor(CODE_ORG, ensured.credential.memberId)!.nextCounter).toBe(1);
    rerender({ active: true });
    expect(result.current.frame!.counter).toBe(1);
    expect(result.current.frame!.step).toBe(Math.floor((T0 + 140) / 30));
  });

  it('makes codes on the corrected clock and follows a new offset from the wallet', () => {
    const { wallet, ensured } = setup();
    const fast = { ...ensured, credential: { ...ensured.credential, clockOffsetMs: -600_000 } };
    wallet.updateClockOffset({ offsetMs: -600_000, uncertaintyMs: 1000 });
    const { result } = renderHook(() => useDynamicCode(fast, wallet));
    expect(result.current.frame!.step).toBe(Math.floor((T0 + 20 - 600) / 30));
    expect(result.current.clockOffsetMs).toBe(-600_000);
    act(() => void wallet.updateClockOffset({ offsetMs: 0, uncertaintyMs: 1000 }));
    expect(result.current.clockOffsetMs).toBe(0);
    expect(result.current.frame!.step).toBe(Math.floor((T0 + 20) / 30));
  });

  it('stops when the credential expires (offline too long)', () => {
    const { wallet, ensured } = setup();
    vi.setSystemTime((ensured.credential.expiresAt - 5) * 1000);
    const { result } = renderHook(() => useDynamicCode(ensured, wallet));
    expect(result.current.frame).not.toBeNull();
    act(() => void vi.advanceTimersByTime(6000));
    expect(result.current.expired).toBe(true);
    expect(result.current.frame).toBeNull();
  });
});
