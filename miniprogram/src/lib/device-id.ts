// A per-install id that card-claim counts failed attempts against (with the
// account and the member), so switching accounts on one phone does not reset
// the lock-out. Not a secret and not a fingerprint: 32 random characters made
// once and kept in storage; clearing storage makes a new one.
import type { KeyValueStorage } from '../platform/storage';

export const DEVICE_ID_STORAGE_KEY = 'yima.device_id';
/** card-claim accepts 8-64 of these. */
export const DEVICE_ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';
const LENGTH = 32;

/** Random bytes: Web Crypto where it exists (H5), Math.random in the mini-program (no crypto global). */
function defaultRandomBytes(count: number): Uint8Array {
  const bytes = new Uint8Array(count);
  // `typeof` on the bare name: the mini-program may lack both `crypto` and `globalThis`.
  if (typeof crypto !== 'undefined' && typeof crypto.getRandomValues === 'function') return crypto.getRandomValues(bytes);
  for (let i = 0; i < count; i += 1) bytes[i] = Math.floor(Math.random() * 256);
  return bytes;
}

export function createDeviceId(randomBytes: (count: number) => Uint8Array = defaultRandomBytes): string {
  // 64 symbols: each byte's low 6 bits pick one, evenly.
  return Array.from(randomBytes(LENGTH), (byte) => ALPHABET[byte & 63]).join('');
}

/** The stored device id, made and stored on first use (a malformed stored value is replaced). */
export function getOrCreateDeviceId(storage: KeyValueStorage, randomBytes?: (count: number) => Uint8Array): string {
  const stored = storage.getItem(DEVICE_ID_STORAGE_KEY);
  if (stored && DEVICE_ID_PATTERN.test(stored)) return stored;
  const id = createDeviceId(randomBytes);
  storage.setItem(DEVICE_ID_STORAGE_KEY, id);
  return id;
}
