// Shared by the adapter tests (not imported by adapters).
import { expect } from 'vitest';
import { AdapterError } from './adapter-error.ts';
import type { FetchLike } from './provider-http.ts';

/** Awaits `promise`, expects it to reject with an AdapterError, and returns that error. */
export async function adapterError(promise: Promise<unknown>): Promise<AdapterError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AdapterError);
    return error as AdapterError;
  }
  throw new Error('expected an AdapterError, but the call succeeded');
}

/** A URL nothing listens on (port 9 = discard, closed on test machines). */
export const CLOSED_URL = 'http://127.0.0.1:9';

/** Wraps fetch and records each request URL and init. */
export function recordingFetch(inner: FetchLike = (i, init) => globalThis.fetch(i, init)) {
  const calls: Array<{ url: string; init: RequestInit | undefined }> = [];
  const fetch: FetchLike = (input, init) => {
    calls.push({ url: input instanceof Request ? input.url : String(input), init });
    return inner(input, init);
  };
  return { fetch, calls };
}

/** A fetch that answers every request with this body. */
export function fixedFetch(body: string, status = 200): FetchLike {
  return async () => new Response(body, { status, headers: { 'content-type': 'application/json' } });
}
