// WHATWG URL and URLSearchParams for the mini-program, which has neither.
// config/index.ts injects these as the free variables `URL` and
// `URLSearchParams` in the weapp build (replacing Taro's TaroURL, which
// rejects ws:// URLs and ignores a base URL's path). core-js's implementation
// is spec-compliant and does not touch globals.
import CoreURL from 'core-js-pure/stable/url/index.js';
import CoreURLSearchParams from 'core-js-pure/stable/url-search-params/index.js';

export const URL: typeof globalThis.URL = CoreURL;
export const URLSearchParams: typeof globalThis.URLSearchParams = CoreURLSearchParams;
