// Local wall-clock time for a canteen. Windows and meal periods are stated in
// local 'HH:MM'; the server only knows UTC instants, so these helpers convert
// both ways through Intl (the IANA zone database) instead of fixed offsets.
import type { LocalClock, MealPeriod, TimeWindow } from './types.ts';

const HHMM_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;
const DATE_KEY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/**
 * 'HH:MM' -> minute of day. '24:00' (= 1440) is accepted only when
 * allowMidnightEnd, so a window can run to the end of the day.
 * Returns null for anything malformed.
 */
export function parseHhmm(text: string, allowMidnightEnd = false): number | null {
  if (allowMidnightEnd && text === '24:00') return 1440;
  const m = HHMM_RE.exec(text);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

function rangeOf(start: string, end: string): [number, number] {
  const s = parseHhmm(start);
  const e = parseHhmm(end, true);
  if (s === null || e === null || s >= e) throw new RangeError(`invalid local time range ${start}-${end}`);
  return [s, e];
}

/** True when the clock's weekday is allowed and start <= minute < end. Throws RangeError on a malformed window. */
export function inWindow(w: TimeWindow, clock: LocalClock): boolean {
  const [s, e] = rangeOf(w.start, w.end);
  if (w.days && !w.days.includes(clock.isoWeekday)) return false;
  return clock.minuteOfDay >= s && clock.minuteOfDay < e;
}

/** The first period containing the clock's minute (start inclusive, end exclusive), or null. */
export function mealPeriodAt(periods: MealPeriod[], clock: LocalClock): MealPeriod | null {
  for (const p of periods) {
    const [s, e] = rangeOf(p.start, p.end);
    if (clock.minuteOfDay >= s && clock.minuteOfDay < e) return p;
  }
  return null;
}

// Building a DateTimeFormat is slow (tens of µs) and the zone list is tiny,
// so formatters are memoised per zone. Intl throws RangeError on an unknown zone.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Wall-clock fields of an instant in a zone. */
function wallFields(ms: number, timeZone: string) {
  const parts: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(new Date(ms))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const { year = NaN, month = NaN, day = NaN, hour = NaN, minute = NaN, second = NaN } = parts;
  // Some engines still print midnight as 24 despite hourCycle h23.
  return { year, month, day, hour: hour === 24 ? 0 : hour, minute, second };
}

/** Zone offset at an instant in ms (local wall time read as UTC, minus the instant), to the second. */
function offsetAt(ms: number, timeZone: string): number {
  const f = wallFields(ms, timeZone);
  const wallAsUtc = Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second);
  return wallAsUtc - Math.floor(ms / 1000) * 1000;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** ISO weekday (1 = Monday .. 7 = Sunday) of a calendar date. */
function isoWeekdayOf(year: number, month: number, day: number): number {
  const d = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return d === 0 ? 7 : d;
}

/** Local wall clock of an instant in an IANA zone (Intl.DateTimeFormat), e.g. Asia/Shanghai. */
export function localClock(at: Date, timeZone: string): LocalClock {
  const ms = at.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('invalid date');
  const f = wallFields(ms, timeZone);
  return {
    dateKey: `${pad(f.year, 4)}-${pad(f.month)}-${pad(f.day)}`,
    minuteOfDay: f.hour * 60 + f.minute,
    isoWeekday: isoWeekdayOf(f.year, f.month, f.day),
  };
}

function parseDateKey(dateKey: string): { year: number; month: number; day: number } {
  const m = DATE_KEY_RE.exec(dateKey);
  if (m) {
    const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const d = new Date(Date.UTC(year, month - 1, day));
    // Round-trip rejects 2026-02-30 and friends.
    if (d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day) return { year, month, day };
  }
  throw new RangeError(`not a date key (YYYY-MM-DD): ${JSON.stringify(dateKey)}`);
}

/** UTC instant of local midnight of dateKey in the zone (start of "today" for spent-today queries). */
export function localDayStart(dateKey: string, timeZone: string): Date {
  return localTimeOn(dateKey, '00:00', timeZone);
}

/**
 * UTC instant of local hh:mm on dateKey in the zone ('24:00' = next local
 * midnight). Around daylight-saving changes it resolves like Temporal's
 * 'compatible': an ambiguous time takes the earlier instant, a skipped time
 * is pushed forward by the length of the gap. China has no DST; other zones
 * are handled so the helper never silently lies.
 */
export function localTimeOn(dateKey: string, hhmm: string, timeZone: string): Date {
  const { year, month, day } = parseDateKey(dateKey);
  const minutes = parseHhmm(hhmm, true);
  if (minutes === null) throw new RangeError(`not a local time (HH:MM): ${JSON.stringify(hhmm)}`);
  const wall = Date.UTC(year, month - 1, day) + minutes * MINUTE_MS;
  // Offsets a day either side bracket any single transition near this wall time.
  const before = offsetAt(wall - DAY_MS, timeZone);
  const after = offsetAt(wall + DAY_MS, timeZone);
  const valid = [...new Set([before, after])]
    .map((o) => wall - o)
    .filter((t) => offsetAt(t, timeZone) === wall - t)
    .sort((a, b) => a - b);
  return new Date(valid[0] ?? wall - before);
}
