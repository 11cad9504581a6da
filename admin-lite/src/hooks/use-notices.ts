import { getNotice, getNoticeStats, listFormResponses, listNotices, listUnreadRecipients, type FormResponseRow, type NoticeRow, type NoticeStats, type UnreadRecipient } from '../services/notices.service.ts';
import { useAsync, type AsyncState } from './use-async.ts';

export function useNotices(orgId: string): AsyncState<NoticeRow[]> {
  return useAsync(() => listNotices(orgId), [orgId]);
}

export function useNotice(orgId: string, noticeId: string): AsyncState<NoticeRow | undefined> {
  return useAsync(() => getNotice(orgId, noticeId), [orgId, noticeId]);
}

export function useNoticeStats(noticeId: string): AsyncState<NoticeStats> {
  return useAsync(() => getNoticeStats(noticeId), [noticeId]);
}

export function useUnreadRecipients(orgId: string, noticeId: string): AsyncState<UnreadRecipient[]> {
  return useAsync(() => listUnreadRecipients(orgId, noticeId), [orgId, noticeId]);
}

export function useFormResponses(orgId: string, noticeId: string, enabled: boolean): AsyncState<FormResponseRow[]> {
  return useAsync(() => (enabled ? listFormResponses(orgId, noticeId) : Promise.resolve([])), [orgId, noticeId, enabled]);
}
