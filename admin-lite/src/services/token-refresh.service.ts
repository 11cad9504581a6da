// Keeps the admin's access token fresh through auth-session/refresh:
//  - before expiry (freshAccessToken, called before every request, and the
//    timer in useSessionKeeper);
//  - once after a 401 (withSessionRetry wraps fetch for supabase-js and
//    callFunction), then the request is repeated with the new token.
// Refresh tokens rotate and the server ends every session when an old one
// is presented again, so a refresh is single-flight in this tab, runs under
// a Web Lock across tabs where available, and re-reads storage first: if
// another tab already rotated, its result is adopted instead.
import { AppError } from './errors.ts';
import { backendConfig } from './backend-config.ts';
import { requestFunction } from './function-request.ts';
import { clearSession, getSession, reloadSessionFromStorage, saveSession, type AdminSession } from './session.service.ts';
import { parseResponse, sessionFromToken, TokenResponseSchema } from './token-response.ts';

/** Refresh when less than this is left, so no request goes out with a token about to die. */
export const REFRESH_MARGIN_MS = 60_000;
const LOCK_NAME = 'yima.admin.session-refresh';

let inflight: Promise<AdminSession> | undefined;

function isFresh(session: AdminSession, now: number): boolean {
  return session.expiresAt - now > REFRESH_MARGIN_MS;
}

async function withCrossTabLock<T>(task: () => Promise<T>): Promise<T> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (!locks?.request) return task();
  return locks.request(LOCK_NAME, task) as Promise<T>;
}

async function refreshNow(rejectedToken: string | undefined): Promise<AdminSession> {
  const session = reloadSessionFromStorage();
  if (!session) throw new AppError('session-expired', 'no session to refresh', 'no_session', 401);
  // Someone (this tab or another) already replaced the token that failed or was about to expire.
  if (session.accessToken !== rejectedToken && isFresh(session, Date.now())) return session;
  let body: unknown;
  try {
    body = await requestFunction('auth-session/refresh', { method: 'POST', body: { refresh_token: session.refreshToken } });
  } catch (error) {
    if (error instanceof AppError && error.kind === 'session-expired') {
      clearSession(error.code === 'refresh_token_reused' ? 'revoked' : 'expired');
    }
    throw error;
  }
  const next = sessionFromToken(parseResponse(TokenResponseSchema, body), {
    ...(session.orgName ? { orgName: session.orgName } : {}),
    ...(session.adminOrgIds ? { adminOrgIds: session.adminOrgIds } : {}),
  });
  return saveSession(next);
}

/**
 * Renews the session with its refresh token and stores the rotated pair.
 * `rejectedToken`: the access token a 401 came back for; when the stored
 * token is already a different, fresh one, no refresh is spent.
 * A dead refresh token (401) ends the session and rethrows; other failures
 * (network) rethrow and keep the session for a later try.
 */
export function refreshSession(rejectedToken?: string): Promise<AdminSession> {
  inflight ??= withCrossTabLock(() => refreshNow(rejectedToken)).finally(() => {
    inflight = undefined;
  });
  return inflight;
}

/** The bearer for the next request, refreshed first when it is about to expire; null when signed out. */
export async function freshAccessToken(now = Date.now()): Promise<string | null> {
  const session = getSession();
  if (!session) return null;
  if (isFresh(session, now)) return session.accessToken;
  try {
    return (await refreshSession()).accessToken;
  } catch {
    // Could not refresh (offline, or the session just ended): send what is
    // still valid, else nothing; the 401 path and the pages take it from there.
    const still = getSession();
    return still && still.expiresAt > Date.now() ? still.accessToken : null;
  }
}

function bearerOf(headers: Headers): string | undefined {
  const value = headers.get('authorization');
  return value?.toLowerCase().startsWith('bearer ') ? value.slice(7).trim() : undefined;
}

/**
 * Wraps fetch: a 401 to a request that carried a user token (not the anon
 * key) refreshes the session once and repeats the request with the new
 * token. A second 401 is returned as is (no loop). When the refresh itself
 * fails for a network reason that error is thrown; when the session is dead
 * the original 401 is returned (and the session is already cleared).
 */
export function withSessionRetry(baseFetch: () => typeof fetch = () => globalThis.fetch): typeof fetch {
  return async (input, init) => {
    const response = await baseFetch()(input, init);
    if (response.status !== 401) return response;
    const headers = new Headers(init?.headers);
    const sent = bearerOf(headers);
    if (!sent || sent === backendConfig().anonKey || !getSession()) return response;
    let next: AdminSession;
    try {
      next = await refreshSession(sent);
    } catch (error) {
      if (error instanceof AppError && error.kind === 'session-expired') return response;
      throw error;
    }
    headers.set('authorization', `Bearer ${next.accessToken}`);
    return baseFetch()(input, { ...init, headers });
  };
}

/** Test hook. */
export function resetRefreshStateForTests(): void {
  inflight = undefined;
}
