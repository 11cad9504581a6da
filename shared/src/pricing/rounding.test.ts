import { describe, expect, it } from 'vitest';
import { MoneyError } from '../money.ts';
import { basisPointsOfFen } from './rounding.ts';

describe('basisPointsOfFen (half-up to the fen, integer arithmetic)', () => {
  it('rounds half-up', () => {
    expect(basisPointsOfFen(1505, 1500)).toBe(226); // 225.75
    expect(basisPointsOfFen(1, 5000)).toBe(1); // 0.5 -> 1
    expect(basisPointsOfFen(1, 4999)).toBe(0); // 0.4999 -> 0
    expect(basisPointsOfFen(3, 5000)).toBe(2); // 1.5 -> 2
    expect(basisPointsOfFen(1000, 2000)).toBe(200);
    expect(basisPointsOfFen(0, 2000)).toBe(0);
    expect(basisPointsOfFen(1234, 10_000)).toBe(1234);
  });
  it('stays exact right up to the safe-integer edge', () => {
    const amount = Math.floor((Number.MAX_SAFE_INTEGER - 5000) / 9999);
    const expected = (BigInt(amount) * 9999n + 5000n) / 10000n;
    expect(BigInt(basisPointsOfFen(amount, 9999))).toBe(expected);
  });
  it('throws MoneyError on overflow or bad operands', () => {
    expect(() => basisPointsOfFen(Number.MAX_SAFE_INTEGER, 2)).toThrow(MoneyError);
    expect(() => basisPointsOfFen(1e12, 1e4)).toThrow(MoneyError);
    expect(() => basisPointsOfFen(1.5, 100)).toThrow(MoneyError);
    expect(() => basisPointsOfFen(-1, 100)).toThrow(MoneyError);
    expect(() => basisPointsOfFen(100, 0.5)).toThrow(MoneyError);
  });
  it('matches a BigInt reference for seeded random operands, exact halves included', () => {
    let seed = 42;
    const next = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    for (let i = 0; i < 5000; i++) {
      const amount = i % 4 === 0 ? 2 * next(100_000) + 1 : next(10_000_000);
      const bp = i % 4 === 0 ? 5000 : next(20_001);
      expect(BigInt(basisPointsOfFen(amount, bp)), `${amount} x ${bp}bp`).toBe((BigInt(amount) * BigInt(bp) + 5000n) / 10000n);
    }
  });
});
