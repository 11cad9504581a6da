import { useCallback, useEffect, useState } from 'react';
import { reLaunch } from '../platform/navigation';
import { showToast } from '../platform/ui';
import { isSessionError } from '../services/errors';
import { isSignedIn, useSessionStore } from '../stores/session.store';

/**
 * A page for a member with a card: the session and the member's ids, sending
 * whoever is signed out to login and an account without a card to claim.
 */
export function useMemberPage() {
  const session = useSessionStore((state) => state.session);
  const signOut = useSessionStore((state) => state.signOut);
  const signedIn = isSignedIn(session);
  const orgId = session?.member?.orgId;
  const memberId = session?.member?.id;

  useEffect(() => {
    if (!signedIn) void reLaunch('login');
    else if (!memberId) void reLaunch('claim');
  }, [signedIn, memberId]);

  return { session, signOut, signedIn, orgId, memberId };
}

/**
 * Turns a failure into the message to show, or null when the session has
 * ended (then it says so in a toast and signs out). `messageOf` (and
 * `sessionMessageOf`, the toast's text, by default the same) must be stable:
 * module-level functions.
 */
export function useFailureMessage(
  messageOf: (caught: unknown) => string,
  sessionMessageOf: (caught: unknown) => string = messageOf,
): (caught: unknown) => string | null {
  const signOut = useSessionStore((state) => state.signOut);
  return useCallback(
    (caught: unknown): string | null => {
      if (isSessionError(caught)) {
        showToast(sessionMessageOf(caught));
        signOut();
        return null;
      }
      return messageOf(caught);
    },
    [signOut, messageOf, sessionMessageOf],
  );
}

/**
 * Data a page loads for the signed-in member (null until loaded), with the
 * message of a failed load and `reload`. Loads when the member changes;
 * `load` must be stable (useCallback) and returns null when there is nothing
 * to load yet.
 */
export function useAsyncData<T>(load: () => Promise<T> | null, fail: (caught: unknown) => string | null) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(async () => {
    const pending = load();
    if (!pending) return;
    setError(null);
    try {
      setData(await pending);
    } catch (caught) {
      const message = fail(caught);
      if (message) setError(message);
    }
  }, [load, fail]);

  useEffect(() => {
    void reload();
  }, [reload]);

  return { data, error, reload };
}
