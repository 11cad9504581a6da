// Pure helpers of the 通行记录/考勤 page: local-day bounds for the event
// filter, refusal reasons in words, the attendance sheet rows, and the xlsx
// file (exceljs loaded on demand: ~1 MB, only needed when exporting).
import { t, type MessageKey } from '../i18n/index.ts';
import type { AttendanceRow } from '../services/access-events.service.ts';
import { formatDateTime } from './format.ts';

/** [start of `fromDate`, start of the day after `untilDate`) in the browser's zone, as ISO instants. */
export function dayBounds(fromDate: string, untilDate: string): { fromIso: string; untilIso: string } {
  const start = new Date(`${fromDate}T00:00:00`);
  const end = new Date(`${untilDate}T00:00:00`);
  end.setDate(end.getDate() + 1);
  return { fromIso: start.toISOString(), untilIso: end.toISOString() };
}

/** Days from `from` to `until`, both included; NaN for malformed dates. */
export function daySpan(fromDate: string, untilDate: string): number {
  const ms = Date.parse(`${untilDate}T00:00:00Z`) - Date.parse(`${fromDate}T00:00:00Z`);
  return ms / 86_400_000 + 1;
}

export const MAX_ATTENDANCE_DAYS = 93;

/** The first day of the 7 days ending on `today` (the default range of the event pages), 'YYYY-MM-DD'. */
export function weekAgo(today: Date): string {
  const d = new Date(today);
  d.setDate(d.getDate() - 6);
  return isoDay(d);
}

/** 'YYYY-MM-DD' of a date in the browser's zone. */
export function isoDay(date: Date): string {
  const y = date.getFullYear();
  const m = String(date.getMonth() + 1).padStart(2, '0');
  const d = String(date.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

const REASONS: Record<string, MessageKey> = {
  point_inactive: 'events.reason.point_inactive',
  key_retired: 'events.reason.key_retired',
  revoked: 'events.reason.revoked',
  member_inactive: 'events.reason.member_inactive',
  access_denied: 'events.reason.access_denied',
  replayed: 'events.reason.replayed',
  expired: 'events.reason.expired',
};

export function reasonText(reason: string | null): string {
  if (!reason) return '';
  const key = REASONS[reason];
  return key ? t(key) : reason;
}

export function attendanceHeader(): string[] {
  return [t('events.day'), t('events.employeeNo'), t('events.member'), t('events.department'), t('events.firstPass'), t('events.lastPass'), t('events.passes')];
}

/** One sheet row per person per day; times as HH:MM in `timeZone` (default: the browser's). */
export function attendanceSheetRows(rows: readonly AttendanceRow[], timeZone?: string): Array<[string, string, string, string, string, string, number]> {
  const time = (iso: string) => formatDateTime(iso, timeZone).slice(11);
  return rows.map((r) => [r.day, r.employee_no, r.member_name, r.department_name, time(r.first_pass), time(r.last_pass), r.passes]);
}

export function attendanceFileName(fromDate: string, untilDate: string): string {
  return `${t('events.tab.attendance')}_${fromDate}_${untilDate}.xlsx`;
}

type ExcelJs = typeof import('exceljs');

/** The attendance report as xlsx bytes. */
export async function buildAttendanceXlsx(rows: readonly AttendanceRow[], timeZone?: string): Promise<ArrayBuffer> {
  const mod = await import('exceljs');
  const ExcelJS = ((mod as { default?: ExcelJs }).default ?? mod) as ExcelJs;
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(t('events.tab.attendance'));
  sheet.addRow(attendanceHeader()).font = { bold: true };
  for (const row of attendanceSheetRows(rows, timeZone)) sheet.addRow(row);
  sheet.columns.forEach((column, i) => {
    column.width = [12, 12, 10, 16, 10, 10, 10][i] ?? 12;
  });
  return (await workbook.xlsx.writeBuffer()) as ArrayBuffer;
}
