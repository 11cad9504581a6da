import { describe, expect, it } from 'vitest';
import { breachFileName, breachHeader, breachSheetRows, buildBreachXlsx } from './ticket-report.ts';

const ROWS = [
  { month: '2026-10', opened: 12, response_breaches: 2, resolution_breaches: 1 },
  { month: '2026-11', opened: 8, response_breaches: 0, resolution_breaches: 3 },
];

describe('ticket breach report sheet', () => {
  it('has a row per month and a totals row', () => {
    expect(breachHeader()).toEqual(['月份', '新开工单', '响应超时', '解决超时']);
    expect(breachSheetRows(ROWS)).toEqual([
      ['2026-10', 12, 2, 1],
      ['2026-11', 8, 0, 3],
      ['合计', 20, 2, 4],
    ]);
    expect(breachFileName('2026-01-01', '2026-11-25')).toBe('工单超时报表_2026-01-01_2026-11-25.xlsx');
  });

  it('builds an xlsx workbook', async () => {
    const data = await buildBreachXlsx(ROWS);
    expect(data.byteLength).toBeGreaterThan(100);
  });
});
