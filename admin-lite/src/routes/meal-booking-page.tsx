import { useState } from 'react';
import { DataTable } from '../components/data-table.tsx';
import { DateRangeFields } from '../components/date-range-fields.tsx';
import { ErrorNotice } from '../components/error-notice.tsx';
import { MealBookingSettings } from '../components/meal-booking-settings.tsx';
import { SuccessNotice } from '../components/success-notice.tsx';
import { useAsync } from '../hooks/use-async.ts';
import { useBusyTask } from '../hooks/use-busy-task.ts';
import { useDateRange } from '../hooks/use-date-range.ts';
import { t } from '../i18n/index.ts';
import { weekAgo } from '../lib/access-report.ts';
import { canUseFunction } from '../lib/admin-nav.ts';
import { downloadFile } from '../lib/download.ts';
import { buildHeadcountXlsx, headcountFileName } from '../lib/scenario-export.ts';
import type { AdminProfile } from '../services/admin-profile.service.ts';
import { headcountTotals, MAX_HEADCOUNT_DAYS, mealHeadcounts, noShowReport } from '../services/meal-booking.service.ts';
import type { AdminSession } from '../services/session.service.ts';

/** 报餐管理: headcounts per day × meal × canteen (合计, xlsx), no-shows per member, and the booking settings. */
export function MealBookingPage({ session, profile, today = new Date() }: { session: AdminSession; profile: AdminProfile; today?: Date }) {
  const orgId = session.member.org_id;
  const { fromDate, untilDate, setFromDate, setUntilDate, rangeOk } = useDateRange(today, weekAgo, MAX_HEADCOUNT_DAYS);
  const [message, setMessage] = useState<string>();
  const counts = useAsync(() => (rangeOk ? mealHeadcounts(orgId, fromDate, untilDate) : Promise.resolve(undefined)), [orgId, fromDate, untilDate, rangeOk]);
  const noShows = useAsync(() => (rangeOk ? noShowReport(orgId, fromDate, untilDate) : Promise.resolve(undefined)), [orgId, fromDate, untilDate, rangeOk]);
  const totals = counts.data ? headcountTotals(counts.data) : undefined;
  const { busy: exporting, failed: exportError, run: runExport } = useBusyTask();

  const onExport = async () => {
    const rows = counts.data;
    if (!rows || !totals) return;
    await runExport(async () => {
      downloadFile(await buildHeadcountXlsx(rows, totals), headcountFileName(fromDate, untilDate));
    });
  };

  return (
    <div className="page">
      <h1 className="page__title">{t('scenario.meal.title')}</h1>
      <SuccessNotice message={message} />
      <div className="toolbar__filters card">
        <DateRangeFields fromDate={fromDate} untilDate={untilDate} onFromChange={setFromDate} onUntilChange={setUntilDate} />
        <button type="button" className="button button--small" disabled={exporting || !counts.data || counts.data.length === 0} onClick={() => void onExport()}>
          {exporting ? t('pay.exporting') : t('pay.export')}
        </button>
      </div>
      {!rangeOk ? <p className="notice notice--warn">{t('pay.rangeTooLong', { max: MAX_HEADCOUNT_DAYS })}</p> : null}
      {exportError ? <p className="notice notice--error">{t('pay.exportFailed')}</p> : null}

      <h2>{t('scenario.meal.headcounts')}</h2>
      <p className="muted">{t('scenario.meal.headcountsHint')}</p>
      {counts.error ? <ErrorNotice error={counts.error} onRetry={counts.reload} /> : null}
      <DataTable
        loading={counts.loading}
        rows={counts.data}
        rowKey={(r) => `${r.day}-${r.meal_period_id}-${r.merchant_id}`}
        empty={t('scenario.meal.empty')}
        columns={[
          { header: t('scenario.meal.day'), cell: (r) => r.day },
          { header: t('scenario.meal.meal'), cell: (r) => r.meal_name },
          { header: t('scenario.meal.canteen'), cell: (r) => r.merchant_name },
          { header: t('scenario.meal.toPrepare'), cell: (r) => r.to_prepare },
          { header: t('scenario.meal.booked'), cell: (r) => r.booked },
          { header: t('scenario.meal.redeemed'), cell: (r) => r.redeemed },
          { header: t('scenario.meal.noShow'), cell: (r) => r.no_show },
          { header: t('scenario.meal.cancelled'), cell: (r) => r.cancelled },
        ]}
        footer={totals && counts.data && counts.data.length > 0 ? [t('pay.report.total'), '', '', totals.to_prepare, totals.booked, totals.redeemed, totals.no_show, totals.cancelled] : undefined}
      />

      <h2>{t('scenario.meal.noShows')}</h2>
      {noShows.error ? <ErrorNotice error={noShows.error} onRetry={noShows.reload} /> : null}
      <DataTable
        loading={noShows.loading}
        rows={noShows.data}
        rowKey={(r) => r.member_id}
        empty={t('scenario.meal.noShowsEmpty')}
        columns={[
          { header: t('scenario.stats.member'), cell: (r) => r.name ?? t('common.none') },
          { header: t('scenario.stats.employeeNo'), cell: (r) => r.employee_no ?? t('common.none') },
          { header: t('scenario.meal.noShowCount'), cell: (r) => r.no_shows },
          { header: t('scenario.meal.lastNoShow'), cell: (r) => r.last_day },
        ]}
      />

      <MealBookingSettings orgId={orgId} canEdit={canUseFunction(profile, 'payment')} onMessage={setMessage} />
    </div>
  );
}
