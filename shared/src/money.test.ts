import { describe, expect, it } from 'vitest';
import { MoneyError, addFen, compareFen, fen, fenToYuanString, formatFen, isFen, subFen, yuanToFen } from './money.ts';

describe('fen()', () => {
  it('brands safe integers', () => {
    expect(fen(1234)).toBe(1234);
    expect(fen(-5)).toBe(-5);
    expect(Object.is(fen(-0), 0)).toBe(true);
    expect(fen(Number.MAX_SAFE_INTEGER)).toBe(Number.MAX_SAFE_INTEGER);
  });
  it.each([0.5, Number.NaN, Infinity, -Infinity, Number.MAX_SAFE_INTEGER + 1, 0.1 + 0.2])('rejects %d', (n) => {
    expect(() => fen(n)).toThrow(MoneyError);
  });
  it('isFen is a type guard over unknown input', () => {
    expect(isFen(3)).toBe(true);
    expect(isFen('3')).toBe(false);
    expect(isFen(3.1)).toBe(false);
  });
});

describe('yuanToFen()', () => {
  it.each([
    ['12.34', 1234],
    ['0.1', 10],
    ['0.01', 1],
    ['7', 700],
    ['007.50', 750],
    ['-0.5', -50],
    ['-12.34', -1234],
    ['0', 0],
    ['1.10', 110],
    ['90071992547409.91', Number.MAX_SAFE_INTEGER],
  ])('parses %j exactly as %d fen', (text, expected) => {
    expect(yuanToFen(text)).toBe(expected);
  });
  it('parses values where float math would be off by one', () => {
    // parseFloat('1.15') * 100 = 114.99999999999999; 4.35 * 100 = 434.99999999999994
    expect(yuanToFen('1.15')).toBe(115);
    expect(yuanToFen('4.35')).toBe(435);
    expect(yuanToFen('0.29')).toBe(29);
    // Even Math.round(parseFloat(x) * 100) is wrong for large amounts.
    expect(yuanToFen('87106894233399.87')).toBe(8710689423339987);
    expect(yuanToFen('86141565751072.49')).toBe(8614156575107249);
  });
  it.each(['', '.5', '1.', '1.234', '1,000.00', '+1', ' 1', '1e3', '¥1', 'abc', '--1', '1.2.3', '90071992547409.92'])(
    'rejects %j',
    (text) => {
      expect(() => yuanToFen(text)).toThrow(MoneyError);
    },
  );
});

describe('formatting and arithmetic', () => {
  it('formats with two decimals and a yuan sign', () => {
    expect(formatFen(fen(1234))).toBe('¥12.34');
    expect(formatFen(fen(5))).toBe('¥0.05');
    expect(formatFen(fen(0))).toBe('¥0.00');
    expect(formatFen(fen(-1234))).toBe('-¥12.34');
    expect(formatFen(fen(100_000_00))).toBe('¥100000.00');
    expect(fenToYuanString(fen(-5))).toBe('-0.05');
  });
  it('round-trips through the decimal string', () => {
    for (const n of [0, 1, 9, 10, 99, 100, 101, 123456789, -1, -100, -123456789]) {
      expect(yuanToFen(fenToYuanString(fen(n)))).toBe(n);
    }
  });
  it('adds and subtracts exactly, and refuses to overflow', () => {
    expect(addFen(fen(10), fen(20), fen(-5))).toBe(25);
    expect(addFen()).toBe(0);
    expect(subFen(fen(10), fen(25))).toBe(-15);
    expect(() => addFen(fen(Number.MAX_SAFE_INTEGER), fen(1))).toThrow(MoneyError);
    expect(() => subFen(fen(-Number.MAX_SAFE_INTEGER), fen(2))).toThrow(MoneyError);
    expect(() => addFen(0.5 as never)).toThrow(MoneyError);
    expect(compareFen(fen(1), fen(2))).toBe(-1);
  });
});
