// The 工单超时报表 sheet: one row per month, then 合计 (exceljs on demand via workbookOf).
import { t } from '../i18n/index.ts';
import type { BreachRow } from '../services/tickets.service.ts';
import { workbookOf } from './payment-export.ts';

export type BreachTotals = Omit<BreachRow, 'month'>;

export function breachTotals(rows: readonly BreachRow[]): BreachTotals {
  return rows.reduce((sum, r) => ({ opened: sum.opened + r.opened, response_breaches: sum.response_breaches + r.response_breaches, resolution_breaches: sum.resolution_breaches + r.resolution_breaches }), {
    opened: 0,
    response_breaches: 0,
    resolution_breaches: 0,
  });
}

export function breachHeader(): string[] {
  return [t('ops.report.month'), t('ops.report.opened'), t('ops.report.responseBreaches'), t('ops.report.resolutionBreaches')];
}

export function breachSheetRows(rows: readonly BreachRow[]): Array<Array<string | number>> {
  const totals = breachTotals(rows);
  return [...rows.map((r) => [r.month, r.opened, r.response_breaches, r.resolution_breaches]), [t('ops.report.total'), totals.opened, totals.response_breaches, totals.resolution_breaches]];
}

export const breachFileName = (fromDate: string, untilDate: string) => `${t('ops.report.title')}_${fromDate}_${untilDate}.xlsx`;

export function buildBreachXlsx(rows: readonly BreachRow[]): Promise<ArrayBuffer> {
  return workbookOf(t('ops.report.title'), breachHeader(), breachSheetRows(rows), []);
}
