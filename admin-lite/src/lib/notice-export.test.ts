import { describe, expect, it } from 'vitest';
import { answerText, responseColumns, responseTable, responsesWorkbook } from './notice-export.ts';

const ROWS = [{ member_id: 'm1', name: '张三', employee_no: 'E001', submitted_at: '2026-11-25T08:00:00Z', answers: { size: '大', likes: ['A', 'B'] } }];

describe('notice export', () => {
  it('turns the definition into columns and answers into text', () => {
    const columns = responseColumns({ version: 1, fields: [{ key: 'size', label: '尺码' }, { key: 'likes', label: '爱好' }, { key: 'note', label: '备注' }] });
    expect(responseTable(columns, ROWS)).toEqual([
      ['姓名', '工号', '提交时间', '尺码', '爱好', '备注'],
      ['张三', 'E001', '2026-11-25T08:00:00Z', '大', 'A、B', ''],
    ]);
    expect(responseColumns(null)).toEqual([]);
    expect(answerText(3)).toBe('3');
  });

  it('writes an xlsx workbook that reads back', async () => {
    const data = await responsesWorkbook([{ key: 'size', label: '尺码' }], ROWS);
    const ExcelJS = (await import('exceljs')).default;
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(data);
    expect(book.worksheets[0]!.getRow(2).getCell(4).value).toBe('大');
  });
});
