import { useState } from 'react';
import { Link } from 'react-router-dom';
import { channelLabel, NoticeEditor, templateLabel } from '../components/notice-editor.tsx';
import { ConfirmDialog } from '../components/confirm-dialog.tsx';
import { ErrorNotice } from '../components/error-notice.tsx';
import { SuccessNotice } from '../components/success-notice.tsx';
import { noticePath } from '../constants/routes.ts';
import { useAction } from '../hooks/use-action.ts';
import { useNotices } from '../hooks/use-notices.ts';
import { t, type MessageKey } from '../i18n/index.ts';
import { formatDateTime } from '../lib/format.ts';
import type { AdminProfile } from '../services/admin-profile.service.ts';
import { cancelScheduledNotice, deleteNoticeDraft, type NoticeRow } from '../services/notices.service.ts';
import type { AdminSession } from '../services/session.service.ts';

/**
 * 通知公告: the notices this admin manages (title, template, status, sent
 * time, read/total) and the editor for a new notice or a draft. Sent notices
 * open their statistics page.
 */
export function NoticesPage({ session, profile }: { session: AdminSession; profile: AdminProfile }) {
  const orgId = session.member.org_id;
  const notices = useNotices(orgId);
  // `key` stays the same while one editor is open: saving a new draft must not
  // remount it (that would drop the uploaded sheet and the preview).
  const [editing, setEditing] = useState<{ key: string; notice?: NoticeRow }>();
  const [opened, setOpened] = useState(0);
  const [deleting, setDeleting] = useState<NoticeRow>();
  const remove = useAction((noticeId: string) => deleteNoticeDraft(orgId, noticeId));
  const [cancelling, setCancelling] = useState<NoticeRow>();
  const cancel = useAction((noticeId: string) => cancelScheduledNotice(orgId, noticeId));
  const onCancelScheduled = async () => {
    if (!cancelling) return;
    const outcome = await cancel.run(cancelling.id);
    if (outcome.ok) {
      setMessage(t('notices.cancelled', { title: cancelling.title }));
      setCancelling(undefined);
      notices.reload();
    }
  };
  const onDelete = async () => {
    if (!deleting) return;
    const outcome = await remove.run(deleting.id);
    if (outcome.ok) {
      if (editing?.notice?.id === deleting.id) setEditing(undefined);
      setMessage(t('notices.deleted', { title: deleting.title }));
      notices.reload();
    }
    setDeleting(undefined);
  };
  const open = (notice?: NoticeRow) => {
    setMessage(undefined);
    setOpened((n) => n + 1);
    setEditing({ key: `${opened}-${notice?.id ?? 'new'}`, notice });
  };
  const [message, setMessage] = useState<string>();

  return (
    <div className="page">
      <div className="toolbar">
        <h1 className="page__title">{t('notices.title')}</h1>
        <div className="toolbar__filters">
          <button
            type="button"
            className="button button--small"
            onClick={() => open()}
          >
            {t('notices.new')}
          </button>
        </div>
      </div>
      <SuccessNotice message={message} />
      {editing ? (
        <NoticeEditor
          key={editing.key}
          session={session}
          profile={profile}
          notice={editing.notice}
          onSaved={() => notices.reload()}
          onSent={(result) => {
            setEditing(undefined);
            setMessage(result.status === 'scheduled' ? t('notices.scheduled', { count: result.recipients }) : t('notices.sent', { count: result.recipients }));
            notices.reload();
          }}
          onClose={() => setEditing(undefined)}
        />
      ) : null}
      {remove.error ? <ErrorNotice error={remove.error} /> : null}
      {notices.error ? <ErrorNotice error={notices.error} onRetry={notices.reload} /> : null}
      <section className="card">
        <table className="table" aria-busy={notices.loading}>
          <thead>
            <tr>
              <th>{t('notices.col.title')}</th>
              <th>{t('notices.col.template')}</th>
              <th>{t('notices.col.channels')}</th>
              <th>{t('notices.col.status')}</th>
              <th>{t('notices.col.sentAt')}</th>
              <th>{t('notices.col.read')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {(notices.data ?? []).map((notice) => (
              <tr key={notice.id}>
                <td>{notice.title}</td>
                <td>{templateLabel(notice.template)}</td>
                <td>{notice.channels.map(channelLabel).join(' → ')}</td>
                <td>{t(`notices.status.${notice.status}` as MessageKey)}</td>
                <td>{notice.sent_at ? formatDateTime(notice.sent_at) : notice.scheduled_at ? t('notices.scheduledFor', { at: formatDateTime(notice.scheduled_at) }) : '—'}</td>
                <td>{notice.status === 'draft' ? '—' : `${notice.read_count}/${notice.recipient_count}`}</td>
                <td>
                  {notice.status === 'draft' ? (
                    <>
                      <button type="button" className="button button--ghost button--small" onClick={() => open(notice)}>
                        {t('notices.edit')}
                      </button>
                      <button type="button" className="button button--ghost button--small button--danger-text" onClick={() => setDeleting(notice)}>
                        {t('notices.delete')}
                      </button>
                    </>
                  ) : (
                    <>
                      <Link className="button button--ghost button--small" to={noticePath(notice.id)}>
                        {t('notices.stats')}
                      </Link>
                      {notice.status === 'scheduled' ? (
                        <button type="button" className="button button--ghost button--small button--danger-text" aria-label={t('notices.cancelOf', { title: notice.title })} onClick={() => setCancelling(notice)}>
                          {t('notices.cancelSend')}
                        </button>
                      ) : null}
                    </>
                  )}
                </td>
              </tr>
            ))}
            {notices.data && notices.data.length === 0 ? (
              <tr>
                <td colSpan={7} className="table__empty">
                  {t('notices.empty')}
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </section>
      {deleting ? (
        <ConfirmDialog
          title={t('notices.deleteTitle', { title: deleting.title })}
          confirmLabel={t('notices.delete')}
          busyLabel={t('common.saving')}
          busy={remove.busy}
          danger
          onConfirm={() => void onDelete()}
          onCancel={() => setDeleting(undefined)}
        >
          <p>{t('notices.deleteBody')}</p>
        </ConfirmDialog>
      ) : null}
      {cancelling ? (
        <ConfirmDialog
          title={t('notices.cancelTitle', { title: cancelling.title })}
          confirmLabel={t('notices.cancelSend')}
          busyLabel={t('common.saving')}
          busy={cancel.busy}
          danger
          onConfirm={() => void onCancelScheduled()}
          onCancel={() => {
            cancel.reset();
            setCancelling(undefined);
          }}
        >
          <p>{t('notices.cancelBody', { at: cancelling.scheduled_at ? formatDateTime(cancelling.scheduled_at) : '—' })}</p>
          {cancel.error ? <ErrorNotice error={cancel.error} /> : null}
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
