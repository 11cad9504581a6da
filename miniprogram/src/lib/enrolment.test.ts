import { base64urlEncode, bytesToHex, generateKeyPair, parseCredential, base64urlDecode } from '@yima/shared/code-protocol/index';
import { describe, expect, it, vi } from 'vitest';
import { AppError } from '../services/errors';
import { CODE_MEMBER, CODE_ORG, fakeRandomBytes, T0, testIssuer } from '../test-support/code-fixtures';
import { memoryStorage } from '../test-support/memory-storage';
import { createCodeWallet, type StoredCredential } from './code-wallet';
import { ensureCredential, type CredentialState, type EnrolmentDeps, RENEW_BEFORE_SECONDS, renewalReason } from './enrolment';

const member = { orgId: CODE_ORG, memberId: CODE_MEMBER };
const networkError = () => new AppError({ kind: 'network', code: 'network_error', message: '网络异常，请稍后重试', status: 0 });
const notEnrollable = () => new AppError({ kind: 'function', code: 'not_enrollable', message: 'this member is disabled', status: 403 });

function harness(startSeconds = T0) {
  const storage = memoryStorage();
  const wallet = createCodeWallet(storage);
  const issuer = testIssuer();
  let ms = startSeconds * 1000;
  let state: CredentialState | Error = { status: 'live' };
  const deps: EnrolmentDeps = {
    wallet,
    randomBytes: vi.fn(fakeRandomBytes(9)),
    enroll: vi.fn(async (input) => issuer.enroll(input, Math.floor(ms / 1000))),
    credentialState: vi.fn(async () => {
      if (state instanceof Error) throw state;
      return state;
    }),
    now: () => ms,
  };
  return {
    storage,
    wallet,
    issuer,
    deps,
    advance: (seconds: number) => void (ms += seconds * 1000),
    setState: (next: CredentialState | Error) => void (state = next),
  };
}

describe('renewalReason', () => {
  const device = 'ab'.repeat(32);
  const stored = { devicePublicKey: device, expiresAt: T0 + 72 * 3600 } as StoredCredential;
  it.each([
    ['no credential', null, device, T0, 'missing'],
    ['another device key', stored, 'cd'.repeat(32), T0, 'device_changed'],
    ['fresh', stored, device, T0, null],
    ['just outside the renewal window', stored, device, stored.expiresAt - RENEW_BEFORE_SECONDS - 1, null],
    ['within 12 h of expiry', stored, device, stored.expiresAt - RENEW_BEFORE_SECONDS, 'expiring'],
    ['expired', stored, device, stored.expiresAt, 'expired'],
  ] as const)('%s', (_label, credential, deviceHex, now, expected) => {
    expect(renewalReason(credential, deviceHex, now)).toBe(expected);
  });
});

describe('ensureCredential', () => {
  it('first launch: makes a device key from secure random bytes, enrols and stores credential and issuer keys', async () => {
    const h = harness();
    const ensured = await ensureCredential(h.deps, member);
    expect(h.deps.randomBytes).toHaveBeenCalledWith(32);
    const expectedKey = generateKeyPair(new Uint8Array(32).fill(9));
    expect(ensured.deviceKey.publicKey).toEqual(expectedKey.publicKey);
    expect(h.deps.enroll).toHaveBeenCalledWith({ orgId: CODE_ORG, devicePublicKey: base64urlEncode(expectedKey.publicKey) });
    expect(ensured).toMatchObject({ offline: false, renewed: 'missing' });
    const stored = h.wallet.credentialFor(CODE_ORG, CODE_MEMBER)!;
    expect(stored.credentialId).toBe(h.issuer.issued[0]!.credentialId);
    expect(stored.devicePublicKey).toBe(bytesToHex(expectedKey.publicKey));
    expect(stored.expiresAt).toBe(T0 + 72 * 3600);
    expect(stored.issuerKeys).toHaveLength(1);
    expect(stored.nextCounter).toBe(0);
    expect(h.wallet.deviceKey()?.publicKey).toEqual(expectedKey.publicKey);
  });

  it('next launch: keeps the stored credential and the device key when the server says it is live', async () => {
    const h = harness();
    await ensureCredential(h.deps, member);
    h.advance(3600);
    const again = await ensureCredential(h.deps, member);
    expect(h.deps.enroll).toHaveBeenCalledTimes(1);
    expect(h.deps.randomBytes).toHaveBeenCalledTimes(1);
    expect(h.deps.credentialState).toHaveBeenCalledWith(CODE_ORG, h.issuer.issued[0]!.credentialId);
    expect(again).toMatchObject({ offline: false, renewed: null });
    expect(again.credential.credentialId).toBe(h.issuer.issued[0]!.credentialId);
  });

  it('renews within 12 h of expiry, with the same device key (so the server revokes the old one)', async () => {
    const h = harness();
    await ensureCredential(h.deps, member);
    h.advance(72 * 3600 - RENEW_BEFORE_SECONDS - 60);
    await ensureCredential(h.deps, member);
    expect(h.deps.enroll).toHaveBeenCalledTimes(1);
    h.advance(120);
    const renewed = await ensureCredential(h.deps, member);
    expect(renewed.renewed).toBe('expiring');
    expect(h.deps.enroll).toHaveBeenCalledTimes(2);
    const [first, second] = vi.mocked(h.deps.enroll).mock.calls.map(([input]) => input.devicePublicKey);
    expect(second).toBe(first);
    expect(renewed.credential.credentialId).toBe(h.issuer.issued[1]!.credentialId);
    expect(renewed.credential.nextCounter).toBe(0);
  });

  it.each([
    ['revoked', { status: 'revoked', reason: 'lost_device' }],
    ['replaced', { status: 'revoked', reason: 'replaced' }],
    ['gone', { status: 'missing' }],
  ] as const)('enrols again when the server says the credential is %s', async (_label, state) => {
    const h = harness();
    await ensureCredential(h.deps, member);
    h.setState(state);
    const again = await ensureCredential(h.deps, member);
    expect(again.renewed).toBe('revoked');
    expect(h.deps.enroll).toHaveBeenCalledTimes(2);
    expect(again.credential.credentialId).toBe(h.issuer.issued[1]!.credentialId);
  });

  it('offline: keeps showing the stored credential (no enrolment attempted)', async () => {
    const h = harness();
    await ensureCredential(h.deps, member);
    h.setState(networkError());
    h.advance(48 * 3600);
    const offline = await ensureCredential(h.deps, member);
    expect(offline).toMatchObject({ offline: true, renewed: null });
    expect(h.deps.enroll).toHaveBeenCalledTimes(1);
  });

  it('offline and expiring: uses the stored credential until it expires, then fails', async () => {
    const h = harness();
    await ensureCredential(h.deps, member);
    vi.mocked(h.deps.enroll).mockRejectedValue(networkError());
    h.advance(70 * 3600);
    expect(await ensureCredential(h.deps, member)).toMatchObject({ offline: true, renewed: null });
    h.advance(2 * 3600);
    await expect(ensureCredential(h.deps, member)).rejects.toMatchObject({ kind: 'network' });
    expect(h.wallet.credentialFor(CODE_ORG, CODE_MEMBER)).not.toBeNull(); // kept for when the network is back
  });

  it('a refusal (member no longer enrollable) forgets the stored credential and reports the error', async () => {
    const h = harness();
    await ensureCredential(h.deps, member);
    h.setState({ status: 'revoked', reason: 'member_inactive' });
    vi.mocked(h.deps.enroll).mockRejectedValue(notEnrollable());
    await expect(ensureCredential(h.deps, member)).rejects.toMatchObject({ code: 'not_enrollable' });
    expect(h.wallet.credentialFor(CODE_ORG, CODE_MEMBER)).toBeNull();
  });

  it('refuses to store a credential bound to another device key', async () => {
    const h = harness();
    const other = generateKeyPair(new Uint8Array(32).fill(1));
    vi.mocked(h.deps.enroll).mockImplementation(async (input) => h.issuer.enroll({ ...input, devicePublicKey: base64urlEncode(other.publicKey) }, T0));
    await expect(ensureCredential(h.deps, member)).rejects.toMatchObject({ code: 'malformed_response' });
    expect(h.wallet.credentialFor(CODE_ORG, CODE_MEMBER)).toBeNull();
  });

  it('enrols again when the device key in storage no longer matches the credential', async () => {
    const h = harness();
    await ensureCredential(h.deps, member);
    h.wallet.saveDeviceKey(generateKeyPair(new Uint8Array(32).fill(4)));
    const again = await ensureCredential(h.deps, member);
    expect(again.renewed).toBe('device_changed');
    const bound = parseCredential(base64urlDecode(again.credential.credential)).fields.devicePublicKey!;
    expect(bound).toEqual(generateKeyPair(new Uint8Array(32).fill(4)).publicKey);
  });
});
