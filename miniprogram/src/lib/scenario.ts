// Shared rules of the scenario apps (报餐, 活动签到, 实名登记, 资源预约):
// readable refusals, Postgres ranges, and days / times in the org's local
// time (Beijing, like the visitor pages and the backend's meal cut-offs).
import { t } from '../i18n';
import { toAppError } from '../services/errors';
import { beijingParts, windowIso, zhMessage } from './visits';

const HAS_CJK = /[\u4e00-\u9fff]/;

/**
 * A readable zh-CN sentence for anything a scenario call threw: a function's
 * own message, or an RPC's YMxxx / permission message (written "zh-CN
 * (English)"; the zh-CN part is shown), else our generic sentence.
 */
export function scenarioErrorMessage(error: unknown): string {
  const appError = toAppError(error);
  if (appError.kind === 'function') return zhMessage(appError.message);
  const serverText = appError.detail?.split(' | ')[0] ?? '';
  if ((/^YM\d+$/.test(appError.code) || HAS_CJK.test(serverText)) && serverText) return zhMessage(serverText);
  return appError.message;
}

/** A Postgres timestamp (`2026-11-26 02:00:00+00`) as an ISO string JavaScript parses everywhere. */
export function pgTimestampIso(value: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}(?::?\d{2})?)?$/.exec(value.trim());
  if (!match) return value;
  const [, date, time, zone] = match;
  let offset = zone ?? 'Z';
  if (offset !== 'Z') offset = offset.length === 3 ? `${offset}:00` : offset.includes(':') ? offset : `${offset.slice(0, 3)}:${offset.slice(3)}`;
  return `${date}T${time}${offset}`;
}

/** A tstzrange as PostgREST returns it (`["2026-11-26 02:00:00+00","2026-11-26 03:00:00+00")`); null when unbounded or unreadable. */
export function parseRange(value: unknown): { from: string; until: string } | null {
  if (typeof value !== 'string') return null;
  const match = /^[[(]"?([^",]*)"?,"?([^",]*)"?[\])]$/.exec(value.trim());
  if (!match || !match[1] || !match[2]) return null;
  return { from: pgTimestampIso(match[1]), until: pgTimestampIso(match[2]) };
}

/** `[from,until)` for a PostgREST range filter. */
export function rangeLiteral(fromIso: string, untilIso: string): string {
  return `[${fromIso},${untilIso})`;
}

/** Today in Beijing, `YYYY-MM-DD`. */
export function today(now: Date = new Date()): string {
  return beijingParts(now).date;
}

/** `YYYY-MM-DD` plus n days (calendar arithmetic, no time zone involved). */
export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d + days));
  return date.toISOString().slice(0, 10);
}

/** n days from today: `['2026-11-25', '2026-11-26', ...]`. */
export function nextDays(count: number, now: Date = new Date()): string[] {
  const first = today(now);
  return Array.from({ length: count }, (_, i) => addDays(first, i));
}

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

/** `11月26日 周四` (`今天` / `明天` for the first two days). */
export function dayLabel(day: string, now: Date = new Date()): string {
  const first = today(now);
  if (day === first) return t('scenario.today');
  if (day === addDays(first, 1)) return t('scenario.tomorrow');
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const weekday = WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()]!;
  return t('scenario.dayLabel', { month: m, day: d, weekday });
}

/** The start (inclusive) and end (exclusive) of a Beijing day as ISO instants. */
export function dayBounds(day: string): { from: string; until: string } {
  return { from: windowIso(day, '00:00'), until: windowIso(addDays(day, 1), '00:00') };
}

/** `HH:MM` of a Postgres time (`11:30:00`). */
export function shortTime(value: string): string {
  return value.slice(0, 5);
}

/** `HH:MM` of an instant in Beijing. */
export function clockOf(iso: string): string {
  return beijingParts(new Date(iso)).time;
}

/** `MM-DD HH:MM` of an instant in Beijing. */
export function momentOf(iso: string): string {
  const parts = beijingParts(new Date(iso));
  return `${parts.date.slice(5)} ${parts.time}`;
}
