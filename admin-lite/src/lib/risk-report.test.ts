import { describe, expect, it } from 'vitest';
import { countByDay, riskDetailText } from './risk-report.ts';

describe('riskDetailText', () => {
  it('labels the known device keys in order, then other scalars, and skips objects and blanks', () => {
    expect(riskDetailText({ page: 'card', platform: 'ios', model: 'iPhone 15', extra: { a: 1 }, sdk: '3.4.0', brand: '' })).toBe('机型：iPhone 15 · 平台：ios · 页面：电子卡 · sdk：3.4.0');
    expect(riskDetailText({})).toBe('');
  });
});

describe('countByDay', () => {
  it('counts each kind per local day, newest day first', () => {
    const at = (y: number, m: number, d: number, h: number) => new Date(y, m - 1, d, h).toISOString();
    expect(
      countByDay([
        { at: at(2026, 11, 24, 23), kind: 'screenshot' },
        { at: at(2026, 11, 24, 8), kind: 'screen_recording' },
        { at: at(2026, 11, 24, 1), kind: 'screenshot' },
        { at: at(2026, 11, 23, 9), kind: 'screenshot' },
      ]),
    ).toEqual([
      { day: '2026-11-24', screenshot: 2, screen_recording: 1, total: 3 },
      { day: '2026-11-23', screenshot: 1, screen_recording: 0, total: 1 },
    ]);
  });
});
