import { useEffect } from 'react';
import { toAppError } from '../services/errors.ts';
import type { AdminSession } from '../services/session.service.ts';
import { REFRESH_MARGIN_MS, refreshSession } from '../services/token-refresh.service.ts';

/** After a failed refresh that did not end the session (offline), try again this much later. */
const RETRY_MS = 30_000;
// setTimeout takes at most a 32-bit delay (~24.8 days).
const clampDelay = (ms: number) => Math.min(Math.max(ms, 0), 2 ** 31 - 1);

/**
 * Refreshes the session shortly after it enters the refresh margin, so an
 * idle console stays signed in. A dead refresh token ends the session (the
 * service clears it); a network failure is retried.
 */
export function useSessionKeeper(session: AdminSession | null): void {
  const accessToken = session?.accessToken;
  const expiresAt = session?.expiresAt;

  useEffect(() => {
    if (accessToken === undefined || expiresAt === undefined) return;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // +1 s: by then the token is inside the margin, so the refresh really runs.
    const dueIn = (at: number) => at - REFRESH_MARGIN_MS - Date.now() + 1000;
    const schedule = (delay: number) => {
      timer = setTimeout(run, clampDelay(delay));
    };
    const run = () => {
      refreshSession().then(
        (next) => {
          // A new token re-runs this effect; the same one (still fresh) needs a new timer here.
          if (!cancelled && next.accessToken === accessToken) schedule(dueIn(next.expiresAt));
        },
        (error: unknown) => {
          if (!cancelled && toAppError(error).kind !== 'session-expired') schedule(RETRY_MS);
        },
      );
    };
    schedule(dueIn(expiresAt));
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [accessToken, expiresAt]);
}
