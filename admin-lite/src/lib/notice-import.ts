// Import notices (千人千面, e.g. payslips): an uploaded sheet whose first
// row is the header, first column 工号, every further column one value shown
// to that person. Checked here for the shape only; unknown, duplicate or
// out-of-scope 工号 are reported by send_notice (dry run) before sending.
import type { ParsedSheet } from '@yima/shared/members/validate-import';
import type { PersonalRow } from '../services/notices.service.ts';

export const EMPLOYEE_NO_HEADER = '工号';
export const MAX_PERSONAL_ROWS = 10000;

export interface PersonalSheet {
  columns: string[];
  rows: PersonalRow[];
  /** Every shape problem, each naming its sheet row; nothing is sent while any remain. */
  problems: string[];
}

export function personalRowsFromSheet(sheet: ParsedSheet): PersonalSheet {
  const lines = sheet.rows
    .map((row) => ({ rowNumber: row.rowNumber, cells: row.cells.map((c) => c.text.trim()) }))
    .filter((row) => row.cells.some((c) => c !== ''));
  const [header, ...data] = lines;
  if (!header) return { columns: [], rows: [], problems: ['文件是空的：第一行应为表头（工号、各列名称）'] };
  const problems: string[] = [];
  let width = header.cells.length;
  while (width > 0 && header.cells[width - 1] === '') width--;
  const headers = header.cells.slice(0, width);
  if (headers[0] !== EMPLOYEE_NO_HEADER) problems.push(`第${header.rowNumber}行：第一列的表头应为「${EMPLOYEE_NO_HEADER}」`);
  const columns = headers.slice(1);
  if (columns.length === 0) problems.push(`第${header.rowNumber}行：工号之后至少需要一列内容`);
  columns.forEach((name, i) => {
    if (!name) problems.push(`第${header.rowNumber}行：第${i + 2}列没有表头`);
    else if (columns.indexOf(name) !== i) problems.push(`第${header.rowNumber}行：表头「${name}」重复`);
  });
  if (data.length === 0) problems.push('表中没有数据行');
  if (data.length > MAX_PERSONAL_ROWS) problems.push(`数据行超过 ${MAX_PERSONAL_ROWS} 行：请拆分后发送`);
  const rows: PersonalRow[] = [];
  for (const line of data) {
    const employeeNo = line.cells[0] ?? '';
    if (!employeeNo) problems.push(`第${line.rowNumber}行：工号为空`);
    if (line.cells.length > width && line.cells.slice(width).some((c) => c !== '')) problems.push(`第${line.rowNumber}行：有内容超出表头的列`);
    const data: Record<string, string> = {};
    columns.forEach((name, i) => {
      data[name] = line.cells[i + 1] ?? '';
    });
    rows.push({ employee_no: employeeNo, data });
  }
  return { columns, rows, problems };
}
