import { vi } from 'vitest';

export interface FakeRequest {
  url: URL;
  method: string;
  headers: Headers;
  body: unknown;
  /** The bearer token sent, if any. */
  bearer: string | undefined;
}

export type FakeHandler = (request: FakeRequest) => Response | Promise<Response>;

export const jsonResponse = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

/** A fetch mock that hands each call, parsed, to `handler` (a fresh Response per call). */
export function fakeFetch(handler: FakeHandler) {
  return vi.fn<typeof fetch>(async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const headers = new Headers(init?.headers);
    const text = typeof init?.body === 'string' ? init.body : undefined;
    const auth = headers.get('authorization');
    return handler({
      url,
      method: init?.method ?? 'GET',
      headers,
      body: text ? (JSON.parse(text) as unknown) : undefined,
      bearer: auth?.toLowerCase().startsWith('bearer ') ? auth.slice(7) : undefined,
    });
  });
}

/** The requests a fake fetch received, parsed like the handler sees them. */
export function callsTo(mock: ReturnType<typeof fakeFetch>, path: string): FakeRequest[] {
  return mock.mock.calls
    .map(([input, init]) => {
      const headers = new Headers(init?.headers);
      const auth = headers.get('authorization');
      return {
        url: new URL(String(input)),
        method: init?.method ?? 'GET',
        headers,
        body: typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined,
        bearer: auth?.toLowerCase().startsWith('bearer ') ? auth.slice(7) : undefined,
      };
    })
    .filter((request) => request.url.pathname === path);
}
