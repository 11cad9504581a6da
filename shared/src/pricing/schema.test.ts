import { describe, expect, it } from 'vitest';
import { StallPricingSchema, validateMealPeriods, validateStallPricing } from './schema.ts';

const problems = (p: unknown) => {
  const r = validateStallPricing(p);
  return r.ok ? [] : r.problems;
};

describe('validateStallPricing', () => {
  it('accepts every mode in its minimal form and a full config', () => {
    for (const p of [
      { mode: 'fixed', fixedFen: 1500 },
      { mode: 'free' },
      { mode: 'count' },
      { mode: 'limited', limits: { perPaymentMaxFen: 3000 } },
      {
        mode: 'fixed',
        fixedFen: 1500,
        openWindows: [{ start: '06:30', end: '09:00', days: [1, 2, 3, 4, 5] }, { start: '20:00', end: '24:00' }],
        adjustments: [
          { id: 'a', label: '教职工午餐8折', kind: 'discount', rateBp: 2000, match: { tags: ['t'] }, window: { start: '11:00', end: '13:30' } },
          { id: 'b', label: '夜宵加价', kind: 'premium', amountFen: 100 },
        ],
        limits: { perPaymentMaxFen: 5000, perMealFen: 3000, perDayFen: 8000, perMealCount: 2, perDayCount: 5 },
        walletOrder: ['cash'],
      },
    ]) {
      expect(problems(p), JSON.stringify(p)).toEqual([]);
    }
    expect(StallPricingSchema.safeParse({ mode: 'free' }).success).toBe(true);
  });

  it.each([
    ['fixed without a price', { mode: 'fixed' }, 'fixedFen'],
    ['a zero price', { mode: 'fixed', fixedFen: 0 }, 'fixedFen'],
    ['a fractional price', { mode: 'fixed', fixedFen: 1.5 }, 'fixedFen'],
    ['limited without perPaymentMaxFen', { mode: 'limited', limits: {} }, 'limits.perPaymentMaxFen'],
    ['an unknown mode', { mode: 'weird' }, 'mode'],
    ['a misspelt key', { mode: 'free', limits: { perDayFEN: 1 } }, 'limits'],
    ['a zero countPerUse', { mode: 'count', countPerUse: 0 }, 'countPerUse'],
    ['both rateBp and amountFen', { mode: 'free', adjustments: [{ id: 'a', label: 'x', kind: 'discount', rateBp: 1, amountFen: 1 }] }, 'adjustments.0.rateBp'],
    ['neither rateBp nor amountFen', { mode: 'free', adjustments: [{ id: 'a', label: 'x', kind: 'discount' }] }, 'adjustments.0.rateBp'],
    ['a discount over 100%', { mode: 'free', adjustments: [{ id: 'a', label: 'x', kind: 'discount', rateBp: 10_001 }] }, 'adjustments.0.rateBp'],
    ['duplicate adjustment ids', { mode: 'free', adjustments: [{ id: 'a', label: 'x', kind: 'premium', rateBp: 1 }, { id: 'a', label: 'y', kind: 'premium', rateBp: 1 }] }, 'adjustments'],
    ['an empty wallet order', { mode: 'free', walletOrder: [] }, 'walletOrder'],
    ['a repeated wallet', { mode: 'free', walletOrder: ['cash', 'cash'] }, 'walletOrder'],
    ['an unknown wallet', { mode: 'free', walletOrder: ['points'] }, 'walletOrder.0'],
    ['a window ending before it starts', { mode: 'free', openWindows: [{ start: '13:00', end: '11:00' }] }, 'openWindows.0.end'],
    ['a window across midnight', { mode: 'free', openWindows: [{ start: '22:00', end: '02:00' }] }, 'openWindows.0.end'],
    ['a malformed time', { mode: 'free', openWindows: [{ start: '7:00', end: '09:00' }] }, 'openWindows.0.start'],
    ['24:00 as a start', { mode: 'free', openWindows: [{ start: '24:00', end: '24:00' }] }, 'openWindows.0.start'],
    ['weekday 0', { mode: 'free', openWindows: [{ start: '07:00', end: '09:00', days: [0] }] }, 'openWindows.0.days.0'],
    ['empty days', { mode: 'free', openWindows: [{ start: '07:00', end: '09:00', days: [] }] }, 'openWindows.0.days'],
    ['a negative limit', { mode: 'free', limits: { perDayFen: -1 } }, 'limits.perDayFen'],
  ])('rejects %s', (_name, p, path) => {
    const found = problems(p);
    expect(found.some((line) => line.startsWith(`${path}:`)), found.join('\n')).toBe(true);
  });

  it('rejects non-objects', () => {
    expect(problems(null).length).toBeGreaterThan(0);
    expect(problems('fixed').length).toBeGreaterThan(0);
  });
});

describe('validateMealPeriods', () => {
  it('accepts valid periods and rejects duplicates or bad ranges', () => {
    expect(validateMealPeriods([{ id: 'l', name: '午餐', start: '11:00', end: '13:30' }]).ok).toBe(true);
    expect(validateMealPeriods([]).ok).toBe(true);
    expect(validateMealPeriods([{ id: 'l', name: '午餐', start: '11:00', end: '13:30' }, { id: 'l', name: '晚餐', start: '17:00', end: '19:00' }]).ok).toBe(false);
    expect(validateMealPeriods([{ id: 'l', name: '午餐', start: '11:00', end: '11:00' }]).ok).toBe(false);
    expect(validateMealPeriods([{ id: 'l', name: ' ', start: '11:00', end: '12:00' }]).ok).toBe(false);
  });
});
