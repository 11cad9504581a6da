import { describe, expect, it } from 'vitest';
import { scopeRowsFromSheet, splitPaths } from './scope-import.ts';

const sheet = (rows: string[][]) => ({ rows: rows.map((cells, i) => ({ rowNumber: i + 1, cells: cells.map((text) => ({ text })) })) });

describe('scopeRowsFromSheet', () => {
  it('reads 工号 and 管理范围 under the header, splitting paths on ；, ; and commas, skipping blank rows', () => {
    expect(
      scopeRowsFromSheet(
        sheet([
          ['管理范围导入'],
          ['管理范围', '工号'],
          ['总部/研发中心；总部/行政部', ' E001 '],
          ['', ''],
          ['总部/研发中心/前端组,总部/行政部', 'E002'],
          ['', 'E003'],
        ]),
      ),
    ).toEqual({
      ok: true,
      rows: [
        { employee_no: 'E001', departments: ['总部/研发中心', '总部/行政部'] },
        { employee_no: 'E002', departments: ['总部/研发中心/前端组', '总部/行政部'] },
        { employee_no: 'E003', departments: [] },
      ],
      rowNumbers: [3, 5, 6],
    });
  });

  it('reports a missing header and an empty file', () => {
    expect(scopeRowsFromSheet(sheet([['工号', '部门']]))).toEqual({ ok: false, problem: 'noHeader' });
    expect(scopeRowsFromSheet(sheet([['工号', '管理范围']]))).toEqual({ ok: false, problem: 'empty' });
  });

  it('splits on full-width and half-width separators', () => {
    expect(splitPaths('a；b;c，d, e')).toEqual(['a', 'b', 'c', 'd', 'e']);
  });
});
