// The fetch supabase-js gets (under its own auth headers): it renews the
// session's access token shortly before it expires, and once more when the
// gateway, PostgREST or a function still answers 401, then repeats the
// request once with the new token. Requests that carry the anon key (login,
// refresh and logout calls) pass straight through, which is also why a
// refresh can never wait on itself.
import { needsRefresh } from '../stores/session.store';

type FetchLike = (input: any, init?: any) => Promise<{ status: number }>;

export interface SessionFetchHooks {
  /** The session's access token and its expiry, or null when signed out. */
  current(): { accessToken: string; expiresAt: number } | null;
  /**
   * Renews the session (one refresh at a time) and resolves with the new
   * access token, or null when the session is over (signed out). When the
   * current token is no longer `staleToken`, someone already renewed it:
   * resolve with the current one without refreshing again.
   */
  refresh(staleToken: string): Promise<string | null>;
  now?: () => number;
}

function bearerOf(headers: Headers): string | null {
  const value = headers.get('authorization');
  return value && /^bearer /i.test(value) ? value.slice(7).trim() : null;
}

function withBearer(init: { headers?: unknown } | undefined, token: string): Record<string, unknown> {
  const headers = new Headers((init?.headers ?? undefined) as HeadersInit | undefined);
  headers.set('Authorization', `Bearer ${token}`);
  return { ...(init ?? {}), headers };
}

export function createSessionFetch<F extends FetchLike>(baseFetch: F, hooks: SessionFetchHooks): F {
  const now = hooks.now ?? Date.now;
  // A failed renewal is not the request's failure: send it with the old token
  // and let the server decide (a signed-out session then surfaces as a 401).
  const renew = (token: string) => hooks.refresh(token).catch(() => null);

  const sessionFetch = async (input: unknown, init?: { headers?: unknown; body?: unknown }) => {
    const session = hooks.current();
    const sent = bearerOf(new Headers((init?.headers ?? undefined) as HeadersInit | undefined));
    if (!session || !sent || sent !== session.accessToken) return baseFetch(input, init);

    let token = sent;
    if (needsRefresh(session, now())) token = (await renew(sent)) ?? sent;
    const response = await baseFetch(input, token === sent ? init : withBearer(init, token));
    if (response.status !== 401) return response;

    const renewed = await renew(token);
    if (!renewed || renewed === token) return response;
    return baseFetch(input, withBearer(init, renewed));
  };
  return sessionFetch as F;
}
