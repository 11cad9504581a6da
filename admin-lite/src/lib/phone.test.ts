import { describe, expect, it } from 'vitest';
import { isMainlandMobile, normalizePhone } from './phone.ts';

describe('phone', () => {
  it('normalises what people type or paste', () => {
    expect(normalizePhone(' 138 0000-0001 ')).toBe('13800000001');
    expect(normalizePhone('+86 13800000001')).toBe('13800000001');
  });

  it('accepts 11-digit mainland mobile numbers only', () => {
    expect(isMainlandMobile('13800000001')).toBe(true);
    expect(isMainlandMobile('19912345678')).toBe(true);
    expect(isMainlandMobile('12800000001')).toBe(false);
    expect(isMainlandMobile('1380000000')).toBe(false);
    expect(isMainlandMobile('138000000012')).toBe(false);
  });
});
