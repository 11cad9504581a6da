import { describe, expect, it } from 'vitest';
import { inWindow, localClock, localDayStart, localTimeOn, mealPeriodAt, parseHhmm } from './clock.ts';
import type { LocalClock, MealPeriod } from './types.ts';

const at = (minuteOfDay: number, isoWeekday = 3): LocalClock => ({ dateKey: '2026-11-25', minuteOfDay, isoWeekday });
const hm = (h: number, m: number) => h * 60 + m;

describe('parseHhmm', () => {
  it('parses 24h times and rejects junk', () => {
    expect(parseHhmm('00:00')).toBe(0);
    expect(parseHhmm('23:59')).toBe(1439);
    expect(parseHhmm('11:30')).toBe(690);
    for (const bad of ['24:00', '7:00', '12:60', '12:5', ' 12:00', '12:00:00', '']) expect(parseHhmm(bad)).toBeNull();
    expect(parseHhmm('24:00', true)).toBe(1440);
  });
});

describe('inWindow', () => {
  const w = { start: '11:00', end: '13:30' };
  it('is start-inclusive and end-exclusive', () => {
    expect(inWindow(w, at(hm(10, 59)))).toBe(false);
    expect(inWindow(w, at(hm(11, 0)))).toBe(true);
    expect(inWindow(w, at(hm(13, 29)))).toBe(true);
    expect(inWindow(w, at(hm(13, 30)))).toBe(false);
  });
  it('honours ISO weekdays', () => {
    const weekdays = { ...w, days: [1, 2, 3, 4, 5] };
    expect(inWindow(weekdays, at(hm(12, 0), 5))).toBe(true);
    expect(inWindow(weekdays, at(hm(12, 0), 6))).toBe(false);
    expect(inWindow(weekdays, at(hm(12, 0), 7))).toBe(false);
    expect(inWindow({ ...w, days: [7] }, at(hm(12, 0), 7))).toBe(true);
  });
  it('runs to the end of the day with 24:00', () => {
    expect(inWindow({ start: '20:00', end: '24:00' }, at(1439))).toBe(true);
  });
  it('throws on a malformed window', () => {
    expect(() => inWindow({ start: '13:00', end: '11:00' }, at(0))).toThrow(RangeError);
    expect(() => inWindow({ start: '9:00', end: '11:00' }, at(0))).toThrow(RangeError);
  });
});

describe('mealPeriodAt', () => {
  const periods: MealPeriod[] = [
    { id: 'b', name: '早餐', start: '06:30', end: '09:00' },
    { id: 'l', name: '午餐', start: '11:00', end: '13:30' },
    { id: 'l2', name: '午餐加时', start: '13:00', end: '14:00' },
  ];
  it('finds the period with start inclusive, end exclusive', () => {
    expect(mealPeriodAt(periods, at(hm(6, 29)))).toBeNull();
    expect(mealPeriodAt(periods, at(hm(6, 30)))?.id).toBe('b');
    expect(mealPeriodAt(periods, at(hm(8, 59)))?.id).toBe('b');
    expect(mealPeriodAt(periods, at(hm(9, 0)))).toBeNull();
  });
  it('takes the first listed when periods overlap', () => {
    expect(mealPeriodAt(periods, at(hm(13, 15)))?.id).toBe('l');
    expect(mealPeriodAt(periods, at(hm(13, 30)))?.id).toBe('l2');
  });
  it('returns null with no periods', () => {
    expect(mealPeriodAt([], at(600))).toBeNull();
  });
});

describe('localClock', () => {
  it('crosses UTC midnight for Asia/Shanghai', () => {
    expect(localClock(new Date('2026-11-25T16:30:00Z'), 'Asia/Shanghai')).toEqual({ dateKey: '2026-11-26', minuteOfDay: 30, isoWeekday: 4 });
    expect(localClock(new Date('2026-11-25T15:59:59Z'), 'Asia/Shanghai')).toEqual({ dateKey: '2026-11-25', minuteOfDay: 1439, isoWeekday: 3 });
  });
  it('gives midnight as minute 0, Sunday as 7', () => {
    expect(localClock(new Date('2026-11-28T16:00:00Z'), 'Asia/Shanghai')).toEqual({ dateKey: '2026-11-29', minuteOfDay: 0, isoWeekday: 7 });
    expect(localClock(new Date('2026-11-29T16:00:00Z'), 'Asia/Shanghai').isoWeekday).toBe(1);
  });
  it('works in UTC and rejects bad input', () => {
    expect(localClock(new Date('2026-01-01T00:05:00Z'), 'UTC')).toEqual({ dateKey: '2026-01-01', minuteOfDay: 5, isoWeekday: 4 });
    expect(() => localClock(new Date('nope'), 'Asia/Shanghai')).toThrow(RangeError);
    expect(() => localClock(new Date(), 'Mars/Olympus')).toThrow(RangeError);
  });
});

describe('localDayStart / localTimeOn', () => {
  it('gives the UTC instant of local midnight in Shanghai', () => {
    expect(localDayStart('2026-11-26', 'Asia/Shanghai').toISOString()).toBe('2026-11-25T16:00:00.000Z');
    expect(localTimeOn('2026-11-26', '11:30', 'Asia/Shanghai').toISOString()).toBe('2026-11-26T03:30:00.000Z');
    expect(localTimeOn('2026-11-26', '24:00', 'Asia/Shanghai').toISOString()).toBe('2026-11-26T16:00:00.000Z');
  });
  it('round-trips with localClock over a year of days', () => {
    for (let d = 0; d < 366; d++) {
      const day = new Date(Date.UTC(2026, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);
      for (const zone of ['Asia/Shanghai', 'America/New_York', 'Europe/London']) {
        const start = localDayStart(day, zone);
        expect(localClock(start, zone)).toMatchObject({ dateKey: day, minuteOfDay: 0 });
        expect(localClock(new Date(start.getTime() - 60_000), zone).dateKey < day).toBe(true);
      }
    }
  });
  it('resolves DST like Temporal "compatible": gap forward, overlap earlier', () => {
    // 2026-03-08 02:30 does not exist in New York (clocks jump 02:00 -> 03:00).
    expect(localTimeOn('2026-03-08', '02:30', 'America/New_York').toISOString()).toBe('2026-03-08T07:30:00.000Z');
    // 2026-11-01 01:30 happens twice; the earlier (EDT, -4h) wins.
    expect(localTimeOn('2026-11-01', '01:30', 'America/New_York').toISOString()).toBe('2026-11-01T05:30:00.000Z');
  });
  it('rejects malformed dates and times', () => {
    for (const bad of ['2026-02-30', '2026-2-01', '26-02-01', '2026-13-01']) expect(() => localDayStart(bad, 'Asia/Shanghai')).toThrow(RangeError);
    expect(() => localTimeOn('2026-02-01', '25:00', 'Asia/Shanghai')).toThrow(RangeError);
  });
});
