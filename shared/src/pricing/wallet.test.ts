import { describe, expect, it } from 'vitest';
import { MoneyError } from '../money.ts';
import { splitPayment } from './wallet.ts';

describe('splitPayment', () => {
  const balances = { subsidyFen: 500, cashFen: 2000, count: 0 };
  it('takes subsidy first by default order', () => {
    expect(splitPayment(800, balances, ['subsidy', 'cash'])).toEqual({ subsidyFen: 500, cashFen: 300 });
    expect(splitPayment(300, balances, ['subsidy', 'cash'])).toEqual({ subsidyFen: 300, cashFen: 0 });
  });
  it('follows a reversed order', () => {
    expect(splitPayment(800, balances, ['cash', 'subsidy'])).toEqual({ subsidyFen: 0, cashFen: 800 });
    expect(splitPayment(2300, balances, ['cash', 'subsidy'])).toEqual({ subsidyFen: 300, cashFen: 2000 });
  });
  it('uses only the listed wallets', () => {
    expect(splitPayment(800, balances, ['subsidy'])).toBeNull();
    expect(splitPayment(500, balances, ['subsidy'])).toEqual({ subsidyFen: 500, cashFen: 0 });
    expect(splitPayment(2000, balances, ['cash'])).toEqual({ subsidyFen: 0, cashFen: 2000 });
  });
  it('returns null when short, zeros for a zero payment', () => {
    expect(splitPayment(2501, balances, ['subsidy', 'cash'])).toBeNull();
    expect(splitPayment(2500, balances, ['subsidy', 'cash'])).toEqual({ subsidyFen: 500, cashFen: 2000 });
    expect(splitPayment(0, { subsidyFen: 0, cashFen: 0, count: 0 }, ['subsidy', 'cash'])).toEqual({ subsidyFen: 0, cashFen: 0 });
  });
  it('treats a negative balance as empty', () => {
    expect(splitPayment(100, { subsidyFen: -50, cashFen: 100, count: 0 }, ['subsidy', 'cash'])).toEqual({ subsidyFen: 0, cashFen: 100 });
  });
  it('throws on bad amounts and orders', () => {
    expect(() => splitPayment(-1, balances, ['cash'])).toThrow(MoneyError);
    expect(() => splitPayment(1.5, balances, ['cash'])).toThrow(MoneyError);
    expect(() => splitPayment(1, { ...balances, cashFen: 0.5 }, ['cash'])).toThrow(MoneyError);
    expect(() => splitPayment(1, balances, [])).toThrow(RangeError);
    expect(() => splitPayment(1, balances, ['cash', 'cash'])).toThrow(RangeError);
  });
});
