import { describe, expect, it } from 'vitest';
import { checkRuleDraft, describeWeekdays, describeWindow, draftFromRule, emptyRuleDraft } from './access-rule-form.ts';

describe('checkRuleDraft', () => {
  it('builds the row: one target column, null point for all points, sorted days', () => {
    const result = checkRuleDraft({ ...emptyRuleDraft(), name: ' 研发夜间 ', targetKind: 'department', targetId: 'rd', effect: 'deny', weekdays: [5, 1, 1], timeFrom: '22:00', timeUntil: '24:00' });
    expect(result).toEqual({
      ok: true,
      input: { name: '研发夜间', point_id: null, department_id: 'rd', tag_id: null, member_id: null, effect: 'deny', weekdays: [1, 5], time_from: '22:00', time_until: '24:00' },
    });
  });

  it('reports a missing name, target, days and a reversed window', () => {
    expect(checkRuleDraft({ ...emptyRuleDraft(), targetKind: 'tag', weekdays: [], timeFrom: '18:00', timeUntil: '08:00' })).toEqual({
      ok: false,
      errors: { name: '请填写规则名称（最多50字）', target: '请选择适用对象', weekdays: '至少选择一天', time: '开始时间必须早于结束时间' },
    });
    expect(checkRuleDraft({ ...emptyRuleDraft(), name: 'x', timeFrom: '8:00' })).toMatchObject({ ok: false, errors: { time: '时间格式应为 HH:MM' } });
  });

  it('round-trips a stored rule', () => {
    const draft = draftFromRule({ id: 'r', org_id: 'o', name: 'n', point_id: 'p', department_id: null, tag_id: 't', member_id: null, effect: 'allow', weekdays: [6, 7], time_from: '09:00', time_until: '17:00', member_name: null });
    expect(draft).toMatchObject({ pointId: 'p', targetKind: 'tag', targetId: 't', weekdays: [6, 7] });
  });
});

describe('describe', () => {
  it('names common day sets and windows', () => {
    expect(describeWeekdays([1, 2, 3, 4, 5, 6, 7])).toBe('每天');
    expect(describeWeekdays([5, 4, 3, 2, 1])).toBe('工作日');
    expect(describeWeekdays([7, 6])).toBe('周末');
    expect(describeWeekdays([3, 1])).toBe('周一、周三');
    expect(describeWindow('00:00', '24:00')).toBe('全天');
    expect(describeWindow('08:00', '18:00')).toBe('08:00–18:00');
  });
});
