// Form responses as an xlsx sheet: 姓名, 工号, 提交时间, then one column per
// form field (labels from the definition; multi-select answers joined with
// "、"). exceljs is loaded on demand, like the import page does.
import type { FormResponseRow } from '../services/notices.service.ts';

type ExcelJs = typeof import('exceljs');
const loadExcel = () => import('exceljs').then((m) => ((m as { default?: ExcelJs }).default ?? m) as ExcelJs);

export interface ResponseColumn {
  key: string;
  label: string;
}

/** The fields of a stored form definition, as columns (unknown shapes give none). */
export function responseColumns(definition: unknown): ResponseColumn[] {
  const fields = (definition as { fields?: Array<{ key?: unknown; label?: unknown }> } | null)?.fields;
  if (!Array.isArray(fields)) return [];
  return fields.filter((f) => typeof f.key === 'string').map((f) => ({ key: f.key as string, label: typeof f.label === 'string' ? f.label : (f.key as string) }));
}

export function answerText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(answerText).join('、');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Header row then one row per response: plain strings, ready for a sheet or a table. */
export function responseTable(columns: readonly ResponseColumn[], rows: readonly FormResponseRow[]): string[][] {
  return [
    ['姓名', '工号', '提交时间', ...columns.map((c) => c.label)],
    ...rows.map((r) => [r.name, r.employee_no ?? '', r.submitted_at, ...columns.map((c) => answerText(r.answers[c.key]))]),
  ];
}

export async function responsesWorkbook(columns: readonly ResponseColumn[], rows: readonly FormResponseRow[]): Promise<ArrayBuffer> {
  const ExcelJS = await loadExcel();
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('表单回复');
  for (const line of responseTable(columns, rows)) sheet.addRow(line);
  sheet.getRow(1).font = { bold: true };
  return (await workbook.xlsx.writeBuffer()) as ArrayBuffer;
}
