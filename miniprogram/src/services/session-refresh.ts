// Renews the session with its refresh token, one renewal at a time. Refresh
// tokens rotate and the server treats a second use of an old one as theft
// (it signs the account out everywhere), so two requests that both find the
// token stale must share one refresh, never send two.
import type { StoreApi } from 'zustand';
import type { Session, SessionState } from '../stores/session.store';
import { isSessionError } from './errors';

export interface SessionRefresherDeps {
  store: Pick<StoreApi<SessionState>, 'getState'>;
  /** POST auth-session/refresh. */
  requestRefresh(refreshToken: string): Promise<Session>;
}

export function createSessionRefresher({ store, requestRefresh }: SessionRefresherDeps) {
  let inflight: Promise<string | null> | null = null;

  /** See SessionFetchHooks.refresh. Rejects on network trouble (the session is kept). */
  function refresh(staleToken?: string): Promise<string | null> {
    const session = store.getState().session;
    if (!session) return Promise.resolve(null);
    if (inflight) return inflight;
    if (staleToken !== undefined && session.accessToken !== staleToken) return Promise.resolve(session.accessToken);

    const used = session.refreshToken;
    inflight = (async () => {
      try {
        const next = await requestRefresh(used);
        // Signed out (or in as someone else) meanwhile: do not resurrect the old session.
        if (store.getState().session?.refreshToken !== used) return store.getState().session?.accessToken ?? null;
        store.getState().signIn(next);
        return next.accessToken;
      } catch (error) {
        // 401 refresh_token_invalid / refresh_token_reused: this session is over.
        if (isSessionError(error)) {
          if (store.getState().session?.refreshToken === used) store.getState().signOut();
          return null;
        }
        throw error;
      } finally {
        inflight = null;
      }
    })();
    return inflight;
  }

  return { refresh };
}

export type SessionRefresher = ReturnType<typeof createSessionRefresher>;
