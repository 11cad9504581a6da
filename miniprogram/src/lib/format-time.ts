// Times shown to people: a lock-out end as "18:05" today or "11月26日 18:05"
// on another day, in the phone's own time zone.
import { t } from '../i18n';

const pad = (n: number) => String(n).padStart(2, '0');

/** A moment (ISO string or epoch ms) as a short local clock time; null when unparsable. */
export function formatMoment(value: string | number, now: Date = new Date()): string | null {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return null;
  const time = `${pad(date.getHours())}:${pad(date.getMinutes())}`;
  const sameDay = date.getFullYear() === now.getFullYear() && date.getMonth() === now.getMonth() && date.getDate() === now.getDate();
  if (sameDay) return t('time.todayAt', { time });
  return t('time.dateAt', { month: date.getMonth() + 1, day: date.getDate(), time });
}
