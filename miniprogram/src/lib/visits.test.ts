import { describe, expect, it } from 'vitest';
import { checkVisitor, defaultWindow, emptyDraft, formatWindow, windowIso, zhMessage } from './visits';

// 2026-11-25 10:10 in Beijing.
const NOW = new Date('2026-11-25T02:10:00Z');
const rules = { phoneRequired: true, idCardRequired: false, siteRequired: false, window: true, maxWindowHours: 72 };

describe('visitor form checks', () => {
  it('a default window today from the half hour, two hours long, in +08:00', () => {
    expect(defaultWindow(NOW)).toEqual({ date: '2026-11-25', from: '10:00', until: '12:00' });
    expect(defaultWindow(new Date('2026-11-25T15:40:00Z'))).toEqual({ date: '2026-11-25', from: '23:30', until: '23:59' });
    expect(windowIso('2026-11-25', '09:30')).toBe('2026-11-25T09:30:00+08:00');
  });

  it('builds the body with the window as ISO +08:00 and leaves blanks out', () => {
    const draft = { ...emptyDraft(NOW), name: ' 访客甲 ', phone: '139 0000 0001', idCard: '11010519491231002x', companions: '2', identityType: '客户' };
    const { body, errors } = checkVisitor(draft, rules, NOW);
    expect(errors).toEqual({});
    expect(body).toEqual({
      name: '访客甲', phone: '13900000001', id_card: '11010519491231002X', identity_type: '客户', companions: 2,
      window_from: '2026-11-25T10:00:00+08:00', window_until: '2026-11-25T12:00:00+08:00',
    });
  });

  it('zh-CN errors from the shared validators and the window rules', () => {
    const draft = { ...emptyDraft(NOW), phone: '12345', idCard: '110105194912310021', from: '11:00', until: '10:00' };
    const { body, errors } = checkVisitor(draft, { ...rules, idCardRequired: true, siteRequired: true }, NOW);
    expect(body).toBeNull();
    expect(errors).toEqual({
      name: '请填写访客姓名',
      phone: '手机号格式不正确，请输入 11 位中国大陆手机号',
      idCard: '身份证号校验不通过，请核对后重新输入',
      siteId: '请选择到访园区',
      until: '结束时间应晚于开始时间',
    });
    expect(checkVisitor({ ...emptyDraft(NOW), name: 'a', phone: '13900000001', from: '08:00', until: '09:00' }, rules, NOW).errors.until).toBe('到访时间已过，请重新选择');
    expect(checkVisitor({ ...emptyDraft(NOW), name: 'a', phone: '13900000001', idCard: '' }, { ...rules, idCardRequired: true }, NOW).errors.idCard).toBe('请填写身份证号');
  });

  it('walk-ins: phone optional, no window', () => {
    const { body } = checkVisitor({ ...emptyDraft(NOW), name: '送货员' }, { phoneRequired: false, idCardRequired: false, siteRequired: false, window: false }, NOW);
    expect(body).toEqual({ name: '送货员' });
  });

  it('shows the zh-CN part of a function message and a Beijing window', () => {
    expect(zhMessage('您的访问申请未通过：时间冲突 (your visit was not approved)')).toBe('您的访问申请未通过：时间冲突');
    expect(zhMessage('只有中文')).toBe('只有中文');
    expect(formatWindow('2026-11-25T01:00:00Z', '2026-11-25T03:30:00Z')).toBe('11月25日 09:00–11:30');
  });
});
