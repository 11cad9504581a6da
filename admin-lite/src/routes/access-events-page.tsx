import { useState } from 'react';
import { DataTable } from '../components/data-table.tsx';
import { DateRangeFields } from '../components/date-range-fields.tsx';
import { ErrorNotice } from '../components/error-notice.tsx';
import { FilterSelect } from '../components/filter-select.tsx';
import { Pagination } from '../components/pagination.tsx';
import { useAsync } from '../hooks/use-async.ts';
import { useBusyTask } from '../hooks/use-busy-task.ts';
import { t } from '../i18n/index.ts';
import { attendanceFileName, buildAttendanceXlsx, dayBounds, daySpan, isoDay, MAX_ATTENDANCE_DAYS, reasonText, weekAgo } from '../lib/access-report.ts';
import { downloadFile } from '../lib/download.ts';
import { formatDateTime } from '../lib/format.ts';
import { attendanceDaily, listAccessEvents, type AttendanceRow } from '../services/access-events.service.ts';
import { listPoints } from '../services/points.service.ts';
import type { AdminSession } from '../services/session.service.ts';

export const EVENTS_PAGE_SIZE = 50;
type Result = 'all' | 'ok' | 'refused';

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
  const { busy: exporting, failed: exportError, run: runExport } = useBusyTask();
  const onExport = async (rows: AttendanceRow[]) => {
    await runExport(async () => {
      downloadFile(await buildAttendanceXlsx(rows), attendanceFileName(fromDate, untilDate));
    });
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
        <DateRangeFields fromDate={fromDate} untilDate={untilDate} onFromChange={filter(setFromDate)} onUntilChange={filter(setUntilDate)} />
        <FilterSelect label={t('events.point')} value={pointId} allLabel={t('events.allPoints')} options={(points.data ?? []).map((p) => ({ value: p.id, label: p.name }))} onChange={filter(setPointId)} />
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
          <DataTable
            loading={events.loading}
            rows={events.data?.rows}
            rowKey={(e) => e.id}
            empty={t('events.empty')}
            columns={[
              { header: t('events.time'), cell: (e) => formatDateTime(e.at) },
              { header: t('events.member'), cell: (e) => (e.member_name ? `${e.member_name}（${e.employee_no ?? ''}）` : <span className="muted">{t('events.unknownMember')}</span>) },
              { header: t('events.point'), cell: (e) => e.point_name ?? t('common.none') },
              { header: t('events.result'), cell: (e) => (e.ok ? t('events.result.ok') : t('events.result.refused')) },
              { header: t('events.reason'), cell: (e) => reasonText(e.reason) },
              { header: t('events.mode'), cell: (e) => t(`events.mode.${e.mode}`) },
            ]}
          />
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
          <DataTable
            loading={attendance.loading}
            rows={attendance.data}
            rowKey={(r) => `${r.day}-${r.member_id}`}
            empty={t('events.attendanceEmpty')}
            columns={[
              { header: t('events.day'), cell: (r) => r.day },
              { header: t('events.employeeNo'), cell: (r) => r.employee_no },
              { header: t('events.member'), cell: (r) => r.member_name },
              { header: t('events.department'), cell: (r) => r.department_name },
              { header: t('events.firstPass'), cell: (r) => formatDateTime(r.first_pass).slice(11) },
              { header: t('events.lastPass'), cell: (r) => formatDateTime(r.last_pass).slice(11) },
              { header: t('events.passes'), cell: (r) => r.passes },
            ]}
          />
        </>
      )}
    </div>
  );
}
