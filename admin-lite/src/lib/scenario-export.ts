// The 场景应用 xlsx exports (one sheet each, via workbookOf): an event's
// attendance, a registration point's records (one column per form field),
// and the meal headcounts with a 合计 row. Rows are plain arrays (tested).
import type { FormDefinition } from '@yima/shared';
import { t } from '../i18n/index.ts';
import type { AttendanceRow } from '../services/events.service.ts';
import type { HeadcountRow, HeadcountTotals } from '../services/meal-booking.service.ts';
import type { RegistrationRecordRow } from '../services/registration.service.ts';
import { formatDateTime } from './format.ts';
import { workbookOf } from './payment-export.ts';

type Cell = string | number;
const safeName = (text: string) => text.replace(/[\\/:*?"<>|]/g, '_');
const time = (iso: string | null, timeZone?: string) => (iso ? formatDateTime(iso, timeZone) : '');
const distance = (m: number | null): Cell => (m === null ? '' : m);

export function attendanceHeader(): string[] {
  return [t('scenario.stats.member'), t('scenario.stats.employeeNo'), t('scenario.stats.signedInAt'), t('scenario.stats.signInDistance'), t('scenario.stats.method'), t('scenario.stats.signedOutAt'), t('scenario.stats.signOutDistance')];
}

export function attendanceSheetRows(rows: readonly AttendanceRow[], timeZone?: string): Cell[][] {
  return rows.map((r) => [
    r.member_name ?? r.member_id,
    r.employee_no ?? '',
    time(r.signed_in_at, timeZone),
    distance(r.sign_in_distance_m),
    t(`scenario.method.${r.sign_in_method}`),
    time(r.signed_out_at, timeZone),
    distance(r.sign_out_distance_m),
  ]);
}

export const attendanceFileName = (title: string) => `${safeName(title)}_${t('scenario.stats.attendance')}.xlsx`;

export function buildAttendanceXlsx(rows: readonly AttendanceRow[], timeZone?: string): Promise<ArrayBuffer> {
  return workbookOf(t('scenario.stats.attendance'), attendanceHeader(), attendanceSheetRows(rows, timeZone), []);
}

/** An answer as text: choices joined with 、, nothing as ''. */
export function answerText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(String).join(t('common.listSeparator'));
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** The answer columns: the form's fields in order, then keys only found in answers (older versions of the form). */
export function answerColumns(form: FormDefinition | null, rows: readonly RegistrationRecordRow[]): Array<{ key: string; label: string }> {
  const columns = (form?.fields ?? []).map((f) => ({ key: f.key, label: f.label }));
  const known = new Set(columns.map((c) => c.key));
  for (const row of rows)
    for (const key of Object.keys(row.answers ?? {}))
      if (!known.has(key)) {
        known.add(key);
        columns.push({ key, label: key });
      }
  return columns;
}

export function recordsHeader(columns: ReadonlyArray<{ label: string }>): string[] {
  return [t('scenario.records.at'), t('scenario.stats.member'), t('scenario.stats.employeeNo'), ...columns.map((c) => c.label)];
}

export function recordsSheetRows(rows: readonly RegistrationRecordRow[], columns: ReadonlyArray<{ key: string }>, timeZone?: string): Cell[][] {
  return rows.map((r) => [time(r.at, timeZone), r.member_name ?? r.member_id, r.employee_no ?? '', ...columns.map((c) => answerText(r.answers?.[c.key]))]);
}

export const recordsFileName = (pointName: string) => `${safeName(pointName)}_${t('scenario.records.title')}.xlsx`;

export function buildRecordsXlsx(rows: readonly RegistrationRecordRow[], form: FormDefinition | null, timeZone?: string): Promise<ArrayBuffer> {
  const columns = answerColumns(form, rows);
  return workbookOf(t('scenario.records.title'), recordsHeader(columns), recordsSheetRows(rows, columns, timeZone), []);
}

export function headcountHeader(): string[] {
  return [t('scenario.meal.day'), t('scenario.meal.meal'), t('scenario.meal.canteen'), t('scenario.meal.toPrepare'), t('scenario.meal.booked'), t('scenario.meal.redeemed'), t('scenario.meal.noShow'), t('scenario.meal.cancelled')];
}

const counts = (r: HeadcountTotals): Cell[] => [r.to_prepare, r.booked, r.redeemed, r.no_show, r.cancelled];

/** One row per day × meal × canteen, then 合计. */
export function headcountSheetRows(rows: readonly HeadcountRow[], totals: HeadcountTotals): Cell[][] {
  return [...rows.map((r) => [r.day, r.meal_name, r.merchant_name, ...counts(r)]), [t('pay.report.total'), '', '', ...counts(totals)]];
}

export const headcountFileName = (fromDate: string, untilDate: string) => `${t('scenario.meal.headcounts')}_${fromDate}_${untilDate}.xlsx`;

export function buildHeadcountXlsx(rows: readonly HeadcountRow[], totals: HeadcountTotals): Promise<ArrayBuffer> {
  return workbookOf(t('scenario.meal.headcounts'), headcountHeader(), headcountSheetRows(rows, totals), []);
}
