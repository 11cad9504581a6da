import { useState } from 'react';
import { ErrorNotice } from '../components/error-notice.tsx';
import { Pagination } from '../components/pagination.tsx';
import { useAsync } from '../hooks/use-async.ts';
import { t } from '../i18n/index.ts';
import { attendanceFileName, buildAttendanceXlsx, dayBounds, daySpan, isoDay, MAX_ATTENDANCE_DAYS, reasonText } from '../lib/access-report.ts';
import { downloadFile } from '../lib/download.ts';
import { formatDateTime } from '../lib/format.ts';
import { attendanceDaily, listAccessEvents, type AttendanceRow } from '../services/access-events.service.ts';
import { listPoints } from '../services/points.service.ts';
import type { AdminSession } from '../services/session.service.ts';

export const EVENTS_PAGE_SIZE = 50;
type Result = 'all' | 'ok' | 'refused';

function weekAgo(today: Date): string {
  const d = new Date(today);
  d.setDate(d.getDate() - 6);
  return isoDay(d);
}

/** 通行记录 (filters: dates, device, result; paged) and 考勤汇总 (date range, xlsx export). */
export function AccessEventsPage({ session, today = new Date() }: { session: AdminSession; today?: Date }) {
  const orgId = session.member.org_id;
  const [tab, setTab] = useState<'events' | 'attendance'>('events');
  const [fromDate, setFromDate] = useState(() => weekAgo(today));
  const [untilDate, setUntilDate] = useState(() => isoDay(today));
  const [pointId, setPointId] = useState('');
  const [result, setResult] = useState<Result>('all');
  const [page, setPage] = useState(1);
  const points = useAsync(() => listPoints(orgId), [orgId]);
  const span = daySpan(fromDate, untilDate);
  const rangeOk = Number.isFinite(span) && span >= 1 && (tab === 'events' || span <= MAX_ATTENDANCE_DAYS);

  const events = useAsync(
    () =>
      tab === 'events' && rangeOk
        ? listAccessEvents({ orgId, ...dayBounds(fromDate, untilDate), pointId: pointId || undefined, ok: result === 'all' ? undefined : result === 'ok', page, pageSize: EVENTS_PAGE_SIZE })
        : Promise.resolve(undefined),
    [orgId, tab, fromDate, untilDate, pointId, result, page, rangeOk],
  );
  const attendance = useAsync(
    () => (tab === 'attendance' && rangeOk ? attendanceDaily(orgId, fromDate, untilDate, pointId ? [pointId] : null) : Promise.resolve(undefined)),
    [orgId, tab, fromDate, untilDate, pointId, rangeOk],
  );
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState(false);
  const onExport = async (rows: AttendanceRow[]) => {
    setExporting(true);
    setExportError(false);
    try {
      downloadFile(await buildAttendanceXlsx(rows), attendanceFileName(fromDate, untilDate));
    } catch {
      setExportError(true);
    } finally {
      setExporting(false);
    }
  };
  const filter = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    setPage(1);
  };

  return (
    <div className="page">
      <h1 className="page__title">{t('events.title')}</h1>
      <div className="tabs" role="tablist">
        {(['events', 'attendance'] as const).map((name) => (
          <button key={name} type="button" role="tab" aria-selected={tab === name} className={`button button--small${tab === name ? '' : ' button--ghost'}`} onClick={() => setTab(name)}>
            {t(`events.tab.${name}`)}
          </button>
        ))}
      </div>
      <div className="toolbar__filters card">
        <label>
          {t('events.from')} <input className="input input--compact" type="date" value={fromDate} onChange={(e) => filter(setFromDate)(e.target.value)} />
        </label>
        <label>
          {t('events.until')} <input className="input input--compact" type="date" value={untilDate} onChange={(e) => filter(setUntilDate)(e.target.value)} />
        </label>
        <label>
          {t('events.point')}{' '}
          <select className="input input--compact" value={pointId} onChange={(e) => filter(setPointId)(e.target.value)}>
            <option value="">{t('events.allPoints')}</option>
            {(points.data ?? []).map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        {tab === 'events' ? (
          <label>
            {t('events.result')}{' '}
            <select className="input input--compact" value={result} onChange={(e) => filter(setResult)(e.target.value as Result)}>
              <option value="all">{t('events.result.all')}</option>
              <option value="ok">{t('events.result.ok')}</option>
              <option value="refused">{t('events.result.refused')}</option>
            </select>
          </label>
        ) : null}
      </div>
      {!rangeOk ? <p className="notice notice--warn">{tab === 'attendance' ? t('events.rangeTooLong', { max: MAX_ATTENDANCE_DAYS }) : t('events.rangeInvalid')}</p> : null}

      {tab === 'events' ? (
        <>
          {events.error ? <ErrorNotice error={events.error} onRetry={events.reload} /> : null}
          <div className="card table-wrap">
            <table className="table" aria-busy={events.loading}>
              <thead>
                <tr>
                  <th>{t('events.time')}</th>
                  <th>{t('events.member')}</th>
                  <th>{t('events.point')}</th>
                  <th>{t('events.result')}</th>
                  <th>{t('events.reason')}</th>
                  <th>{t('events.mode')}</th>
                </tr>
              </thead>
              <tbody>
                {(events.data?.rows ?? []).map((e) => (
                  <tr key={e.id}>
                    <td>{formatDateTime(e.at)}</td>
                    <td>{e.member_name ? `${e.member_name}（${e.employee_no ?? ''}）` : <span className="muted">{t('events.unknownMember')}</span>}</td>
                    <td>{e.point_name ?? t('common.none')}</td>
                    <td>{e.ok ? t('events.result.ok') : t('events.result.refused')}</td>
                    <td>{reasonText(e.reason)}</td>
                    <td>{t(`events.mode.${e.mode}`)}</td>
                  </tr>
                ))}
                {events.data && events.data.rows.length === 0 ? (
                  <tr>
                    <td colSpan={6} className="table__empty">
                      {t('events.empty')}
                    </td>
                  </tr>
                ) : null}
              </tbody>
            </table>
          </div>
          <Pagination page={page} pageSize={EVENTS_PAGE_SIZE} total={events.data?.total ?? 0} disabled={events.loading} onPageChange={setPage} />
        </>
      ) : (
        <>
          <p className="muted">{t('events.attendanceHint')}</p>
          {attendance.error ? <ErrorNotice error={attendance.error} onRetry={attendance.reload} /> : null}
          <button type="button" className="button button--small" disabled={exporting || !attendance.data || attendance.data.length === 0} onClick={() => attendance.data && void onExport(attendance.data)}>
            {exporting ? t('events.exporting') : t('events.export')}
          </button>
          {exportError ? <p className="notice notice--error">{t('events.exportFailed')}</p> : null}
          <div className="card table-wrap">
            <table className="table" aria-busy={attendance.loading}>
              <thead>
                <tr>
                  <th>{t('events.day')}</th>
                  <th>{t('events.employeeNo')}</th>
                  <th>{t('events.member')}</th>
                  <th>{t('events.department')}</th>
                  <th>{t('events.firstPass')}</th>
                  <th>{t('events.lastPass')}</th>
                  <th>{t('events.passes')}</th>
                </tr>
              </thead>
              <tbody>
                {(attendance.data ?? []).map((r) => (
                  <tr key={`${r.day}-${r.member_id}`}>
                    <td>{r.day}</td>
                    <td>{r.employee_no}</td>
                    <td>{r.member_name}</td>
                    <td>{r.department_name}</td>
                    <td>{formatDateTime(r.first_pass).slice(11)}</td>
                    <td>{formatDateTime(r.last_pass).slice(11)}</td>
                    <td>{r.passes}</td>
                  </tr>
                ))}
                {attendance.data && attendance.data.length === 0 ? (
                  <tr>
                    <td colSpan={7} className="table__empty">
                      {t('events.attendanceEmpty')}
                    </td>
                  </tr>
                ) : null}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}
