// Display formatting for zh-CN: waits, timestamps, masked phone numbers.
import { t } from '../i18n/index.ts';

/**
 * A wait in seconds, in the unit people count it in: 60 秒 (a countdown one
 * watches), 5 分钟, 24 小时; rounded up so nobody retries too early.
 */
export function formatWait(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds));
  if (s < 120) return t('time.seconds', { n: s });
  if (s < 7200) return t('time.minutes', { n: Math.ceil(s / 60) });
  return t('time.hours', { n: Math.ceil(s / 3600) });
}

/**
 * `2026-11-25 09:30` in the given time zone (default: the browser's). Admins
 * read these as wall-clock times, so seconds and the zone are left out.
 */
export function formatDateTime(iso: string, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const parts = new Intl.DateTimeFormat('en-CA', {
    year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
    ...(timeZone ? { timeZone } : {}),
  }).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}

/**
 * `11-25 09:30` for a time in the current year (dense tables), else the full
 * `2025-11-25 09:30`.
 */
export function formatShortDateTime(iso: string, now = new Date(), timeZone?: string): string {
  const full = formatDateTime(iso, timeZone);
  const thisYear = formatDateTime(now.toISOString(), timeZone).slice(0, 4);
  return full.startsWith(`${thisYear}-`) ? full.slice(5) : full;
}

/** 138****0001, as the SMS log and the "code sent" notice show it. */
export function maskPhone(phone: string): string {
  return phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : phone;
}
