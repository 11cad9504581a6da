import { describe, expect, it } from 'vitest';
import { IMPORT_COLUMNS, IMPORT_MAX_ROWS, IMPORT_TEMPLATE_TITLE } from './import-template.ts';
import { validateImportSheet, type ParsedSheet } from './validate-import.ts';

const header = IMPORT_COLUMNS.map((c) => c.header);
function sheet(data: string[][], opts: { title?: string; headers?: string[]; gapAt?: number } = {}): ParsedSheet {
  const rows = [
    { rowNumber: 1, cells: [{ text: opts.title ?? IMPORT_TEMPLATE_TITLE }] },
    { rowNumber: 2, cells: (opts.headers ?? header).map((text) => ({ text })) },
    { rowNumber: 3, cells: IMPORT_COLUMNS.map((c) => ({ text: c.hint })) },
    ...data.map((cells, i) => ({ rowNumber: 4 + i, cells: cells.map((text) => ({ text })) })),
  ];
  return { rows };
}
const good = ['E100', '张三', '13800000100', '11010519491231002X', '总部/研发/前端', '党员, 新员工'];

describe('validateImportSheet', () => {
  it('turns valid rows into import rows', () => {
    const { rows, errors } = validateImportSheet(sheet([good, ['E101', '李四', '', '', '', '']]));
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      { row: 4, employee_no: 'E100', name: '张三', phone: '13800000100', id_card: '11010519491231002X', department: '总部/研发/前端', tags: ['党员', '新员工'] },
      { row: 5, employee_no: 'E101', name: '李四', phone: null, id_card: null, department: null, tags: [] },
    ]);
  });

  it('rejects a wrong template version', () => {
    const { errors } = validateImportSheet(sheet([good], { title: '一码通成员导入模板 V1.0' }));
    expect(errors).toMatchObject([{ row: 0, code: 'wrong_template' }]);
    expect(errors[0]!.message).toContain('V1.1');
  });

  it('rejects extra, missing or reordered columns and names them', () => {
    expect(validateImportSheet(sheet([good], { headers: [...header, '备注'] })).errors[0]!.message).toContain('多出列：备注');
    expect(validateImportSheet(sheet([good], { headers: header.slice(0, 5) })).errors[0]!.message).toContain('缺少列：标签');
    const swapped = [header[1]!, header[0]!, ...header.slice(2)];
    expect(validateImportSheet(sheet([good], { headers: swapped })).errors[0]).toMatchObject({ code: 'wrong_columns' });
  });

  it(`rejects more than ${IMPORT_MAX_ROWS} rows and asks to split`, () => {
    const data = Array.from({ length: IMPORT_MAX_ROWS + 1 }, (_, i) => [`E${i}`, '某人', '', '', '', '']);
    const { errors } = validateImportSheet(sheet(data));
    expect(errors).toMatchObject([{ code: 'too_many_rows' }]);
    expect(errors[0]!.message).toContain('拆分');
    expect(validateImportSheet(sheet(data.slice(0, IMPORT_MAX_ROWS))).errors).toEqual([]);
  });

  it('ignores trailing empty rows but rejects empty rows between data', () => {
    expect(validateImportSheet(sheet([good, ['', '', '', '', '', '']])).errors).toEqual([]);
    const { errors } = validateImportSheet(sheet([good, ['', '', '', '', '', ''], ['E101', '李四', '', '', '', '']]));
    expect(errors).toMatchObject([{ row: 5, code: 'empty_row' }]);
    expect(validateImportSheet(sheet([])).errors).toMatchObject([{ code: 'no_rows' }]);
  });

  it('rejects formulas', () => {
    const s = sheet([good]);
    s.rows[3]!.cells[2] = { text: '13800000100', formula: true };
    expect(validateImportSheet(s).errors).toMatchObject([{ row: 4, column: '手机号', code: 'formula' }]);
  });

  it('reports every bad cell with row, column and reason', () => {
    const { rows, errors } = validateImportSheet(sheet([
      ['', '', '123', '110105194912310021', '总部//研发', ''],
      ['E 1', '王五', '13800000100', '', '', ''],
    ]));
    expect(rows).toEqual([]);
    expect(errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [4, '工号', 'required'], [4, '姓名', 'required'], [4, '手机号', 'invalid_phone'], [4, '身份证号', 'invalid_id_card'],
      [4, '部门', 'invalid_department'], [5, '工号', 'invalid_employee_no'],
    ]);
  });

  it('finds duplicates inside the file', () => {
    const { errors } = validateImportSheet(sheet([good, ['E100', '重复', '13800000100', '11010519491231002X', '', '']]));
    expect(errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [5, '工号', 'duplicate_in_file'], [5, '手机号', 'duplicate_in_file'], [5, '身份证号', 'duplicate_in_file'],
    ]);
    expect(errors[0]!.message).toContain('第4行');
  });
});
