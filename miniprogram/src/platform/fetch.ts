import Taro from '@tarojs/taro';
import { IS_H5 } from './env';
import { createRequestFetch, type MiniRequest } from './request-fetch';

/**
 * The `fetch` the app hands to supabase-js and uses for /env.json.
 * H5: the browser's own. Mini-program: our adapter over Taro.request (wx.request).
 */
export function createPlatformFetch(): typeof fetch {
  if (IS_H5) return globalThis.fetch.bind(globalThis);
  // Taro.request's option type is wider than ours; the adapter only sends documented fields.
  return createRequestFetch(Taro.request as unknown as MiniRequest) as unknown as typeof fetch;
}
