import { IMPORT_COLUMNS, IMPORT_TEMPLATE_TITLE, validateImportSheet } from '@yima/shared';
import { describe, expect, it } from 'vitest';
import { buildErrorReport, buildTemplate, decodeCsv, ImportFileError, parseCsv, readImportFile } from './import-sheet';

const header = IMPORT_COLUMNS.map((c) => c.header).join(',');
const csv = (lines: string[]) => new TextEncoder().encode([IMPORT_TEMPLATE_TITLE, header, '说明', ...lines].join('\r\n')).buffer as ArrayBuffer;

describe('import files', () => {
  it('round-trips the xlsx template with data through the validator', async () => {
    const file = await buildTemplate([['E900', '模板人', '13800009000', '11010519491231002X', '总部/研发', '党员']]);
    const sheet = await readImportFile(file, '成员.xlsx');
    const { rows, errors } = validateImportSheet(sheet);
    expect(errors).toEqual([]);
    expect(rows).toEqual([{ row: 4, employee_no: 'E900', name: '模板人', phone: '13800009000', id_card: '11010519491231002X', department: '总部/研发', tags: ['党员'] }]);
  });

  it('reads CSV in UTF-8 with BOM, quotes and CRLF', async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new Uint8Array(csv(['E1,"张, 三",,,"总部/""研发""",']))]);
    const { rows, errors } = validateImportSheet(await readImportFile(bytes.buffer, 'a.csv'));
    expect(errors).toEqual([]);
    expect(rows[0]).toMatchObject({ employee_no: 'E1', name: '张, 三', department: '总部/"研发"' });
  });

  it('decodes GB18030 CSV and rejects undecodable bytes with a clear message', () => {
    // "张三" in GB18030.
    expect(decodeCsv(new Uint8Array([0xd5, 0xc5, 0xc8, 0xfd]))).toBe('张三');
    expect(() => decodeCsv(new Uint8Array([0x81, 0x20, 0xff, 0xfe]))).toThrow(ImportFileError);
  });

  it('flags formulas in CSV and in xlsx', async () => {
    const { errors } = validateImportSheet(await readImportFile(csv(['E1,张三,=1+1,,,']), 'a.csv'));
    expect(errors.map((e) => [e.row, e.column, e.code])).toContainEqual([4, '手机号', 'formula']);
    const ExcelJS = (await import('exceljs')).default;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await buildTemplate([['E2', '李四']]));
    workbook.worksheets[0]!.getCell('C4').value = { formula: 'CONCAT("138","00000001")', result: '13800000001' } as never;
    const withFormula = validateImportSheet(await readImportFile((await workbook.xlsx.writeBuffer()) as ArrayBuffer, 'f.xlsx'));
    expect(withFormula.errors).toMatchObject([{ row: 4, column: '手机号', code: 'formula' }]);
  });

  it('rejects other file types and broken xlsx', async () => {
    await expect(readImportFile(new ArrayBuffer(4), 'a.xls')).rejects.toMatchObject({ code: 'unsupported_type' });
    await expect(readImportFile(new Uint8Array([1, 2, 3]).buffer, 'a.xlsx')).rejects.toMatchObject({ code: 'unreadable' });
  });

  it('parses CSV edge cases', () => {
    expect(parseCsv('a,b\n"c\nd",e')).toEqual([['a', 'b'], ['c\nd', 'e']]);
  });

  it('writes an error report', async () => {
    const report = await buildErrorReport([{ row: 5, column: '手机号', code: 'invalid_phone', message: '手机号不是11位' }]);
    const sheet = await readImportFile(report, 'r.xlsx');
    expect(sheet.rows[1]!.cells.slice(0, 3).map((c) => c.text)).toEqual(['5', '手机号', '手机号不是11位']);
  });
});
