import { describe, expect, it } from 'vitest';
import { maskIdCard } from './mask-id-card.ts';

describe('maskIdCard', () => {
  it('leaves an already masked value alone', () => {
    expect(maskIdCard('110***********002X')).toBe('110***********002X');
  });

  it('masks a full number like the database does (first 3 + last 4)', () => {
    expect(maskIdCard('11010519491231002X')).toBe('110***********002X');
  });

  it('hides short values completely and maps empty to null', () => {
    expect(maskIdCard('1234567')).toBe('*******');
    expect(maskIdCard('')).toBeNull();
    expect(maskIdCard(null)).toBeNull();
  });
});
