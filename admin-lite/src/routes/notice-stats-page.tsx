import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ConfirmDialog } from '../components/confirm-dialog.tsx';
import { ErrorNotice } from '../components/error-notice.tsx';
import { NoticeComments } from '../components/notice-comments.tsx';
import { channelLabel, templateLabel } from '../components/notice-editor.tsx';
import { SuccessNotice } from '../components/success-notice.tsx';
import { ROUTES } from '../constants/routes.ts';
import { useAction } from '../hooks/use-action.ts';
import { useFormResponses, useNotice, useNoticeStats, useUnreadRecipients } from '../hooks/use-notices.ts';
import { t, type MessageKey } from '../i18n/index.ts';
import { downloadFile } from '../lib/download.ts';
import { formatDateTime } from '../lib/format.ts';
import { responseColumns, responsesWorkbook, responseTable } from '../lib/notice-export.ts';
import { repushUnread } from '../services/notices.service.ts';
import type { AdminSession } from '../services/session.service.ts';

const percent = (part: number, total: number) => (total > 0 ? Math.round((part / total) * 100) : 0);

/**
 * One notice's statistics: totals, read ratio per department (bars), delivery
 * status per channel, who has not read it (再次推送未读), and for form
 * notices the responses with an xlsx export.
 */
export function NoticeStatsPage({ session }: { session: AdminSession }) {
  const orgId = session.member.org_id;
  const noticeId = useParams().noticeId ?? '';
  const noticeState = useNotice(orgId, noticeId);
  const notice = noticeState.data;
  const stats = useNoticeStats(noticeId);
  const unread = useUnreadRecipients(orgId, noticeId);
  const isForm = notice?.template === 'form';
  const responses = useFormResponses(orgId, noticeId, isForm);
  const columns = useMemo(() => responseColumns(notice?.form_definition), [notice?.form_definition]);
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<string>();
  const repush = useAction(() => repushUnread(noticeId));
  const exporting = useAction(async () => {
    const data = await responsesWorkbook(columns, responses.data ?? []);
    downloadFile(data, `${notice?.title ?? 'notice'}-表单回复.xlsx`);
  });

  const onRepush = async () => {
    const outcome = await repush.run();
    setConfirming(false);
    if (outcome.ok) {
      setMessage(t('notices.repushed', { count: outcome.value }));
      stats.reload();
    }
  };

  const s = stats.data;
  const table = responseTable(columns, responses.data ?? []);

  return (
    <div className="page">
      <p>
        <Link to={ROUTES.notices}>{t('notices.back')}</Link>
      </p>
      <h1 className="page__title">{notice ? notice.title : t('notices.statsTitle')}</h1>
      {notice ? (
        <p className="muted">
          {templateLabel(notice.template)} · {t(`notices.status.${notice.status}` as MessageKey)}
          {notice.sent_at ? ` · ${formatDateTime(notice.sent_at)}` : ''}
        </p>
      ) : null}
      <SuccessNotice message={message} />
      {noticeState.error ? <ErrorNotice error={noticeState.error} onRetry={noticeState.reload} /> : null}
      {stats.error ? <ErrorNotice error={stats.error} onRetry={stats.reload} /> : null}
      {repush.error ? <ErrorNotice error={repush.error} /> : null}
      {s ? (
        <>
          <section className="card" aria-label={t('notices.totals')}>
            <dl className="notice-totals">
              <div>
                <dt>{t('notices.total')}</dt>
                <dd>{s.total}</dd>
              </div>
              <div>
                <dt>{t('notices.read')}</dt>
                <dd>
                  {s.read}（{percent(s.read, s.total)}%）
                </dd>
              </div>
              {notice?.template === 'receipt' ? (
                <div>
                  <dt>{t('notices.confirmed')}</dt>
                  <dd>{s.confirmed}</dd>
                </div>
              ) : null}
              {isForm ? (
                <div>
                  <dt>{t('notices.responses')}</dt>
                  <dd>{s.responses}</dd>
                </div>
              ) : null}
            </dl>
            <button type="button" className="button button--small" disabled={s.total === s.read || notice?.status !== 'sent'} onClick={() => setConfirming(true)}>
              {t('notices.repush')}
            </button>
          </section>
          <section className="card">
            <h2>{t('notices.byDepartment')}</h2>
            <table className="table">
              <thead>
                <tr>
                  <th>{t('notices.col.department')}</th>
                  <th>{t('notices.col.readTotal')}</th>
                  <th>{t('notices.col.ratio')}</th>
                </tr>
              </thead>
              <tbody>
                {s.by_department.map((d) => (
                  <tr key={d.department_id}>
                    <td>{d.name ?? d.department_id}</td>
                    <td>
                      {d.read}/{d.total}
                    </td>
                    <td>
                      <span className="ratio-bar" role="img" aria-label={`${percent(d.read, d.total)}%`}>
                        <span className="ratio-bar__fill" style={{ width: `${percent(d.read, d.total)}%` }} />
                      </span>{' '}
                      {percent(d.read, d.total)}%
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <section className="card">
            <h2>{t('notices.byChannel')}</h2>
            <table className="table">
              <thead>
                <tr>
                  <th>{t('notices.col.channel')}</th>
                  <th>{t('notices.col.deliveryStatus')}</th>
                  <th>{t('notices.col.count')}</th>
                </tr>
              </thead>
              <tbody>
                {(s.by_channel ?? []).map((c) => (
                  <tr key={`${c.channel}-${c.status}`}>
                    <td>{channelLabel(c.channel)}</td>
                    <td>{t(`notices.delivery.${c.status}` as MessageKey)}</td>
                    <td>{c.count}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </>
      ) : stats.loading ? (
        <p className="muted">{t('common.loading')}</p>
      ) : null}
      <section className="card">
        <h2>{t('notices.unreadList')}</h2>
        {unread.error ? <ErrorNotice error={unread.error} onRetry={unread.reload} /> : null}
        {unread.data && unread.data.length === 0 ? <p className="muted">{t('notices.allRead')}</p> : null}
        <ul className="notice-unread">
          {(unread.data ?? []).map((r) => (
            <li key={r.member_id}>
              {r.name}
              {r.employee_no ? `（${r.employee_no}）` : ''}
            </li>
          ))}
        </ul>
      </section>
      {notice?.template === 'reply' ? <NoticeComments orgId={orgId} noticeId={noticeId} /> : null}
      {isForm ? (
        <section className="card">
          <div className="toolbar">
            <h2 className="toolbar__title">{t('notices.formResponses')}</h2>
            <button
              type="button"
              className="button button--ghost button--small"
              disabled={exporting.busy || !responses.data || responses.data.length === 0}
              onClick={() => void exporting.run()}
            >
              {t('notices.exportXlsx')}
            </button>
          </div>
          {responses.error ? <ErrorNotice error={responses.error} onRetry={responses.reload} /> : null}
          {exporting.error ? <ErrorNotice error={exporting.error} /> : null}
          <table className="table">
            <thead>
              <tr>
                {table[0]!.map((h, i) => (
                  <th key={i}>{h}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.slice(1).map((row, i) => (
                <tr key={i}>
                  {row.map((cell, j) => (
                    <td key={j}>{j === 2 && cell ? formatDateTime(cell) : cell}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
      {confirming ? (
        <ConfirmDialog
          title={t('notices.repushTitle')}
          confirmLabel={t('notices.repush')}
          busyLabel={t('common.saving')}
          busy={repush.busy}
          onConfirm={() => void onRepush()}
          onCancel={() => setConfirming(false)}
        >
          <p>{t('notices.repushBody', { count: s ? s.total - s.read : 0 })}</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
