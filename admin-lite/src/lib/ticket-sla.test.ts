import { describe, expect, it } from 'vitest';
import { durationText, slaLimitsText, slaState } from './ticket-sla.ts';

describe('ticket SLA timers', () => {
  it('writes durations in minutes, hours or days', () => {
    expect(durationText(45)).toBe('45 分钟');
    expect(durationText(-125)).toBe('2 小时 5 分');
    expect(durationText(1500)).toBe('1 天 1 小时');
  });

  it('counts down to the limit and then up as overdue; a met limit is done', () => {
    const now = new Date('2026-11-25T08:15:30Z');
    expect(slaState('2026-11-25T08:45:30Z', null, now)).toEqual({ kind: 'left', minutes: 30 });
    expect(slaState('2026-11-25T08:10:00Z', null, now)).toEqual({ kind: 'overdue', minutes: 6 });
    expect(slaState('2026-11-25T08:10:00Z', '2026-11-25T08:05:00Z', now)).toEqual({ kind: 'done', at: '2026-11-25T08:05:00Z' });
  });

  it('states the limits of a class', () => {
    expect(slaLimitsText('svip_urgent')).toBe('需在 10 分钟内响应，8 小时 0 分内解决');
  });
});
