import { noticeErrorMessage } from '../lib/notices';
import { toAppError } from '../services/errors';
import { useFailureMessage } from './use-member-page';

const noticeMessage = (caught: unknown) => noticeErrorMessage(toAppError(caught));
const sessionMessage = (caught: unknown) => toAppError(caught).message;

/**
 * Turns a failure on a notice page into the zh-CN message to show, or null
 * when the session has ended (then it says so in a toast and signs out).
 */
export function useNoticeError(): (caught: unknown) => string | null {
  return useFailureMessage(noticeMessage, sessionMessage);
}
