import { describe, expect, it } from 'vitest';
import { memoryStorage } from '../test-support/memory-storage';
import { createDeviceId, DEVICE_ID_PATTERN, DEVICE_ID_STORAGE_KEY, getOrCreateDeviceId } from './device-id';

describe('device id', () => {
  it('is 32 characters card-claim accepts', () => {
    for (let i = 0; i < 20; i += 1) expect(createDeviceId()).toMatch(DEVICE_ID_PATTERN);
    expect(createDeviceId((n) => new Uint8Array(n).fill(255))).toBe('-'.repeat(32));
  });

  it('is made once and kept in storage', () => {
    const storage = memoryStorage();
    const first = getOrCreateDeviceId(storage);
    expect(storage.data.get(DEVICE_ID_STORAGE_KEY)).toBe(first);
    expect(getOrCreateDeviceId(storage)).toBe(first);
  });

  it('replaces a malformed stored value', () => {
    const storage = memoryStorage();
    storage.setItem(DEVICE_ID_STORAGE_KEY, 'bad id!');
    const id = getOrCreateDeviceId(storage);
    expect(id).toMatch(DEVICE_ID_PATTERN);
    expect(storage.data.get(DEVICE_ID_STORAGE_KEY)).toBe(id);
  });
});
