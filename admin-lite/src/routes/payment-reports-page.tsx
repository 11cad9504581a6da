import { useState } from 'react';
import { DailyBarChart } from '../components/daily-bar-chart.tsx';
import { DataTable } from '../components/data-table.tsx';
import { DateRangeFields } from '../components/date-range-fields.tsx';
import { ErrorNotice } from '../components/error-notice.tsx';
import { LedgerCheckButton } from '../components/ledger-check-button.tsx';
import { PaymentFlagsSection } from '../components/payment-flags-section.tsx';
import { PriceExplainForm } from '../components/price-explain-form.tsx';
import { SuccessNotice } from '../components/success-notice.tsx';
import { useAsync } from '../hooks/use-async.ts';
import { useBusyTask } from '../hooks/use-busy-task.ts';
import { useDateRange } from '../hooks/use-date-range.ts';
import { t } from '../i18n/index.ts';
import { dayBounds, isoDay } from '../lib/access-report.ts';
import { downloadFile } from '../lib/download.ts';
import { buildSettlementXlsx, settlementFileName } from '../lib/payment-export.ts';
import { money } from '../lib/payment-format.ts';
import { listStalls } from '../services/merchants.service.ts';
import { dailySeries, settlementReport, settlementTotals, type SettlementRow } from '../services/payment-reports.service.ts';
import type { AdminSession } from '../services/session.service.ts';

/** The RPCs refuse longer periods. */
export const MAX_REPORT_DAYS = 400;

/** The first day of the month of `today`, 'YYYY-MM-DD'. */
const monthStart = (today: Date) => isoDay(new Date(today.getFullYear(), today.getMonth(), 1));

/** 支付报表: settlement by merchant (合计, xlsx), net per day (bars), open flags, 价格试算. */
export function PaymentReportsPage({ session, today = new Date() }: { session: AdminSession; today?: Date }) {
  const orgId = session.member.org_id;
  const { fromDate, untilDate, setFromDate, setUntilDate, rangeOk } = useDateRange(today, monthStart, MAX_REPORT_DAYS);
  const [message, setMessage] = useState<string>();
  const bounds = dayBounds(fromDate, untilDate);
  const report = useAsync(() => (rangeOk ? settlementReport(orgId, bounds.fromIso, bounds.untilIso) : Promise.resolve(undefined)), [orgId, fromDate, untilDate, rangeOk]);
  const series = useAsync(() => (rangeOk ? dailySeries(orgId, bounds.fromIso, bounds.untilIso) : Promise.resolve(undefined)), [orgId, fromDate, untilDate, rangeOk]);
  const stalls = useAsync(() => listStalls(orgId), [orgId]);
  const totals = report.data ? settlementTotals(report.data) : undefined;

  const { busy: exporting, failed: exportError, run: runExport } = useBusyTask();
  const onExport = async (rows: SettlementRow[]) => {
    if (!totals) return;
    await runExport(async () => {
      downloadFile(await buildSettlementXlsx(rows, totals), settlementFileName(fromDate, untilDate));
    });
  };

  return (
    <div className="page">
      <h1 className="page__title">{t('pay.report.title')}</h1>
      <SuccessNotice message={message} />
      <div className="toolbar__filters card">
        <DateRangeFields fromDate={fromDate} untilDate={untilDate} onFromChange={setFromDate} onUntilChange={setUntilDate} />
        <button type="button" className="button button--small" disabled={exporting || !report.data || report.data.length === 0} onClick={() => report.data && void onExport(report.data)}>
          {exporting ? t('pay.exporting') : t('pay.export')}
        </button>
        <LedgerCheckButton orgId={orgId} />
      </div>
      {!rangeOk ? <p className="notice notice--warn">{t('pay.rangeTooLong', { max: MAX_REPORT_DAYS })}</p> : null}
      {exportError ? <p className="notice notice--error">{t('pay.exportFailed')}</p> : null}

      <h2>{t('pay.report.settlement')}</h2>
      {report.error ? <ErrorNotice error={report.error} onRetry={report.reload} /> : null}
      <DataTable
        loading={report.loading}
        rows={report.data}
        rowKey={(r) => r.merchant_id}
        empty={t('pay.report.empty')}
        columns={[
          { header: t('pay.report.merchant'), cell: (r) => r.merchant_name },
          { header: t('pay.report.payments'), cell: (r) => r.payments },
          { header: t('pay.report.paymentFen'), cell: (r) => money(r.payment_fen) },
          { header: t('pay.report.refunds'), cell: (r) => r.refunds },
          { header: t('pay.report.refundFen'), cell: (r) => money(r.refund_fen) },
          { header: t('pay.report.netFen'), cell: (r) => money(r.net_fen) },
          { header: t('pay.report.subsidyFen'), cell: (r) => money(r.subsidy_fen) },
          { header: t('pay.report.cashFen'), cell: (r) => money(r.cash_fen) },
          { header: t('pay.report.countUsed'), cell: (r) => r.count_used },
          { header: t('pay.report.overdraftFen'), cell: (r) => money(r.overdraft_fen) },
        ]}
        footer={
          totals && report.data && report.data.length > 0
            ? [
                t('pay.report.total'),
                totals.payments,
                money(totals.payment_fen),
                totals.refunds,
                money(totals.refund_fen),
                money(totals.net_fen),
                money(totals.subsidy_fen),
                money(totals.cash_fen),
                totals.count_used,
                money(totals.overdraft_fen),
              ]
            : undefined
        }
      />

      <h2>{t('pay.report.daily')}</h2>
      {series.error ? <ErrorNotice error={series.error} onRetry={series.reload} /> : null}
      {series.data ? <DailyBarChart rows={series.data} /> : null}

      <PaymentFlagsSection orgId={orgId} onMessage={setMessage} />
      <PriceExplainForm orgId={orgId} stalls={stalls.data ?? []} now={today} />
    </div>
  );
}
