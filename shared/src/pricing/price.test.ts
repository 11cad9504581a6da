import { describe, expect, it } from 'vitest';
import { priceQuote } from './price.ts';
import type { MealPeriod, PriceQuote, PricingInput, StallPricing } from './types.ts';

const PERIODS: MealPeriod[] = [
  { id: 'breakfast', name: '早餐', start: '06:30', end: '09:00' },
  { id: 'lunch', name: '午餐', start: '11:00', end: '13:30' },
  { id: 'dinner', name: '晚餐', start: '17:00', end: '19:30' },
];
const NOON = { dateKey: '2026-11-25', minuteOfDay: 12 * 60, isoWeekday: 3 };
const AFTERNOON = { ...NOON, minuteOfDay: 15 * 60 };

function input(stall: StallPricing, over: Partial<PricingInput> = {}): PricingInput {
  return {
    stall,
    mealPeriods: PERIODS,
    member: { departmentIds: ['dept-math', 'dept-science', 'org-root'], tagIds: ['tag-staff'], identity: 'teacher' },
    clock: NOON,
    balances: { subsidyFen: 1000, cashFen: 5000, count: 3 },
    spent: { dayFen: 0, dayCount: 0, mealFen: 0, mealCount: 0 },
    ...over,
  };
}

function ok(q: PriceQuote) {
  if (!q.ok) throw new Error(`expected ok, refused ${q.reason}: ${JSON.stringify(q.steps)}`);
  return q;
}
function refused(q: PriceQuote) {
  if (q.ok) throw new Error('expected a refusal');
  return q;
}
const codes = (q: PriceQuote) => q.steps.map((s) => s.code);

describe('priceQuote: modes', () => {
  it('fixed: charges fixedFen, ignores amountFen, subsidy first', () => {
    const q = ok(priceQuote(input({ mode: 'fixed', fixedFen: 1500 }, { amountFen: 1 })));
    expect(q).toMatchObject({ mode: 'fixed', mealPeriodId: 'lunch', listFen: 1500, payFen: 1500, count: 0, adjustments: [] });
    expect(q.split).toEqual({ subsidyFen: 1000, cashFen: 500, count: 0 });
    expect(q.steps).toEqual([
      { code: 'meal_period', params: { id: 'lunch', name: '午餐' } },
      { code: 'list_price', params: { fen: 1500 } },
      { code: 'pay_amount', params: { fen: 1500 } },
      { code: 'wallet', params: { wallet: 'subsidy', fen: 1000 } },
      { code: 'wallet', params: { wallet: 'cash', fen: 500 } },
    ]);
  });
  it('free: charges the entered amount', () => {
    const q = ok(priceQuote(input({ mode: 'free' }, { amountFen: 880, clock: AFTERNOON })));
    expect(q).toMatchObject({ mode: 'free', mealPeriodId: null, listFen: 880, payFen: 880, split: { subsidyFen: 880, cashFen: 0, count: 0 } });
    expect(codes(q)[0]).toBe('no_meal_period');
  });
  it('limited: charges the entered amount up to the cap', () => {
    const stall: StallPricing = { mode: 'limited', limits: { perPaymentMaxFen: 2000 } };
    expect(ok(priceQuote(input(stall, { amountFen: 2000 }))).payFen).toBe(2000);
    const r = refused(priceQuote(input(stall, { amountFen: 2001 })));
    expect(r.reason).toBe('over_payment_max');
    expect(r.payFen).toBeUndefined();
  });
  it('count: uses countPerUse tickets (default 1), no money', () => {
    const q = ok(priceQuote(input({ mode: 'count' }, { amountFen: 999 })));
    expect(q).toMatchObject({ mode: 'count', listFen: 0, payFen: 0, count: 1, split: { subsidyFen: 0, cashFen: 0, count: 1 }, adjustments: [] });
    expect(ok(priceQuote(input({ mode: 'count', countPerUse: 3 }))).split.count).toBe(3);
    expect(codes(q)).toEqual(['meal_period', 'count_price', 'tickets']);
  });
  it('count: ignores adjustments', () => {
    const q = ok(priceQuote(input({ mode: 'count', adjustments: [{ id: 'a', label: 'x', kind: 'premium', amountFen: 100 }] })));
    expect(q.adjustments).toEqual([]);
    expect(q.payFen).toBe(0);
  });
});

describe('priceQuote: refusals', () => {
  it('invalid_config, with the problems in the steps', () => {
    for (const stall of [
      { mode: 'fixed' },
      { mode: 'limited' },
      { mode: 'fixed', fixedFen: 0 },
      { mode: 'fixed', fixedFen: 12.5 },
      { mode: 'free', walletOrder: [] },
      { mode: 'free', walletOrder: ['cash', 'cash'] },
      { mode: 'bogus' },
      { mode: 'free', limits: { perDayFEN: 100 } },
    ]) {
      const r = refused(priceQuote(input(stall as StallPricing, { amountFen: 100 })));
      expect(r.reason, JSON.stringify(stall)).toBe('invalid_config');
      expect(r.mealPeriodId).toBeNull();
      expect(codes(r)).toContain('config_problem');
      expect(codes(r).at(-1)).toBe('refused');
    }
  });
  it('invalid_config for broken meal periods', () => {
    const r = refused(priceQuote(input({ mode: 'free' }, { amountFen: 100, mealPeriods: [{ id: 'x', name: 'x', start: '13:00', end: '11:00' }] })));
    expect(r.reason).toBe('invalid_config');
  });
  it('closed outside every open window, open inside one', () => {
    const stall: StallPricing = { mode: 'fixed', fixedFen: 100, openWindows: [{ start: '07:00', end: '09:00' }, { start: '11:30', end: '12:30', days: [1, 2, 3, 4, 5] }] };
    const r = refused(priceQuote(input(stall, { clock: AFTERNOON })));
    expect(r).toMatchObject({ reason: 'closed', mealPeriodId: null });
    expect(refused(priceQuote(input(stall, { clock: { ...NOON, isoWeekday: 6 } }))).reason).toBe('closed');
    const q = ok(priceQuote(input(stall)));
    expect(q.steps[0]).toEqual({ code: 'open_window', params: { start: '11:30', end: '12:30' } });
  });
  it('amount_required and invalid_amount', () => {
    expect(refused(priceQuote(input({ mode: 'free' }))).reason).toBe('amount_required');
    expect(refused(priceQuote(input({ mode: 'limited', limits: { perPaymentMaxFen: 100 } }))).reason).toBe('amount_required');
    for (const amountFen of [0, -1, 1.5, NaN, Infinity, 2 ** 53, '100' as unknown as number]) {
      expect(refused(priceQuote(input({ mode: 'free' }, { amountFen }))).reason, String(amountFen)).toBe('invalid_amount');
    }
  });
  it('over_payment_max in free mode when a cap is set, and for fixed prices or premiums above it', () => {
    expect(refused(priceQuote(input({ mode: 'free', limits: { perPaymentMaxFen: 500 } }, { amountFen: 501 }))).reason).toBe('over_payment_max');
    const fixed = refused(priceQuote(input({ mode: 'fixed', fixedFen: 600, limits: { perPaymentMaxFen: 500 } })));
    expect(fixed).toMatchObject({ reason: 'over_payment_max', payFen: 600 });
    const premium: StallPricing = { mode: 'free', limits: { perPaymentMaxFen: 500 }, adjustments: [{ id: 'p', label: '加价', kind: 'premium', rateBp: 1000 }] };
    expect(ok(priceQuote(input(premium, { amountFen: 454 }))).payFen).toBe(499); // 45.4 -> 45
    expect(refused(priceQuote(input(premium, { amountFen: 460 }))).reason).toBe('over_payment_max');
  });
  it('day_limit and meal_limit (the latter only inside a meal period)', () => {
    const stall: StallPricing = { mode: 'fixed', fixedFen: 1500, limits: { perDayFen: 5000, perMealFen: 2000 } };
    expect(ok(priceQuote(input(stall, { spent: { dayFen: 3500, dayCount: 0, mealFen: 500, mealCount: 0 } }))).payFen).toBe(1500);
    expect(refused(priceQuote(input(stall, { spent: { dayFen: 3501, dayCount: 0, mealFen: 0, mealCount: 0 } })))).toMatchObject({ reason: 'day_limit', payFen: 1500, mealPeriodId: 'lunch' });
    expect(refused(priceQuote(input(stall, { spent: { dayFen: 0, dayCount: 0, mealFen: 501, mealCount: 0 } }))).reason).toBe('meal_limit');
    expect(ok(priceQuote(input(stall, { clock: AFTERNOON, spent: { dayFen: 0, dayCount: 0, mealFen: 9999, mealCount: 0 } }))).payFen).toBe(1500);
  });
  it('day_limit is checked before meal_limit', () => {
    const stall: StallPricing = { mode: 'fixed', fixedFen: 1500, limits: { perDayFen: 1000, perMealFen: 1000 } };
    expect(refused(priceQuote(input(stall))).reason).toBe('day_limit');
  });
  it('a zero payment cannot breach a money limit', () => {
    const stall: StallPricing = { mode: 'fixed', fixedFen: 1500, limits: { perDayFen: 1000 }, adjustments: [{ id: 'f', label: '免单', kind: 'discount', rateBp: 10_000 }] };
    expect(ok(priceQuote(input(stall, { spent: { dayFen: 5000, dayCount: 0, mealFen: 0, mealCount: 0 } }))).payFen).toBe(0);
  });
  it('day_count_limit and meal_count_limit, in money and count modes', () => {
    for (const stall of [
      { mode: 'fixed', fixedFen: 100, limits: { perDayCount: 3, perMealCount: 1 } },
      { mode: 'count', limits: { perDayCount: 3, perMealCount: 1 } },
    ] as StallPricing[]) {
      expect(ok(priceQuote(input(stall, { spent: { dayFen: 0, dayCount: 2, mealFen: 0, mealCount: 0 } }))).ok).toBe(true);
      expect(refused(priceQuote(input(stall, { spent: { dayFen: 0, dayCount: 3, mealFen: 0, mealCount: 0 } }))).reason).toBe('day_count_limit');
      expect(refused(priceQuote(input(stall, { spent: { dayFen: 0, dayCount: 0, mealFen: 0, mealCount: 1 } }))).reason).toBe('meal_count_limit');
      expect(ok(priceQuote(input(stall, { clock: AFTERNOON, spent: { dayFen: 0, dayCount: 0, mealFen: 0, mealCount: 1 } }))).ok).toBe(true);
    }
  });
  it('insufficient_balance carries payFen; the wallet order decides what counts', () => {
    const r = refused(priceQuote(input({ mode: 'fixed', fixedFen: 6001 })));
    expect(r).toMatchObject({ reason: 'insufficient_balance', payFen: 6001, mealPeriodId: 'lunch' });
    expect(r.steps.at(-2)).toEqual({ code: 'balance_short', params: { needFen: 6001, availableFen: 6000 } });
    expect(refused(priceQuote(input({ mode: 'fixed', fixedFen: 1500, walletOrder: ['subsidy'] }))).reason).toBe('insufficient_balance');
  });
  it('insufficient_count', () => {
    const r = refused(priceQuote(input({ mode: 'count', countPerUse: 4 })));
    expect(r.reason).toBe('insufficient_count');
    expect(r.payFen).toBeUndefined();
  });
  it('throws on malformed caller-derived inputs', () => {
    expect(() => priceQuote(input({ mode: 'fixed', fixedFen: 100 }, { clock: { ...NOON, minuteOfDay: 1440 } }))).toThrow(RangeError);
    expect(() => priceQuote(input({ mode: 'fixed', fixedFen: 100 }, { balances: { subsidyFen: 0.5, cashFen: 0, count: 0 } }))).toThrow(RangeError);
  });
});

describe('priceQuote: adjustments', () => {
  const base = { mode: 'fixed', fixedFen: 1505 } as const;
  it('rounds a rate half-up to the fen: 1505 at 15% off -> 226 off', () => {
    const q = ok(priceQuote(input({ ...base, adjustments: [{ id: 'd', label: '教职工85折', kind: 'discount', rateBp: 1500 }] })));
    expect(q.adjustments).toEqual([{ id: 'd', label: '教职工85折', deltaFen: -226 }]);
    expect(q.payFen).toBe(1279);
  });
  it('1 fen at 50% off is 1 fen off (0.5 rounds up), leaving 0 which splits to zeros', () => {
    const q = ok(priceQuote(input({ mode: 'fixed', fixedFen: 1, adjustments: [{ id: 'h', label: '半价', kind: 'discount', rateBp: 5000 }] })));
    expect(q.payFen).toBe(0);
    expect(q.split).toEqual({ subsidyFen: 0, cashFen: 0, count: 0 });
    expect(codes(q)).not.toContain('wallet');
  });
  it('applies in order on the running amount, so order matters', () => {
    const off20 = { id: 'r', label: '8折', kind: 'discount', rateBp: 2000 } as const;
    const minus300 = { id: 'm', label: '立减3元', kind: 'discount', amountFen: 300 } as const;
    const a = ok(priceQuote(input({ mode: 'fixed', fixedFen: 1500, adjustments: [off20, minus300] })));
    const b = ok(priceQuote(input({ mode: 'fixed', fixedFen: 1500, adjustments: [minus300, off20] })));
    expect(a.adjustments.map((x) => x.deltaFen)).toEqual([-300, -300]);
    expect(a.payFen).toBe(900);
    expect(b.adjustments.map((x) => x.deltaFen)).toEqual([-300, -240]);
    expect(b.payFen).toBe(960);
  });
  it('floors at 0 and records the delta actually taken; premiums add', () => {
    const q = ok(priceQuote(input({ mode: 'fixed', fixedFen: 500, adjustments: [
      { id: 'big', label: '立减10元', kind: 'discount', amountFen: 1000 },
      { id: 'prem', label: '夜宵加价', kind: 'premium', amountFen: 200 },
      { id: 'pct', label: '外卖加价10%', kind: 'premium', rateBp: 1000 },
    ] })));
    expect(q.adjustments.map((x) => x.deltaFen)).toEqual([-500, 200, 20]);
    expect(q.payFen).toBe(220);
    expect(q.listFen).toBe(500);
  });
  it('matches audience by department (incl. ancestors), tag or identity; empty = everyone', () => {
    const adj = (id: string, match: object) => ({ id, label: id, kind: 'discount' as const, amountFen: 1, match });
    const q = ok(priceQuote(input({ mode: 'fixed', fixedFen: 100, adjustments: [
      adj('ancestor', { departments: ['org-root'] }),
      adj('other-dept', { departments: ['dept-art'] }),
      adj('tag', { tags: ['tag-staff'] }),
      adj('other-tag', { tags: ['tag-student'] }),
      adj('identity', { identities: ['teacher'] }),
      adj('other-identity', { identities: ['student'] }),
      adj('any-of', { departments: ['dept-art'], identities: ['teacher'] }),
      adj('empty', { departments: [], tags: [] }),
    ] })));
    expect(q.adjustments.map((a) => a.id)).toEqual(['ancestor', 'tag', 'identity', 'any-of', 'empty']);
    const noIdentity = ok(priceQuote(input({ mode: 'fixed', fixedFen: 100, adjustments: [adj('identity', { identities: ['teacher'] })] }, { member: { departmentIds: [], tagIds: [], identity: null } })));
    expect(noIdentity.adjustments).toEqual([]);
  });
  it('applies only inside its window and on its days', () => {
    const stall: StallPricing = { mode: 'fixed', fixedFen: 1000, adjustments: [{ id: 'lunch', label: '午餐8折', kind: 'discount', rateBp: 2000, window: { start: '11:00', end: '13:30', days: [1, 2, 3, 4, 5] } }] };
    expect(ok(priceQuote(input(stall))).payFen).toBe(800);
    expect(ok(priceQuote(input(stall, { clock: AFTERNOON }))).payFen).toBe(1000);
    expect(ok(priceQuote(input(stall, { clock: { ...NOON, isoWeekday: 7 } }))).payFen).toBe(1000);
  });
  it('adjusts an entered amount in free mode', () => {
    const q = ok(priceQuote(input({ mode: 'free', adjustments: [{ id: 'd', label: '9折', kind: 'discount', rateBp: 1000 }] }, { amountFen: 1234 })));
    expect(q).toMatchObject({ listFen: 1234, payFen: 1111 }); // 123.4 -> 123 off
  });
});

describe('priceQuote: wallet order', () => {
  it('cash first when configured', () => {
    const q = ok(priceQuote(input({ mode: 'fixed', fixedFen: 5500, walletOrder: ['cash', 'subsidy'] })));
    expect(q.split).toEqual({ subsidyFen: 500, cashFen: 5000, count: 0 });
    expect(q.steps.filter((s) => s.code === 'wallet').map((s) => s.params.wallet)).toEqual(['cash', 'subsidy']);
  });
  it('cash only', () => {
    expect(ok(priceQuote(input({ mode: 'fixed', fixedFen: 800, walletOrder: ['cash'] }))).split).toEqual({ subsidyFen: 0, cashFen: 800, count: 0 });
  });
});
