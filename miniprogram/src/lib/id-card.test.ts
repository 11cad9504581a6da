import { describe, expect, it } from 'vitest';
import { idCardCheckChar, idCardProblem, isValidIdCard, normaliseIdCard } from './id-card';

describe('GB 11643 ID-card checksum', () => {
  it('computes the check character, including X (remainder 2) and 0 (remainder 1)', () => {
    // The standard's own example and numbers from the demo seed.
    expect(idCardCheckChar('11010519491231002')).toBe('X');
    expect(idCardCheckChar('44052418800101001')).toBe('4');
    expect(idCardCheckChar('11010119900307103')).toBe('0'); // weighted sum 166, 166 mod 11 = 1 -> '0'
    expect(idCardCheckChar('1101051949123100')).toBeNull();
    expect(idCardCheckChar('1101051949123100A')).toBeNull();
  });

  it('agrees with the ISO 7064 MOD 11-2 formula for every one of the 11 remainders', () => {
    // Independent oracle: weight 2^(17-i) mod 11, check value (12 - sum mod 11) mod 11, 10 written X.
    const oracle = (digits: string) => {
      let sum = 0;
      for (let i = 0; i < 17; i += 1) sum += Number(digits[i]) * (2 ** (17 - i) % 11);
      const value = (12 - (sum % 11)) % 11;
      return { remainder: sum % 11, char: value === 10 ? 'X' : String(value) };
    };
    const seen = new Set<number>();
    for (let sequence = 100; sequence < 400 && seen.size < 11; sequence += 1) {
      const digits = `11010119900307${sequence}`;
      const { remainder, char } = oracle(digits);
      seen.add(remainder);
      expect(idCardCheckChar(digits), digits).toBe(char);
    }
    expect(seen.size).toBe(11);
  });

  it('accepts valid numbers, with a lower-case x and spaces', () => {
    expect(isValidIdCard('11010519491231002X')).toBe(true);
    expect(isValidIdCard('11010519491231002x')).toBe(true);
    expect(isValidIdCard('440524 18800101 0014')).toBe(true);
    expect(normaliseIdCard(' 11010519491231002x ')).toBe('11010519491231002X');
  });

  it('rejects a single wrong digit and swapped neighbours (what the checksum is for)', () => {
    expect(idCardProblem('11010519491231003X')).toBe('checksum');
    expect(idCardProblem('110105194912310020')).toBe('checksum');
    expect(idCardProblem('440524188001010041')).toBe('checksum');
  });

  it('says what is wrong otherwise', () => {
    expect(idCardProblem('11010519491231002')).toBe('length');
    expect(idCardProblem('1101051949123100212')).toBe('length');
    expect(idCardProblem('01010519491231002X')).toBe('format');
    expect(idCardProblem('110105194912310X2X')).toBe('format');
    expect(idCardProblem('110105194902300021')).toBe('birth_date'); // 30 February
    expect(idCardProblem('110105179912310021')).toBe('birth_date'); // before 1800
    const today = new Date(2026, 10, 25);
    const tomorrow = `110105${'20261126'}002`;
    expect(idCardProblem(`${tomorrow}${idCardCheckChar(tomorrow)}`, today)).toBe('birth_date');
  });
});
