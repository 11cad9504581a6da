import { describe, expect, it } from 'vitest';
import { idCardCheckChar, idCardProblem, isValidMobile, maskMobile } from './identity-numbers.ts';

describe('ID-card numbers (GB 11643)', () => {
  it('accepts valid numbers, including an X check character', () => {
    expect(idCardProblem('11010519491231002X')).toBeNull();
    expect(idCardProblem('11010519491231002x')).toBeNull();
    expect(idCardProblem('440524188001010014')).toBeNull();
  });
  it('computes the check character', () => {
    expect(idCardCheckChar('11010519491231002')).toBe('X');
    expect(idCardCheckChar('44052418800101001')).toBe('4');
  });
  it('says why a number is wrong', () => {
    expect(idCardProblem('11010519491231002')).toBe('format');
    expect(idCardProblem('110105194913310020')).toBe('birth_date');
    expect(idCardProblem('110105194902300020')).toBe('birth_date');
    expect(idCardProblem('110105194912310021')).toBe('checksum');
  });
});

describe('mobile numbers', () => {
  it('accepts 11-digit mainland numbers only', () => {
    expect(isValidMobile('13800000001')).toBe(true);
    expect(isValidMobile('12800000001')).toBe(false);
    expect(isValidMobile('1380000000')).toBe(false);
    expect(isValidMobile('19912345678')).toBe(true);
    expect(isValidMobile('138000000012')).toBe(false);
    expect(maskMobile('13800000001')).toBe('138****0001');
  });
});
