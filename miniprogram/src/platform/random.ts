import { IS_H5 } from './env';

// Cryptographically secure random bytes, for the device key's seed. The
// mini-program has no `crypto.getRandomValues`; WeChat offers
// `wx.getRandomValues` instead. There is deliberately no Math.random
// fallback: a guessable seed would be a guessable device key.

export async function secureRandomBytes(count: number): Promise<Uint8Array> {
  if (IS_H5) {
    if (typeof crypto === 'undefined' || typeof crypto.getRandomValues !== 'function') {
      throw new Error('crypto.getRandomValues is not available');
    }
    return crypto.getRandomValues(new Uint8Array(count));
  }
  const api = typeof wx !== 'undefined' ? wx?.getRandomValues : undefined;
  if (!api) throw new Error('wx.getRandomValues is not available (base library too old)');
  return new Promise((resolve, reject) => {
    api({
      length: count,
      success: (res) => {
        const bytes = new Uint8Array(res.randomValues);
        if (bytes.length !== count) reject(new Error(`wx.getRandomValues returned ${bytes.length} bytes, wanted ${count}`));
        else resolve(bytes);
      },
      fail: (err) => reject(new Error(err?.errMsg || 'getRandomValues:fail')),
    });
  });
}
