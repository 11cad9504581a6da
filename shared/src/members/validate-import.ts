// Validates a parsed member import sheet before anything is written: the
// template version and columns, the row limit, every cell, and duplicates
// inside the file. The database re-checks all of it (admin_import_members)
// and adds what only it knows (scope, existing members).
import { idCardProblem, isValidMobile } from './identity-numbers.ts';
import { IMPORT_COLUMNS, IMPORT_LAYOUT, IMPORT_MAX_ROWS, IMPORT_TEMPLATE_TITLE, type ImportColumn } from './import-template.ts';

/** One cell as the sheet reader saw it. */
export interface SheetCell {
  text: string;
  /** The cell holds a formula (rejected: the value would depend on Excel). */
  formula?: boolean;
}

/** A sheet: rows of cells, 1-based row numbers as in Excel. */
export interface ParsedSheet {
  rows: Array<{ rowNumber: number; cells: SheetCell[] }>;
}

export interface ImportRow {
  row: number;
  employee_no: string;
  name: string;
  phone: string | null;
  id_card: string | null;
  department: string | null;
  tags: string[];
}

export type ImportErrorCode =
  | 'wrong_template' | 'wrong_columns' | 'no_rows' | 'too_many_rows' | 'empty_row' | 'formula'
  | 'required' | 'invalid_employee_no' | 'invalid_name' | 'invalid_phone' | 'invalid_id_card'
  | 'invalid_department' | 'invalid_tag' | 'duplicate_in_file';

export interface ImportError {
  /** Excel row number; 0 for a problem with the whole file. */
  row: number;
  column: string | null;
  code: ImportErrorCode;
  message: string;
}

export interface ImportValidation {
  rows: ImportRow[];
  errors: ImportError[];
}

const ID_CARD_MESSAGES = { format: '身份证号应为18位', birth_date: '身份证号中的出生日期无效', checksum: '身份证号校验位错误' } as const;

/** Splits `总部/研发/前端` into trimmed segments; null when a segment is bad. */
export function parseDepartmentPath(path: string): string[] | null {
  const parts = path.split('/').map((p) => p.trim());
  if (parts.length > 10 || parts.some((p) => p.length === 0 || p.length > 50)) return null;
  return parts;
}

export function parseTags(text: string): string[] {
  return [...new Set(text.split(/[,，、]/).map((t) => t.trim()).filter(Boolean))];
}

export function validateImportSheet(sheet: ParsedSheet): ImportValidation {
  const errors: ImportError[] = [];
  const fileError = (code: ImportErrorCode, message: string): ImportValidation => ({ rows: [], errors: [{ row: 0, column: null, code, message }] });
  const byNumber = new Map(sheet.rows.map((r) => [r.rowNumber, r.cells]));

  const title = byNumber.get(IMPORT_LAYOUT.titleRow)?.[0]?.text.trim() ?? '';
  if (title !== IMPORT_TEMPLATE_TITLE) {
    return fileError('wrong_template', `模板版本不符：请下载最新模板「${IMPORT_TEMPLATE_TITLE}」后重新填写（当前文件标题为「${title || '空'}」）`);
  }
  const headers = (byNumber.get(IMPORT_LAYOUT.headerRow) ?? []).map((c) => c.text.trim());
  while (headers.length > 0 && headers[headers.length - 1] === '') headers.pop();
  const expected = IMPORT_COLUMNS.map((c) => c.header);
  if (headers.length !== expected.length || headers.some((h, i) => h !== expected[i])) {
    const extra = headers.filter((h) => !expected.includes(h));
    const missing = expected.filter((h) => !headers.includes(h));
    const detail = [extra.length ? `多出列：${extra.join('、')}` : '', missing.length ? `缺少列：${missing.join('、')}` : '',
      !extra.length && !missing.length ? '列的顺序被改动' : ''].filter(Boolean).join('；');
    return fileError('wrong_columns', `模板的列不可增删或调整顺序（${detail}）；应为：${expected.join('、')}`);
  }

  const dataRows = sheet.rows.filter((r) => r.rowNumber >= IMPORT_LAYOUT.firstDataRow).sort((a, b) => a.rowNumber - b.rowNumber);
  const isEmpty = (cells: SheetCell[]) => cells.every((c) => c.text.trim() === '' && !c.formula);
  // Trailing empty rows are normal in spreadsheets; empty rows between data are not.
  let last = dataRows.length - 1;
  while (last >= 0 && isEmpty(dataRows[last]!.cells)) last--;
  const data = dataRows.slice(0, last + 1);
  if (data.length === 0) return fileError('no_rows', '文件中没有成员数据：请从第4行开始填写');
  if (data.length > IMPORT_MAX_ROWS) {
    return fileError('too_many_rows', `一次最多导入 ${IMPORT_MAX_ROWS.toLocaleString('en-US')} 行，本文件有 ${data.length.toLocaleString('en-US')} 行：请拆分为多个文件`);
  }

  const rows: ImportRow[] = [];
  const seen: Record<'employee_no' | 'phone' | 'id_card', Map<string, number>> = { employee_no: new Map(), phone: new Map(), id_card: new Map() };
  for (const { rowNumber, cells } of data) {
    if (isEmpty(cells)) {
      errors.push({ row: rowNumber, column: null, code: 'empty_row', message: `第${rowNumber}行是空行：请删除空行后重新上传` });
      continue;
    }
    const rowErrors: ImportError[] = [];
    const add = (column: ImportColumn, code: ImportErrorCode, message: string) =>
      rowErrors.push({ row: rowNumber, column: column.header, code, message });
    const value: Record<ImportColumn['key'], string> = { employee_no: '', name: '', phone: '', id_card: '', department: '', tags: '' };
    IMPORT_COLUMNS.forEach((column, i) => {
      const cell = cells[i] ?? { text: '' };
      if (cell.formula) add(column, 'formula', `「${column.header}」不能使用公式，请粘贴为数值`);
      value[column.key] = cell.text.trim();
      if (column.required && value[column.key] === '') add(column, 'required', `「${column.header}」必填`);
    });
    const col = (key: ImportColumn['key']) => IMPORT_COLUMNS.find((c) => c.key === key)!;
    if (value.employee_no && !/^[A-Za-z0-9_.-]{1,32}$/.test(value.employee_no)) {
      add(col('employee_no'), 'invalid_employee_no', '工号只能包含字母、数字和 ._-，最长32位');
    }
    if (value.name.length > 50) add(col('name'), 'invalid_name', '姓名最长50字');
    if (value.phone && !isValidMobile(value.phone)) add(col('phone'), 'invalid_phone', `手机号「${value.phone}」不是11位大陆手机号`);
    value.id_card = value.id_card.toUpperCase();
    const idProblem = value.id_card ? idCardProblem(value.id_card) : null;
    if (idProblem) add(col('id_card'), 'invalid_id_card', ID_CARD_MESSAGES[idProblem]);
    const path = value.department ? parseDepartmentPath(value.department) : [];
    if (path === null) add(col('department'), 'invalid_department', '部门路径的每一级不能为空且最长50字，最多10级，用 / 分隔');
    const tags = parseTags(value.tags);
    if (tags.some((t) => t.length > 30)) add(col('tags'), 'invalid_tag', '每个标签最长30字');
    for (const key of ['employee_no', 'phone', 'id_card'] as const) {
      if (!value[key]) continue;
      const first = seen[key].get(value[key]);
      if (first !== undefined) add(col(key), 'duplicate_in_file', `「${col(key).header}」与第${first}行重复`);
      else seen[key].set(value[key], rowNumber);
    }
    errors.push(...rowErrors);
    if (rowErrors.length === 0) {
      rows.push({
        row: rowNumber, employee_no: value.employee_no, name: value.name, phone: value.phone || null,
        id_card: value.id_card || null, department: path && path.length ? path.join('/') : null, tags,
      });
    }
  }
  return { rows, errors };
}
