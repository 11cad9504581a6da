import { describe, expect, it } from 'vitest';
import { normalizePhone } from './phone.ts';

describe('phone', () => {
  it('normalises what people type or paste', () => {
    expect(normalizePhone(' 138 0000-0001 ')).toBe('13800000001');
    expect(normalizePhone('+86 13800000001')).toBe('13800000001');
  });
});
