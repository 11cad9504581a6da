import { BreachBarChart } from '../components/breach-bar-chart.tsx';
import { DataTable } from '../components/data-table.tsx';
import { DateRangeFields } from '../components/date-range-fields.tsx';
import { ErrorNotice } from '../components/error-notice.tsx';
import { useAsync } from '../hooks/use-async.ts';
import { useBusyTask } from '../hooks/use-busy-task.ts';
import { useDateRange } from '../hooks/use-date-range.ts';
import { t } from '../i18n/index.ts';
import { isoDay } from '../lib/access-report.ts';
import { downloadFile } from '../lib/download.ts';
import { breachFileName, breachTotals, buildBreachXlsx } from '../lib/ticket-report.ts';
import { breachesByMonth } from '../services/tickets.service.ts';

/** The first day of the month 11 months before `today` (a year of months by default). */
const yearAgo = (today: Date) => isoDay(new Date(today.getFullYear(), today.getMonth() - 11, 1));

/** 工单超时报表 (operators): tickets opened and SLA limits missed per month, as a table, bars and xlsx. */
export function TicketReportPage({ today = new Date() }: { today?: Date }) {
  const { fromDate, untilDate, setFromDate, setUntilDate, rangeOk } = useDateRange(today, yearAgo);
  const report = useAsync(() => (rangeOk ? breachesByMonth(fromDate, untilDate) : Promise.resolve(undefined)), [fromDate, untilDate, rangeOk]);
  const totals = report.data ? breachTotals(report.data) : undefined;
  const { busy: exporting, failed: exportError, run: runExport } = useBusyTask();
  const onExport = async () => {
    const rows = report.data;
    if (!rows) return;
    await runExport(async () => {
      downloadFile(await buildBreachXlsx(rows), breachFileName(fromDate, untilDate));
    });
  };

  return (
    <div className="page">
      <h1 className="page__title">{t('ops.report.title')}</h1>
      <div className="toolbar__filters card">
        <DateRangeFields fromDate={fromDate} untilDate={untilDate} onFromChange={setFromDate} onUntilChange={setUntilDate} />
        <button type="button" className="button button--small" disabled={exporting || !report.data || report.data.length === 0} onClick={() => void onExport()}>
          {exporting ? t('pay.exporting') : t('ops.report.export')}
        </button>
      </div>
      {!rangeOk ? <p className="notice notice--warn">{t('events.rangeInvalid')}</p> : null}
      {exportError ? <p className="notice notice--error">{t('pay.exportFailed')}</p> : null}
      {report.error ? <ErrorNotice error={report.error} onRetry={report.reload} /> : null}
      <DataTable
        loading={report.loading}
        rows={report.data}
        rowKey={(r) => r.month}
        empty={t('ops.report.empty')}
        columns={[
          { header: t('ops.report.month'), cell: (r) => r.month },
          { header: t('ops.report.opened'), cell: (r) => r.opened },
          { header: t('ops.report.responseBreaches'), cell: (r) => r.response_breaches },
          { header: t('ops.report.resolutionBreaches'), cell: (r) => r.resolution_breaches },
        ]}
        footer={totals && report.data && report.data.length > 0 ? [t('ops.report.total'), totals.opened, totals.response_breaches, totals.resolution_breaches] : undefined}
      />
      <h2>{t('ops.report.chart')}</h2>
      {report.data ? <BreachBarChart rows={report.data} /> : null}
    </div>
  );
}
