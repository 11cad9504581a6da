// 批量导入管理范围: a sheet with the columns 工号 and 管理范围 (department
// paths like 总部/研发中心, several separated by ；or ,) -> the rows that
// admin_import_scopes takes, with the sheet row number of each.
import type { ParsedSheet } from '@yima/shared/members/validate-import';
import type { ScopeImportRow } from '../services/admin-groups.service.ts';

export const SCOPE_HEADERS = { employeeNo: '工号', scope: '管理范围' } as const;
export const MAX_SCOPE_ROWS = 2000;

export type ScopeSheet = { ok: true; rows: ScopeImportRow[]; rowNumbers: number[] } | { ok: false; problem: 'noHeader' | 'empty' | 'tooMany' };

export const splitPaths = (text: string) =>
  text
    .split(/[；;,，\n]+/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);

export function scopeRowsFromSheet(sheet: ParsedSheet): ScopeSheet {
  const headerAt = sheet.rows.findIndex((r) => r.cells.some((c) => c.text.trim() === SCOPE_HEADERS.employeeNo) && r.cells.some((c) => c.text.trim() === SCOPE_HEADERS.scope));
  if (headerAt < 0) return { ok: false, problem: 'noHeader' };
  const header = sheet.rows[headerAt]!.cells.map((c) => c.text.trim());
  const noAt = header.indexOf(SCOPE_HEADERS.employeeNo);
  const scopeAt = header.indexOf(SCOPE_HEADERS.scope);
  const rows: ScopeImportRow[] = [];
  const rowNumbers: number[] = [];
  for (const row of sheet.rows.slice(headerAt + 1)) {
    const employeeNo = row.cells[noAt]?.text.trim() ?? '';
    const scope = row.cells[scopeAt]?.text ?? '';
    if (!employeeNo && !scope.trim()) continue;
    rows.push({ employee_no: employeeNo, departments: splitPaths(scope) });
    rowNumbers.push(row.rowNumber);
  }
  if (rows.length === 0) return { ok: false, problem: 'empty' };
  if (rows.length > MAX_SCOPE_ROWS) return { ok: false, problem: 'tooMany' };
  return { ok: true, rows, rowNumbers };
}
