import { generateKeyPair } from '@yima/shared/code-protocol/index';
import { describe, expect, it } from 'vitest';
import { memoryStorage } from '../test-support/memory-storage';
import { CAPTURE_EVENTS_STORAGE_KEY, createCodeWallet, MAX_CAPTURE_EVENTS, type StoredCredential } from './code-wallet';

const base: Omit<StoredCredential, 'nextCounter'> = {
  orgId: 'org-1',
  memberId: 'm-1',
  credentialId: 'cred-1',
  credential: 'AQ',
  devicePublicKey: 'ab'.repeat(32),
  notBefore: 0,
  expiresAt: 100,
  stepSeconds: 30,
  issuerKeys: [],
  enrolledAt: 0,
};

describe('code wallet', () => {
  it('persists the device key pair (secret as hex) and derives the public key again', () => {
    const storage = memoryStorage();
    const wallet = createCodeWallet(storage);
    expect(wallet.deviceKey()).toBeNull();
    const pair = generateKeyPair(new Uint8Array(32).fill(3));
    wallet.saveDeviceKey(pair);
    const again = createCodeWallet(storage).deviceKey();
    expect(again?.secretKey).toEqual(pair.secretKey);
    expect(again?.publicKey).toEqual(pair.publicKey);
  });

  it('hands out each counter once, persisted before it is returned, across restarts', () => {
    const storage = memoryStorage();
    const wallet = createCodeWallet(storage);
    wallet.saveCredential(base);
    expect(wallet.takeCounter('org-1', 'm-1', 'cred-1')).toBe(0);
    expect(wallet.takeCounter('org-1', 'm-1', 'cred-1')).toBe(1);
    // A relaunch reads storage: it continues, never repeats.
    const relaunched = createCodeWallet(storage);
    expect(relaunched.credentialFor('org-1', 'm-1')?.nextCounter).toBe(2);
    expect(relaunched.takeCounter('org-1', 'm-1', 'cred-1')).toBe(2);
  });

  it('keeps the counter when the same credential is saved again; a new credential starts at 0', () => {
    const wallet = createCodeWallet(memoryStorage());
    wallet.saveCredential(base);
    wallet.takeCounter('org-1', 'm-1', 'cred-1');
    wallet.takeCounter('org-1', 'm-1', 'cred-1');
    expect(wallet.saveCredential(base).nextCounter).toBe(2);
    expect(wallet.saveCredential({ ...base, credentialId: 'cred-2' }).nextCounter).toBe(0);
    expect(() => wallet.takeCounter('org-1', 'm-1', 'cred-1')).toThrow(/not stored/);
  });

  it('keeps one credential per org and member (org switch keeps both counters)', () => {
    const wallet = createCodeWallet(memoryStorage());
    wallet.saveCredential(base);
    wallet.saveCredential({ ...base, orgId: 'org-2', memberId: 'm-2', credentialId: 'cred-b' });
    wallet.takeCounter('org-1', 'm-1', 'cred-1');
    expect(wallet.credentialFor('org-1', 'm-1')?.nextCounter).toBe(1);
    expect(wallet.credentialFor('org-2', 'm-2')?.nextCounter).toBe(0);
    wallet.forgetCredential('org-1', 'm-1');
    expect(wallet.credentialFor('org-1', 'm-1')).toBeNull();
    expect(wallet.credentialFor('org-2', 'm-2')).not.toBeNull();
  });

  it('ignores corrupt storage', () => {
    const storage = memoryStorage();
    storage.setItem('yima.code.credentials', '{not json');
    storage.setItem('yima.code.device_key', 'xyz');
    const wallet = createCodeWallet(storage);
    expect(wallet.credentialFor('org-1', 'm-1')).toBeNull();
    expect(wallet.deviceKey()).toBeNull();
  });

  it('records screenshots locally, newest last, bounded', () => {
    const storage = memoryStorage();
    const wallet = createCodeWallet(storage);
    for (let i = 0; i < MAX_CAPTURE_EVENTS + 5; i += 1) wallet.recordCapture({ at: i, orgId: 'org-1', memberId: 'm-1', credentialId: 'cred-1' });
    const events = wallet.captureEvents();
    expect(events).toHaveLength(MAX_CAPTURE_EVENTS);
    expect(events.at(-1)?.at).toBe(MAX_CAPTURE_EVENTS + 4);
    expect(JSON.parse(storage.getItem(CAPTURE_EVENTS_STORAGE_KEY)!)).toHaveLength(MAX_CAPTURE_EVENTS);
  });
});
