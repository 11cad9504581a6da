import { describe, expect, it } from 'vitest';
import { formatDateTime, formatShortDateTime, formatWait, maskPhone } from './format.ts';

describe('formatWait', () => {
  it('uses seconds under two minutes, then whole minutes and hours rounded up', () => {
    expect(formatWait(59)).toBe('59 秒');
    expect(formatWait(60)).toBe('60 秒');
    expect(formatWait(120)).toBe('2 分钟');
    expect(formatWait(121)).toBe('3 分钟');
    expect(formatWait(3600)).toBe('60 分钟');
    expect(formatWait(7200)).toBe('2 小时');
    expect(formatWait(86400)).toBe('24 小时');
    expect(formatWait(-3)).toBe('0 秒');
  });
});

describe('formatDateTime', () => {
  it('shows wall-clock minutes in the given zone', () => {
    expect(formatDateTime('2026-11-25T01:30:59Z', 'Asia/Shanghai')).toBe('2026-11-25 09:30');
    expect(formatDateTime('2026-11-25T16:05:00Z', 'Asia/Shanghai')).toBe('2026-11-26 00:05');
  });

  it('leaves an unparseable value as it is', () => {
    expect(formatDateTime('soon')).toBe('soon');
  });
});

describe('formatShortDateTime', () => {
  it('drops the year only for times in the current year', () => {
    const now = new Date('2026-12-01T00:00:00Z');
    expect(formatShortDateTime('2026-11-25T01:30:00Z', now, 'Asia/Shanghai')).toBe('11-25 09:30');
    expect(formatShortDateTime('2025-11-25T01:30:00Z', now, 'Asia/Shanghai')).toBe('2025-11-25 09:30');
  });
});

describe('maskPhone', () => {
  it('keeps the first 3 and last 4 digits', () => {
    expect(maskPhone('13800000001')).toBe('138****0001');
  });
});
