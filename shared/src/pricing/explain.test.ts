import { describe, expect, it } from 'vitest';
import { EXPLAIN_CATALOGUE, formatExplain } from './explain.ts';
import { priceQuote } from './price.ts';
import type { ExplainStep, PriceRefusal, PricingInput, StallPricing } from './types.ts';

const base: PricingInput = {
  stall: { mode: 'fixed', fixedFen: 1500 },
  mealPeriods: [{ id: 'lunch', name: '午餐', start: '11:00', end: '13:30' }],
  member: { departmentIds: ['d'], tagIds: ['t'], identity: 'teacher' },
  clock: { dateKey: '2026-11-25', minuteOfDay: 720, isoWeekday: 3 },
  balances: { subsidyFen: 1000, cashFen: 5000, count: 2 },
  spent: { dayFen: 0, dayCount: 0, mealFen: 0, mealCount: 0 },
};
const limits = { perPaymentMaxFen: 3000, perMealFen: 4000, perDayFen: 8000, perMealCount: 2, perDayCount: 5 };
const withStall = (stall: StallPricing, over: Partial<PricingInput> = {}): PricingInput => ({ ...base, stall, ...over });

// One scenario per refusal and per success path, so every code priceQuote can emit is produced here.
const SCENARIOS: Array<[string, PricingInput]> = [
  ['fixed, both wallets, all limits', withStall({ mode: 'fixed', fixedFen: 1500, limits, openWindows: [{ start: '11:00', end: '14:00' }], adjustments: [{ id: 'd', label: '教职工8折', kind: 'discount', rateBp: 2000 }, { id: 'p', label: '打包费', kind: 'premium', amountFen: 100 }] })],
  ['free outside meals', withStall({ mode: 'free' }, { amountFen: 500, clock: { ...base.clock, minuteOfDay: 900 } })],
  ['count', withStall({ mode: 'count', limits })],
  ['invalid_config', withStall({ mode: 'fixed' })],
  ['closed', withStall({ mode: 'free', openWindows: [{ start: '06:00', end: '07:00' }] }, { amountFen: 1 })],
  ['amount_required', withStall({ mode: 'free' })],
  ['invalid_amount', withStall({ mode: 'free' }, { amountFen: -3 })],
  ['over_payment_max', withStall({ mode: 'limited', limits }, { amountFen: 3001 })],
  ['day_limit', withStall({ mode: 'fixed', fixedFen: 1500, limits }, { spent: { dayFen: 7000, dayCount: 0, mealFen: 0, mealCount: 0 } })],
  ['meal_limit', withStall({ mode: 'fixed', fixedFen: 1500, limits }, { spent: { dayFen: 0, dayCount: 0, mealFen: 3000, mealCount: 0 } })],
  ['day_count_limit', withStall({ mode: 'fixed', fixedFen: 1500, limits }, { spent: { dayFen: 0, dayCount: 5, mealFen: 0, mealCount: 0 } })],
  ['meal_count_limit', withStall({ mode: 'count', limits }, { spent: { dayFen: 0, dayCount: 0, mealFen: 0, mealCount: 2 } })],
  ['insufficient_balance', withStall({ mode: 'fixed', fixedFen: 6500 })],
  ['insufficient_count', withStall({ mode: 'count', countPerUse: 3 })],
];

describe('formatExplain', () => {
  const allSteps: ExplainStep[] = SCENARIOS.flatMap(([, i]) => priceQuote(i).steps);

  it('covers every refusal reason', () => {
    const reasons = new Set(SCENARIOS.map(([, i]) => priceQuote(i)).flatMap((q) => (q.ok ? [] : [q.reason])));
    const all: PriceRefusal[] = ['closed', 'amount_required', 'invalid_amount', 'over_payment_max', 'meal_limit', 'day_limit', 'meal_count_limit', 'day_count_limit', 'insufficient_balance', 'insufficient_count', 'invalid_config'];
    expect([...reasons].sort()).toEqual([...all].sort());
  });

  it('emits only catalogued codes, and every catalogued code is emitted', () => {
    const emitted = new Set(allSteps.map((s) => s.code));
    expect([...emitted].sort()).toEqual(Object.keys(EXPLAIN_CATALOGUE).sort());
  });

  it('gives a zh-CN and an English line for every step, with no raw fallbacks', () => {
    const zh = formatExplain(allSteps, 'zh-CN');
    const en = formatExplain(allSteps, 'en');
    expect(zh).toHaveLength(allSteps.length);
    expect(en).toHaveLength(allSteps.length);
    allSteps.forEach((s, i) => {
      for (const line of [zh[i]!, en[i]!]) {
        expect(line.startsWith(s.code), line).toBe(false);
        expect(line).not.toMatch(/undefined|NaN|\[object/);
      }
      expect(zh[i]).not.toBe(en[i]);
    });
  });

  it('reads naturally for a discounted lunch', () => {
    const q = priceQuote(SCENARIOS[0]![1]);
    expect(formatExplain(q.steps, 'zh-CN')).toEqual([
      '营业时段 11:00–14:00',
      '餐次：午餐',
      '标价 ¥15.00',
      '教职工8折：-¥3.00',
      '打包费：+¥1.00',
      '应付 ¥13.00',
      '单笔上限 ¥30.00：已用 ¥0.00，本次 ¥13.00',
      '每日限额 ¥80.00：已用 ¥0.00，本次 ¥13.00',
      '每餐限额 ¥40.00：已用 ¥0.00，本次 ¥13.00',
      '每日次数上限 5 次：已用 0 次，本次 1 次',
      '每餐次数上限 2 次：已用 0 次，本次 1 次',
      '补贴钱包支付 ¥10.00',
      '现金钱包支付 ¥3.00',
    ]);
    expect(formatExplain([{ code: 'refused', params: { reason: 'day_limit' } }], 'en')).toEqual(['Refused: over the daily spending limit']);
  });

  it('degrades an unknown code to its name and params', () => {
    expect(formatExplain([{ code: 'from_the_future', params: { x: 1 } }], 'en')).toEqual(['from_the_future {"x":1}']);
    expect(formatExplain([{ code: 'constructor', params: {} }], 'zh-CN')).toEqual(['constructor {}']);
  });
});
