// The notice a link (pages/notice/index?id=...) asked for when it was opened
// signed out: kept across the login detour (reLaunch drops page parameters)
// and opened by the card page once the member has a card.
import { taroStorage, type KeyValueStorage } from '../platform/storage';

export const PENDING_NOTICE_STORAGE_KEY = 'yima.pending_notice';

export function createPendingNoticeStore(storage: KeyValueStorage) {
  return {
    get(): string | null {
      return storage.getItem(PENDING_NOTICE_STORAGE_KEY);
    },
    set(noticeId: string): void {
      storage.setItem(PENDING_NOTICE_STORAGE_KEY, noticeId);
    },
    /** Returns the pending notice id and forgets it. */
    take(): string | null {
      const id = storage.getItem(PENDING_NOTICE_STORAGE_KEY);
      if (id !== null) storage.removeItem(PENDING_NOTICE_STORAGE_KEY);
      return id;
    },
  };
}

export const pendingNotice = createPendingNoticeStore(taroStorage);
