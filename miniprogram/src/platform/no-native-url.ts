// What core-js itself sees as `URL` / `URLSearchParams` in the weapp build:
// nothing, as in the real mini-program. Without this, the injected polyfill
// would be fed back into core-js's own feature detection (a circular import).
// See config/index.ts.
export const URL = undefined;
export const URLSearchParams = undefined;
