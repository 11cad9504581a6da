import { describe, expect, it } from 'vitest';
import { formatMoment } from './format-time';

describe('formatMoment', () => {
  // Built from local components so the test passes in any time zone.
  const now = new Date(2026, 10, 25, 17, 40);

  it('shows only the clock time for today', () => {
    expect(formatMoment(new Date(2026, 10, 25, 18, 5).toISOString(), now)).toBe('18:05');
    expect(formatMoment(new Date(2026, 10, 25, 9, 0).getTime(), now)).toBe('09:00');
  });

  it('adds the date for another day', () => {
    expect(formatMoment(new Date(2026, 10, 26, 0, 15).toISOString(), now)).toBe('11月26日 00:15');
  });

  it('returns null for garbage', () => {
    expect(formatMoment('not a date', now)).toBeNull();
  });
});
