import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { DataTable } from '../components/data-table.tsx';
import { ErrorNotice } from '../components/error-notice.tsx';
import { ROUTES } from '../constants/routes.ts';
import { useAsync } from '../hooks/use-async.ts';
import { useBusyTask } from '../hooks/use-busy-task.ts';
import { t, type MessageKey } from '../i18n/index.ts';
import { downloadFile } from '../lib/download.ts';
import { formatDateTime } from '../lib/format.ts';
import { eventScreenPath } from '../lib/scenario-paths.ts';
import { attendanceFileName, buildAttendanceXlsx } from '../lib/scenario-export.ts';
import { eventStats, getEvent, listEventAttempts, listEventAttendance } from '../services/events.service.ts';
import type { AdminSession } from '../services/session.service.ts';

const REASONS: Record<string, MessageKey> = {
  outside_geofence: 'scenario.reason.outside_geofence',
  location_required: 'scenario.reason.location_required',
  code_expired: 'scenario.reason.code_expired',
  bad_code: 'scenario.reason.bad_code',
  not_in_window: 'scenario.reason.not_in_window',
  not_invited: 'scenario.reason.not_invited',
  not_signed_in: 'scenario.reason.not_signed_in',
};
export const attemptReason = (reason: string) => (REASONS[reason] ? t(REASONS[reason]) : reason);

/** 活动统计: expected / signed in / out / refused, who is absent, refused attempts, and the attendance as xlsx. */
export function EventStatsPage({ session }: { session: AdminSession }) {
  const orgId = session.member.org_id;
  const { eventId = '' } = useParams();
  const event = useAsync(() => getEvent(orgId, eventId), [orgId, eventId]);
  const stats = useAsync(() => eventStats(eventId), [eventId]);
  const attempts = useAsync(() => listEventAttempts(orgId, eventId), [orgId, eventId]);
  const { busy: exporting, failed: exportError, run: runExport } = useBusyTask();

  const onExport = async () => {
    await runExport(async () => {
      const rows = await listEventAttendance(orgId, eventId);
      downloadFile(await buildAttendanceXlsx(rows), attendanceFileName(event.data?.title ?? eventId));
    });
  };

  const s = stats.data;
  return (
    <div className="page">
      <div className="toolbar">
        <h1 className="page__title">{t('scenario.stats.pageTitle', { name: event.data?.title ?? '' })}</h1>
        <div className="form-actions">
          <Link className="button button--ghost button--small" to={ROUTES.events}>
            {t('scenario.stats.back')}
          </Link>
          <Link className="button button--ghost button--small" to={eventScreenPath(eventId)}>
            {t('scenario.events.screen')}
          </Link>
          <button type="button" className="button button--small" onClick={stats.reload}>
            {t('scenario.stats.refresh')}
          </button>
          <button type="button" className="button button--small" disabled={exporting} onClick={() => void onExport()}>
            {exporting ? t('pay.exporting') : t('scenario.stats.export')}
          </button>
        </div>
      </div>
      {exportError ? <p className="notice notice--error">{t('pay.exportFailed')}</p> : null}
      {[event.error, stats.error, attempts.error].map((error, i) => (error ? <ErrorNotice key={i} error={error} /> : null))}
      {event.data ? (
        <p className="muted">
          {t('scenario.events.signIn')}：{formatDateTime(event.data.sign_in_from)} – {formatDateTime(event.data.sign_in_until)}
          {event.data.location_name ? ` · ${event.data.location_name}` : ''}
        </p>
      ) : null}
      <dl className="stats" aria-label={t('scenario.stats.title')}>
        {(
          [
            ['scenario.stats.expected', s?.expected],
            ['scenario.stats.signedIn', s?.signed_in],
            ['scenario.stats.signedOut', s?.signed_out],
            ['scenario.stats.refused', s?.refused],
          ] as const
        ).map(([label, value]) => (
          <div key={label}>
            <dt>{t(label)}</dt>
            <dd>{value ?? '–'}</dd>
          </div>
        ))}
      </dl>

      <h2>{t('scenario.stats.absentTitle', { n: s?.absent.length ?? 0 })}</h2>
      <DataTable
        loading={stats.loading}
        rows={s?.absent}
        rowKey={(a) => a.member_id}
        empty={t('scenario.stats.absentEmpty')}
        columns={[
          { header: t('scenario.stats.member'), cell: (a) => a.name },
          { header: t('scenario.stats.department'), cell: (a) => a.department ?? t('common.none') },
        ]}
      />

      <h2>{t('scenario.stats.attempts')}</h2>
      <DataTable
        loading={attempts.loading}
        rows={attempts.data}
        rowKey={(a) => a.id}
        empty={t('scenario.stats.attemptsEmpty')}
        columns={[
          { header: t('scenario.stats.at'), cell: (a) => formatDateTime(a.at) },
          { header: t('scenario.stats.member'), cell: (a) => a.member_name ?? t('common.none') },
          { header: t('scenario.stats.action'), cell: (a) => t(a.action === 'in' ? 'scenario.screen.signIn' : 'scenario.screen.signOut') },
          { header: t('scenario.stats.reason'), cell: (a) => attemptReason(a.reason) },
          { header: t('scenario.stats.distance'), cell: (a) => (a.distance_m === null ? t('common.none') : t('scenario.stats.meters', { m: a.distance_m })) },
        ]}
      />
    </div>
  );
}
