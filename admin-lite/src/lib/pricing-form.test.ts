import { describe, expect, it } from 'vitest';
import { draftFromPricing, emptyAdjustment, pricingFromDraft, describePricing, splitList } from './pricing-form.ts';
import { parsePercentBp, parseYuan, percentText } from './payment-format.ts';

describe('payment format', () => {
  it('parses yuan and percent exactly into integers', () => {
    expect(parseYuan('15')).toBe(1500);
    expect(parseYuan('0.1')).toBe(10);
    expect(parseYuan('19.99')).toBe(1999);
    expect(parseYuan('1.234')).toBeUndefined();
    expect(parseYuan('abc')).toBeUndefined();
    expect(parsePercentBp('12.5')).toBe(1250);
    expect(percentText(10000)).toBe('100');
    expect(percentText(1250)).toBe('12.5');
    expect(percentText(0)).toBe('0');
  });
});

describe('pricing form', () => {
  it('round-trips a pricing rule through the draft', () => {
    const pricing = {
      mode: 'fixed' as const,
      fixedFen: 1500,
      openWindows: [{ start: '11:00', end: '13:30', days: [1, 2, 3, 4, 5] }],
      adjustments: [{ id: 'new', label: '新员工午餐8折', kind: 'discount' as const, rateBp: 2000, match: { tags: ['t1'], identities: ['教职工'] }, window: { start: '11:00', end: '13:30' } }],
      limits: { perDayFen: 30000, perDayCount: 3 },
      walletOrder: ['subsidy' as const, 'cash' as const],
    };
    const draft = draftFromPricing(pricing);
    expect(draft.fixedYuan).toBe('15.00');
    expect(draft.adjustments[0]).toMatchObject({ by: 'rate', value: '20', identities: '教职工' });
    expect(draft.limits.perDayFen).toBe('300.00');
    expect(pricingFromDraft(draft)).toEqual({ ok: true, value: pricing });
  });

  it('turns yuan into integer fen and reports problems', () => {
    const draft = draftFromPricing({ mode: 'limited' });
    expect(pricingFromDraft(draft)).toMatchObject({ ok: false, problems: ['limits.perPaymentMaxFen: 限额模式必须设置单笔上限'] });
    draft.limits.perPaymentMaxFen = '50.5';
    draft.adjustments = [{ ...emptyAdjustment('a1'), label: '加价', kind: 'premium', by: 'amount', value: '0.3' }];
    const checked = pricingFromDraft(draft);
    expect(checked).toEqual({ ok: true, value: { mode: 'limited', limits: { perPaymentMaxFen: 5050 }, adjustments: [{ id: 'a1', label: '加价', kind: 'premium', amountFen: 30 }], walletOrder: ['subsidy', 'cash'] } });
    draft.fixedYuan = '';
    draft.limits.perDayFen = '1.005';
    const bad = pricingFromDraft(draft);
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.problems[0]).toContain('每日限额（元）');
  });

  it('describes a rule in words and splits identity lists', () => {
    expect(describePricing({ mode: 'fixed', fixedFen: 1500, adjustments: [{ id: 'a', label: 'x', kind: 'discount', rateBp: 100 }] })).toBe('定额 · ¥15.00 · 1 项优惠/加价');
    expect(splitList('教职工, 学生、外包')).toEqual(['教职工', '学生', '外包']);
  });
});
