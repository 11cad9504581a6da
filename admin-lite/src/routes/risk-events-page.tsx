import { useState } from 'react';
import { DataTable } from '../components/data-table.tsx';
import { DateRangeFields } from '../components/date-range-fields.tsx';
import { ErrorNotice } from '../components/error-notice.tsx';
import { FilterSelect } from '../components/filter-select.tsx';
import { Pagination } from '../components/pagination.tsx';
import { useAsync } from '../hooks/use-async.ts';
import { useDebouncedValue } from '../hooks/use-debounced-value.ts';
import { t } from '../i18n/index.ts';
import { dayBounds, daySpan, isoDay, weekAgo } from '../lib/access-report.ts';
import { formatDateTime } from '../lib/format.ts';
import { countByDay, riskDetailText, type DayKindCounts } from '../lib/risk-report.ts';
import { listRiskEvents, RISK_EVENT_KINDS, type RiskEventKind } from '../services/risk-events.service.ts';
import type { AdminSession } from '../services/session.service.ts';

export const RISK_PAGE_SIZE = 50;
const SEARCH_DEBOUNCE_MS = 300;

/** 安全风险: screenshots / screen recordings of the code page (filters: dates, kind, member; paged), with per-day counts. */
export function RiskEventsPage({ session, today = new Date() }: { session: AdminSession; today?: Date }) {
  const orgId = session.member.org_id;
  const [fromDate, setFromDate] = useState(() => weekAgo(today));
  const [untilDate, setUntilDate] = useState(() => isoDay(today));
  const [kind, setKind] = useState<RiskEventKind | ''>('');
  const [searchText, setSearchText] = useState('');
  const search = useDebouncedValue(searchText.trim(), SEARCH_DEBOUNCE_MS);
  const [page, setPage] = useState(1);
  const span = daySpan(fromDate, untilDate);
  const rangeOk = Number.isFinite(span) && span >= 1;

  const events = useAsync(
    () =>
      rangeOk
        ? listRiskEvents({ orgId, ...dayBounds(fromDate, untilDate), kind: kind || undefined, search: search || undefined, page, pageSize: RISK_PAGE_SIZE })
        : Promise.resolve(undefined),
    [orgId, fromDate, untilDate, kind, search, page, rangeOk],
  );
  const filter = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    setPage(1);
  };
  // The search box resets the page when the debounced term changes (not on every keystroke).
  const [searched, setSearched] = useState(search);
  if (searched !== search) {
    setSearched(search);
    setPage(1);
  }

  // Per-day summary from the rows of the current page, not a grouped query:
  // PostgREST aggregates are off in this project (no db-aggregates-enabled)
  // and risk_events has no counting RPC, so an exact range-wide count by day
  // would need a migration. Risk events are rare, so the filtered range
  // usually fits on one page and the summary is then exact; when it does not,
  // the caption says the counts cover this page only.
  const rows = events.data?.rows;
  const total = events.data?.total ?? 0;
  const summary = rows && rows.length > 0 ? countByDay(rows) : undefined;

  return (
    <div className="page">
      <h1 className="page__title">{t('risk.title')}</h1>
      <p className="muted">{t('risk.hint')}</p>
      <div className="toolbar__filters card">
        <DateRangeFields fromDate={fromDate} untilDate={untilDate} onFromChange={filter(setFromDate)} onUntilChange={filter(setUntilDate)} />
        <FilterSelect label={t('risk.kind')} value={kind} allLabel={t('risk.kind.all')} options={RISK_EVENT_KINDS.map((k) => ({ value: k, label: t(`risk.kind.${k}`) }))} onChange={filter(setKind)} />
        <input
          type="search"
          className="input input--compact"
          aria-label={t('risk.searchLabel')}
          placeholder={t('risk.searchPlaceholder')}
          value={searchText}
          maxLength={50}
          onChange={(e) => setSearchText(e.target.value)}
        />
      </div>
      {!rangeOk ? <p className="notice notice--warn">{t('events.rangeInvalid')}</p> : null}
      {events.error ? <ErrorNotice error={events.error} onRetry={events.reload} /> : null}

      {summary ? (
        <DataTable
          className="table--compact"
          caption={rows && total > rows.length ? t('risk.summary.page', { shown: rows.length, total }) : t('risk.summary.all', { total })}
          rows={summary}
          rowKey={(d) => d.day}
          empty=""
          columns={[
            { header: t('events.day'), cell: (d) => d.day },
            ...RISK_EVENT_KINDS.map((k) => ({ header: t(`risk.kind.${k}`), cell: (d: DayKindCounts) => d[k] })),
            { header: t('risk.summary.total'), cell: (d) => d.total },
          ]}
        />
      ) : null}

      <DataTable
        loading={events.loading}
        rows={rows}
        rowKey={(e) => e.id}
        empty={t('risk.empty')}
        columns={[
          { header: t('events.time'), cell: (e) => formatDateTime(e.at) },
          {
            header: t('events.member'),
            cell: (e) =>
              e.member_name ? (e.employee_no ? `${e.member_name}（${e.employee_no}）` : e.member_name) : <span className="muted">{t('events.unknownMember')}</span>,
          },
          { header: t('events.department'), cell: (e) => e.department_name ?? t('common.none') },
          { header: t('risk.kind'), cell: (e) => t(`risk.kind.${e.kind}`) },
          { header: t('risk.device'), cell: (e) => riskDetailText(e.detail) || t('common.none') },
        ]}
      />
      <Pagination page={page} pageSize={RISK_PAGE_SIZE} total={total} disabled={events.loading} onPageChange={setPage} />
    </div>
  );
}
