import { useState } from 'react';
import { DataTable } from '../components/data-table.tsx';
import { DateRangeFields } from '../components/date-range-fields.tsx';
import { ErrorNotice } from '../components/error-notice.tsx';
import { FilterSelect } from '../components/filter-select.tsx';
import { MemberSelect } from '../components/member-select.tsx';
import { Pagination } from '../components/pagination.tsx';
import { SuccessNotice } from '../components/success-notice.tsx';
import { CancelVisitDialog, VisitDetailDialog } from '../components/visit-dialogs.tsx';
import { useAsync } from '../hooks/use-async.ts';
import { useBusyTask } from '../hooks/use-busy-task.ts';
import { useDateRange } from '../hooks/use-date-range.ts';
import { useDebouncedValue } from '../hooks/use-debounced-value.ts';
import { t } from '../i18n/index.ts';
import { dayBounds, weekAgo } from '../lib/access-report.ts';
import { downloadFile } from '../lib/download.ts';
import { formatDateTime } from '../lib/format.ts';
import { buildVisitsXlsx, visitsFileName } from '../lib/visit-export.ts';
import type { AdminSession } from '../services/session.service.ts';
import { getVisitorSettings, listSites } from '../services/visitor-settings.service.ts';
import { CANCELLABLE, listAllVisits, listVisits, VISIT_EXPORT_MAX_ROWS, VISIT_SOURCES, VISIT_STATUSES, type VisitRow, type VisitSource, type VisitStatus } from '../services/visits.service.ts';

export const VISITS_PAGE_SIZE = 50;

type Dialog = { kind: 'detail'; visit: VisitRow } | { kind: 'cancel'; visit: VisitRow };

/** 访客记录: visits by window start, filtered and paged, with details, cancelling and an xlsx export. */
export function VisitsPage({ session, today = new Date() }: { session: AdminSession; today?: Date }) {
  const orgId = session.member.org_id;
  const { fromDate, untilDate, setFromDate, setUntilDate, rangeOk } = useDateRange(today, weekAgo);
  const [status, setStatus] = useState<VisitStatus | ''>('');
  const [siteId, setSiteId] = useState('');
  const [source, setSource] = useState<VisitSource | ''>('');
  const [hostId, setHostId] = useState('');
  const [term, setTerm] = useState('');
  const search = useDebouncedValue(term.trim(), 300);
  const [page, setPage] = useState(1);
  const [dialog, setDialog] = useState<Dialog>();
  const [message, setMessage] = useState<string>();
  const sites = useAsync(() => listSites(orgId), [orgId]);
  const settings = useAsync(() => getVisitorSettings(orgId), [orgId]);
  const filter = {
    orgId,
    ...dayBounds(fromDate, untilDate),
    status: status || undefined,
    siteId: siteId || undefined,
    source: source || undefined,
    hostId: hostId || undefined,
    search: search || undefined,
  };

  const visits = useAsync(
    () => (rangeOk ? listVisits({ ...filter, page, pageSize: VISITS_PAGE_SIZE }) : Promise.resolve(undefined)),
    [orgId, fromDate, untilDate, status, siteId, source, hostId, search, page, rangeOk],
  );

  const { busy: exporting, failed: exportError, run: runExport } = useBusyTask();
  const onExport = async () => {
    await runExport(async () => {
      const all = await listAllVisits(filter);
      downloadFile(await buildVisitsXlsx(all.rows), visitsFileName(fromDate, untilDate));
      if (all.truncated) setMessage(t('visitor.visits.exportTruncated', { max: VISIT_EXPORT_MAX_ROWS }));
    });
  };
  const refilter = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    setPage(1);
  };

  return (
    <div className="page">
      <h1 className="page__title">{t('visitor.visits.title')}</h1>
      <div className="toolbar__filters card">
        <DateRangeFields fromDate={fromDate} untilDate={untilDate} onFromChange={refilter(setFromDate)} onUntilChange={refilter(setUntilDate)} />
        <FilterSelect label={t('visitor.visits.status')} value={status} allLabel={t('visitor.visits.allStatuses')} options={VISIT_STATUSES.map((s) => ({ value: s, label: t(`visitor.status.${s}`) }))} onChange={refilter(setStatus)} />
        <FilterSelect label={t('visitor.visits.site')} value={siteId} allLabel={t('visitor.visits.allSites')} options={(sites.data ?? []).map((s) => ({ value: s.id, label: s.name }))} onChange={refilter(setSiteId)} />
        <FilterSelect label={t('visitor.visits.source')} value={source} allLabel={t('visitor.visits.allSources')} options={VISIT_SOURCES.map((s) => ({ value: s, label: t(`visitor.source.${s}`) }))} onChange={refilter(setSource)} />
        <input
          className="input input--compact"
          aria-label={t('visitor.visits.search')}
          placeholder={t('visitor.visits.search')}
          value={term}
          onChange={(e) => {
            setTerm(e.target.value);
            setPage(1);
          }}
        />
        <MemberSelect orgId={orgId} value={hostId} label={t('visitor.visits.host')} onChange={(id) => refilter(setHostId)(id)} />
        <button type="button" className="button button--small" disabled={exporting || !rangeOk} onClick={() => void onExport()}>
          {exporting ? t('pay.exporting') : t('pay.export')}
        </button>
      </div>
      {!rangeOk ? <p className="notice notice--warn">{t('events.rangeInvalid')}</p> : null}
      {exportError ? <p className="notice notice--error">{t('pay.exportFailed')}</p> : null}
      <SuccessNotice message={message} />
      {visits.error ? <ErrorNotice error={visits.error} onRetry={visits.reload} /> : null}
      <DataTable
        loading={visits.loading}
        rows={visits.data?.rows}
        rowKey={(v) => v.id}
        empty={t('visitor.visits.empty')}
        columns={[
          { header: t('visitor.visits.window'), cell: (v) => `${formatDateTime(v.window_from)} – ${formatDateTime(v.window_until)}` },
          {
            header: t('visitor.visits.visitor'),
            cell: (v) => (
              <>
                {v.visitor_name}
                {v.visitor_company ? <span className="muted">（{v.visitor_company}）</span> : null}
                {v.purged_at ? <div className="muted">{t('visitor.visits.purged')}</div> : null}
              </>
            ),
          },
          { header: t('visitor.visits.phone'), cell: (v) => (v.purged_at ? <span className="muted">{t('visitor.visits.purged')}</span> : (v.visitor_phone ?? t('common.none'))) },
          { header: t('visitor.visits.identity'), cell: (v) => v.identity_type ?? t('common.none') },
          { header: t('visitor.visits.host'), cell: (v) => v.host_name ?? t('common.none') },
          { header: t('visitor.visits.site'), cell: (v) => v.site_name ?? t('common.none') },
          { header: t('visitor.visits.source'), cell: (v) => t(`visitor.source.${v.source}`) },
          { header: t('visitor.visits.status'), cell: (v) => t(`visitor.status.${v.status}`) },
          {
            header: t('common.actions'),
            cell: (v) => (
              <>
                <button type="button" className="button button--ghost button--small" onClick={() => setDialog({ kind: 'detail', visit: v })}>
                  {t('visitor.visits.detail')}
                </button>
                {CANCELLABLE.has(v.status) ? (
                  <button type="button" className="button button--ghost button--small button--danger-text" onClick={() => setDialog({ kind: 'cancel', visit: v })}>
                    {t('visitor.visits.cancel')}
                  </button>
                ) : null}
              </>
            ),
          },
        ]}
      />
      <Pagination page={page} pageSize={VISITS_PAGE_SIZE} total={visits.data?.total ?? 0} disabled={visits.loading} onPageChange={setPage} />
      {dialog?.kind === 'detail' ? <VisitDetailDialog visit={dialog.visit} formFields={settings.data?.apply_form?.fields ?? []} onClose={() => setDialog(undefined)} /> : null}
      {dialog?.kind === 'cancel' ? (
        <CancelVisitDialog
          visit={dialog.visit}
          onCancel={() => setDialog(undefined)}
          onDone={() => {
            setMessage(t('visitor.visits.cancelled', { name: dialog.visit.visitor_name }));
            setDialog(undefined);
            visits.reload();
          }}
        />
      ) : null}
    </div>
  );
}
