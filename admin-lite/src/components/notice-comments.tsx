import { useAsync } from '../hooks/use-async.ts';
import { t } from '../i18n/index.ts';
import { formatDateTime } from '../lib/format.ts';
import { listNoticeComments } from '../services/notices.service.ts';
import { DataTable } from './data-table.tsx';
import { ErrorNotice } from './error-notice.tsx';

/** 评论: what recipients wrote under a reply notice, oldest first, with their names. */
export function NoticeComments({ orgId, noticeId }: { orgId: string; noticeId: string }) {
  const comments = useAsync(() => listNoticeComments(orgId, noticeId), [orgId, noticeId]);
  return (
    <section className="card" aria-label={t('notices.comments')}>
      <h2>{t('notices.comments')}</h2>
      {comments.error ? <ErrorNotice error={comments.error} onRetry={comments.reload} /> : null}
      <DataTable
        loading={comments.loading}
        rows={comments.data}
        rowKey={(c) => c.id}
        empty={t('notices.commentsEmpty')}
        columns={[
          { header: t('notices.comment.member'), cell: (c) => (c.employee_no ? `${c.name}（${c.employee_no}）` : c.name) },
          { header: t('notices.comment.body'), cell: (c) => c.body },
          { header: t('notices.comment.at'), cell: (c) => formatDateTime(c.created_at) },
        ]}
      />
    </section>
  );
}
