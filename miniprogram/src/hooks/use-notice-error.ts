import { useCallback } from 'react';
import { noticeErrorMessage } from '../lib/notices';
import { showToast } from '../platform/ui';
import { isSessionError, toAppError } from '../services/errors';
import { useSessionStore } from '../stores/session.store';

/**
 * Turns a failure on a notice page into the zh-CN message to show, or null
 * when the session has ended (then it says so in a toast and signs out).
 */
export function useNoticeError(): (caught: unknown) => string | null {
  const signOut = useSessionStore((state) => state.signOut);
  return useCallback(
    (caught: unknown): string | null => {
      const appError = toAppError(caught);
      if (isSessionError(appError)) {
        showToast(appError.message);
        signOut();
        return null;
      }
      return noticeErrorMessage(appError);
    },
    [signOut],
  );
}
