import { describe, expect, it } from 'vitest';
import { MoneyError } from '../money.ts';
import { splitRefund } from './refund.ts';

describe('splitRefund', () => {
  const paid = { subsidyFen: 600, cashFen: 400 };
  const none = { subsidyFen: 0, cashFen: 0 };
  it('returns cash first, then subsidy', () => {
    expect(splitRefund(paid, none, 300)).toEqual({ subsidyFen: 0, cashFen: 300 });
    expect(splitRefund(paid, none, 700)).toEqual({ subsidyFen: 300, cashFen: 400 });
    expect(splitRefund(paid, none, 1000)).toEqual({ subsidyFen: 600, cashFen: 400 });
  });
  it('handles a sequence of partial refunds until nothing is left', () => {
    let done = { ...none };
    const parts = [150, 200, 300, 349, 1];
    const results = parts.map((r) => {
      const s = splitRefund(paid, done, r);
      done = { subsidyFen: done.subsidyFen + s.subsidyFen, cashFen: done.cashFen + s.cashFen };
      return s;
    });
    expect(results).toEqual([
      { subsidyFen: 0, cashFen: 150 },
      { subsidyFen: 0, cashFen: 200 },
      { subsidyFen: 250, cashFen: 50 },
      { subsidyFen: 349, cashFen: 0 },
      { subsidyFen: 1, cashFen: 0 },
    ]);
    expect(done).toEqual(paid);
    expect(() => splitRefund(paid, done, 1)).toThrow(MoneyError);
  });
  it('works for subsidy-only and cash-only payments', () => {
    expect(splitRefund({ subsidyFen: 500, cashFen: 0 }, none, 200)).toEqual({ subsidyFen: 200, cashFen: 0 });
    expect(splitRefund({ subsidyFen: 0, cashFen: 500 }, { subsidyFen: 0, cashFen: 100 }, 400)).toEqual({ subsidyFen: 0, cashFen: 400 });
  });
  it('throws on zero, negative, fractional or excessive refunds', () => {
    expect(() => splitRefund(paid, none, 0)).toThrow(MoneyError);
    expect(() => splitRefund(paid, none, -5)).toThrow(MoneyError);
    expect(() => splitRefund(paid, none, 1.5)).toThrow(MoneyError);
    expect(() => splitRefund(paid, none, 1001)).toThrow(MoneyError);
    expect(() => splitRefund(paid, { subsidyFen: 0, cashFen: 400 }, 601)).toThrow(MoneyError);
    expect(() => splitRefund(paid, { subsidyFen: 0, cashFen: 401 }, 1)).toThrow(MoneyError);
    expect(() => splitRefund({ subsidyFen: -1, cashFen: 10 }, none, 1)).toThrow(MoneyError);
  });
});
