import { describe, expect, it } from 'vitest';
import { attendanceFileName, attendanceHeader, attendanceSheetRows, buildAttendanceXlsx, dayBounds, daySpan, isoDay, reasonText } from './access-report.ts';

const ROW = { day: '2026-11-24', member_id: 'm1', member_name: '王芳', employee_no: 'E007', department_name: '前端组', first_pass: '2026-11-24T00:58:00Z', last_pass: '2026-11-24T10:03:00Z', passes: 4 };

describe('access report helpers', () => {
  it('turns a date range into local-day bounds and counts days', () => {
    const { fromIso, untilIso } = dayBounds('2026-11-01', '2026-11-07');
    expect(new Date(untilIso).getTime() - new Date(fromIso).getTime()).toBe(7 * 86_400_000);
    expect(isoDay(new Date(fromIso))).toBe('2026-11-01');
    expect(daySpan('2026-11-01', '2026-11-01')).toBe(1);
    expect(daySpan('2026-01-01', '2026-04-03')).toBe(93);
    expect(daySpan('2026-11-02', '2026-11-01')).toBe(0);
  });

  it('explains refusals and keeps unknown codes visible', () => {
    expect(reasonText('access_denied')).toBe('通行规则不允许');
    expect(reasonText('weird_new_reason')).toBe('weird_new_reason');
    expect(reasonText(null)).toBe('');
  });

  it('formats attendance rows in the given time zone', () => {
    expect(attendanceSheetRows([ROW], 'Asia/Shanghai')).toEqual([['2026-11-24', 'E007', '王芳', '前端组', '08:58', '18:03', 4]]);
    expect(attendanceFileName('2026-11-01', '2026-11-30')).toBe('考勤汇总_2026-11-01_2026-11-30.xlsx');
  });

  it('writes an xlsx that reads back with the header and rows', async () => {
    const bytes = await buildAttendanceXlsx([ROW], 'Asia/Shanghai');
    const ExcelJS = (await import('exceljs')).default;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe('考勤汇总');
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(attendanceHeader());
    expect((sheet.getRow(2).values as unknown[]).slice(1)).toEqual(['2026-11-24', 'E007', '王芳', '前端组', '08:58', '18:03', 4]);
  });
});
