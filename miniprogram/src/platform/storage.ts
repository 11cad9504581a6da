import Taro from '@tarojs/taro';

/** The synchronous key-value storage shape zustand's persist middleware wants. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/**
 * Storage on Taro.getStorageSync / setStorageSync: wx storage in the
 * mini-program, localStorage on H5. wx returns '' for a missing key.
 */
export const taroStorage: KeyValueStorage = {
  getItem(key) {
    try {
      const value: unknown = Taro.getStorageSync(key);
      return typeof value === 'string' && value !== '' ? value : null;
    } catch {
      return null;
    }
  },
  setItem(key, value) {
    Taro.setStorageSync(key, value);
  },
  removeItem(key) {
    Taro.removeStorageSync(key);
  },
};
