import { describe, expect, it } from 'vitest';
import type { ParsedSheet } from '@yima/shared/members/validate-import';
import { personalRowsFromSheet } from './notice-import.ts';

const sheet = (...rows: string[][]): ParsedSheet => ({ rows: rows.map((cells, i) => ({ rowNumber: i + 1, cells: cells.map((text) => ({ text })) })) });

describe('personalRowsFromSheet', () => {
  it('turns the header into columns and each line into a personal row', () => {
    expect(personalRowsFromSheet(sheet(['工号', '基本工资', '奖金', ''], ['E001', '8000', '500'], ['', '', ''], [' E002 ', '9000', '']))).toEqual({
      columns: ['基本工资', '奖金'],
      rows: [
        { employee_no: 'E001', data: { 基本工资: '8000', 奖金: '500' } },
        { employee_no: 'E002', data: { 基本工资: '9000', 奖金: '' } },
      ],
      problems: [],
    });
  });

  it('names every shape problem with its row', () => {
    const result = personalRowsFromSheet(sheet(['编号', '工资', '工资'], ['E001', '1', '2', '多余'], ['', '3', '4']));
    expect(result.problems).toEqual([
      '第1行：第一列的表头应为「工号」',
      '第1行：表头「工资」重复',
      '第2行：有内容超出表头的列',
      '第3行：工号为空',
    ]);
  });

  it('reports an empty file and a sheet without data', () => {
    expect(personalRowsFromSheet(sheet()).problems).toEqual(['文件是空的：第一行应为表头（工号、各列名称）']);
    expect(personalRowsFromSheet(sheet(['工号'])).problems).toEqual(['第1行：工号之后至少需要一列内容', '表中没有数据行']);
  });
});
