// The 开放时间 editor model: windows as typed (days ticked, 'HH:MM' text)
// -> resources.open_hours [{days?, start, end}], or what is wrong.
import { t } from '../i18n/index.ts';
import type { OpenWindow } from '../services/resources.service.ts';

export interface OpenWindowDraft {
  uid: string;
  /** ISO weekdays 1–7; all seven = every day (written without `days`). */
  days: number[];
  start: string;
  end: string;
}

export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
const WEEKDAY_KEYS = ['scenario.weekday.1', 'scenario.weekday.2', 'scenario.weekday.3', 'scenario.weekday.4', 'scenario.weekday.5', 'scenario.weekday.6', 'scenario.weekday.7'] as const;
/** 周一 … 周日 for ISO weekday 1–7. */
export const weekdayName = (day: number) => t(WEEKDAY_KEYS[(day - 1 + 7) % 7]!);
let uid = 0;
const nextUid = () => `w${++uid}`;

export function newWindow(): OpenWindowDraft {
  return { uid: nextUid(), days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' };
}

export function windowDrafts(hours: readonly OpenWindow[]): OpenWindowDraft[] {
  return hours.map((w) => ({ uid: nextUid(), days: w.days ? [...w.days].sort() : [...WEEKDAYS], start: w.start, end: w.end }));
}

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const minutes = (text: string) => (text === '24:00' ? 1440 : HHMM.test(text) ? Number(text.slice(0, 2)) * 60 + Number(text.slice(3)) : undefined);

export function checkOpenHours(drafts: readonly OpenWindowDraft[]): { ok: true; value: OpenWindow[] } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  const value: OpenWindow[] = [];
  drafts.forEach((d, i) => {
    const start = minutes(d.start.trim());
    const end = minutes(d.end.trim());
    if (d.days.length === 0) problems.push(t('scenario.hours.noDays', { n: i + 1 }));
    if (start === undefined || start === 1440 || end === undefined || end <= start) problems.push(t('scenario.hours.timeRule', { n: i + 1 }));
    const days = [...new Set(d.days)].sort((a, b) => a - b);
    value.push({ ...(days.length === 7 ? {} : { days }), start: d.start.trim(), end: d.end.trim() });
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value };
}

/** '周一至周五 09:00–18:00；周六 10:00–16:00', or 全天开放 for none. */
export function describeOpenHours(hours: readonly OpenWindow[]): string {
  if (hours.length === 0) return t('scenario.hours.always');
  return hours
    .map((w) => {
      const days = !w.days || w.days.length === 7 ? t('scenario.hours.everyDay') : w.days.map(weekdayName).join('、');
      return `${days} ${w.start}–${w.end}`;
    })
    .join('；');
}
