import { describe, expect, it } from 'vitest';
import { checkOpenHours, describeOpenHours, windowDrafts } from './open-hours.ts';
import { answerColumns, headcountSheetRows, recordsSheetRows } from './scenario-export.ts';

describe('open hours', () => {
  it('writes every-day windows without days and refuses bad times', () => {
    const drafts = windowDrafts([{ start: '00:00', end: '24:00' }, { days: [6], start: '10:00', end: '16:00' }]);
    expect(checkOpenHours(drafts)).toEqual({ ok: true, value: [{ start: '00:00', end: '24:00' }, { days: [6], start: '10:00', end: '16:00' }] });
    expect(checkOpenHours([{ ...drafts[1]!, start: '18:00', end: '09:00' }, { ...drafts[1]!, uid: 'x', days: [] }])).toEqual({
      ok: false,
      problems: ['时段 1：请按 HH:MM 填写，结束须晚于开始', '时段 2：请至少选择一天'],
    });
    expect(describeOpenHours([{ days: [1, 2], start: '09:00', end: '18:00' }])).toBe('周一、周二 09:00–18:00');
    expect(describeOpenHours([])).toBe('全天开放');
  });
});

describe('scenario exports', () => {
  it('puts the answers in form order, then unknown keys, and adds a 合计 row to the headcounts', () => {
    const rows = [{ id: 1, member_id: 'm1', answers: { b: ['甲', '乙'], a: 1, old: 'x' }, at: '2026-11-25T01:00:00Z', member_name: '张伟', employee_no: 'E001' }];
    const columns = answerColumns({ version: 1, fields: [{ key: 'a', type: 'number', label: 'A', required: false }, { key: 'b', type: 'multi_select', label: 'B', required: false, options: ['甲', '乙'] }] }, rows);
    expect(columns.map((c) => c.label)).toEqual(['A', 'B', 'old']);
    expect(recordsSheetRows(rows, columns, 'Asia/Shanghai')).toEqual([['2026-11-25 09:00', '张伟', 'E001', '1', '甲、乙', 'x']]);
    const count = { day: '2026-11-25', meal_period_id: 'mp1', meal_name: '午餐', merchant_id: 'mc1', merchant_name: '一食堂', to_prepare: 3, booked: 1, redeemed: 1, no_show: 1, cancelled: 0 };
    expect(headcountSheetRows([count], { to_prepare: 3, booked: 1, redeemed: 1, no_show: 1, cancelled: 0 }).at(-1)).toEqual(['合计', '', '', 3, 1, 1, 1, 0]);
  });
});
