// Visitor appointments on the phone, the pure parts: the visitor form's
// draft and its client-side checks (the same shared validators the visit-*
// functions use), the visit window as ISO times in Beijing time (+08:00),
// status labels and the zh-CN part of the functions' messages.
import { idCardProblem, isValidMobile, type IdCardProblem } from '@yima/shared/members/identity-numbers';
import { t, type MessageKey } from '../i18n';

export type VisitStatus = 'pending' | 'approved' | 'rejected' | 'cancelled' | 'checked_in' | 'checked_out' | 'expired' | 'no_show';
export const VISIT_STATUSES: readonly VisitStatus[] = ['pending', 'approved', 'rejected', 'cancelled', 'checked_in', 'checked_out', 'expired', 'no_show'];

export function statusLabel(status: string): string {
  return (VISIT_STATUSES as readonly string[]).includes(status) ? t(`visitStatus.${status}` as MessageKey) : status;
}

/** What a person types for a visitor (strings as typed; companions as text). */
export interface VisitorDraft {
  name: string;
  phone: string;
  idCard: string;
  company: string;
  identityType: string;
  purpose: string;
  companions: string;
  siteId: string;
  /** YYYY-MM-DD (Beijing) */
  date: string;
  /** HH:mm */
  from: string;
  /** HH:mm */
  until: string;
}

export type VisitorDraftKey = keyof VisitorDraft;
export type VisitorErrors = Partial<Record<VisitorDraftKey, string>>;

const BEIJING_OFFSET_MS = 8 * 3600_000;
const pad = (n: number) => String(n).padStart(2, '0');

/** The Beijing wall-clock parts of an instant. */
export function beijingParts(at: Date): { date: string; time: string; hours: number; minutes: number } {
  const shifted = new Date(at.getTime() + BEIJING_OFFSET_MS);
  const hours = shifted.getUTCHours();
  const minutes = shifted.getUTCMinutes();
  return {
    date: `${shifted.getUTCFullYear()}-${pad(shifted.getUTCMonth() + 1)}-${pad(shifted.getUTCDate())}`,
    time: `${pad(hours)}:${pad(minutes)}`,
    hours,
    minutes,
  };
}

/** `2026-11-25T09:30:00+08:00` */
export function windowIso(date: string, time: string): string {
  return `${date}T${time}:00+08:00`;
}

/** A default window: today, from now (down to the half hour) for two hours, not past 23:59. */
export function defaultWindow(now = new Date()): Pick<VisitorDraft, 'date' | 'from' | 'until'> {
  const parts = beijingParts(now);
  const fromMinutes = parts.hours * 60 + (parts.minutes >= 30 ? 30 : 0);
  const untilMinutes = Math.min(fromMinutes + 120, 23 * 60 + 59);
  return {
    date: parts.date,
    from: `${pad(Math.floor(fromMinutes / 60))}:${pad(fromMinutes % 60)}`,
    until: `${pad(Math.floor(untilMinutes / 60))}:${pad(untilMinutes % 60)}`,
  };
}

export function emptyDraft(now = new Date()): VisitorDraft {
  return { name: '', phone: '', idCard: '', company: '', identityType: '', purpose: '', companions: '', siteId: '', ...defaultWindow(now) };
}

const ID_CARD_MESSAGE: Record<IdCardProblem, MessageKey> = {
  format: 'visitorForm.idCardFormat',
  birth_date: 'visitorForm.idCardBirthDate',
  checksum: 'visitorForm.idCardChecksum',
};

export interface VisitorRules {
  phoneRequired: boolean;
  idCardRequired: boolean;
  siteRequired: boolean;
  /** Walk-ins have no window (now until the end of the day, server side). */
  window: boolean;
  maxWindowHours?: number;
}

/** The request body fields of a visitor (visit-apply / visit-invite / visit-walk-in). */
export interface VisitorBody {
  name: string;
  phone?: string;
  id_card?: string;
  company?: string;
  identity_type?: string;
  purpose?: string;
  companions?: number;
  site_id?: string;
  window_from?: string;
  window_until?: string;
}

/** Checks a draft: the body to send, or zh-CN errors per field. */
export function checkVisitor(draft: VisitorDraft, rules: VisitorRules, now = new Date()): { body: VisitorBody | null; errors: VisitorErrors } {
  const errors: VisitorErrors = {};
  const name = draft.name.trim();
  const phone = draft.phone.replace(/\s+/g, '');
  const idCard = draft.idCard.replace(/\s+/g, '').toUpperCase();
  if (!name) errors.name = t('visitorForm.nameRequired');
  if (!phone) {
    if (rules.phoneRequired) errors.phone = t('visitorForm.phoneRequired');
  } else if (!isValidMobile(phone)) errors.phone = t('visitorForm.phoneInvalid');
  if (!idCard) {
    if (rules.idCardRequired) errors.idCard = t('visitorForm.idCardRequired');
  } else {
    const problem = idCardProblem(idCard);
    if (problem) errors.idCard = t(ID_CARD_MESSAGE[problem]);
  }
  const companionsText = draft.companions.trim();
  const companions = companionsText ? Number(companionsText) : 0;
  if (!Number.isInteger(companions) || companions < 0 || companions > 50) errors.companions = t('visitorForm.companionsInvalid');
  if (rules.siteRequired && !draft.siteId) errors.siteId = t('visitorForm.siteRequired');

  let windowFrom: string | undefined;
  let windowUntil: string | undefined;
  if (rules.window) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(draft.date)) errors.date = t('visitorForm.dateRequired');
    else if (!/^\d{2}:\d{2}$/.test(draft.from) || !/^\d{2}:\d{2}$/.test(draft.until)) errors.until = t('visitorForm.timeRequired');
    else {
      windowFrom = windowIso(draft.date, draft.from);
      windowUntil = windowIso(draft.date, draft.until);
      const from = Date.parse(windowFrom);
      const until = Date.parse(windowUntil);
      if (until <= from) errors.until = t('visitorForm.untilBeforeFrom');
      else if (until <= now.getTime()) errors.until = t('visitorForm.windowPast');
      else if (rules.maxWindowHours && until - from > rules.maxWindowHours * 3600_000) {
        errors.until = t('visitorForm.windowTooLong', { hours: rules.maxWindowHours });
      }
    }
  }
  if (Object.keys(errors).length) return { body: null, errors };
  const optional = (value: string) => (value.trim() ? value.trim() : undefined);
  const body: VisitorBody = {
    name,
    ...(phone ? { phone } : {}),
    ...(idCard ? { id_card: idCard } : {}),
    ...(optional(draft.company) ? { company: optional(draft.company) } : {}),
    ...(draft.identityType ? { identity_type: draft.identityType } : {}),
    ...(optional(draft.purpose) ? { purpose: optional(draft.purpose) } : {}),
    ...(companions ? { companions } : {}),
    ...(draft.siteId ? { site_id: draft.siteId } : {}),
    ...(windowFrom && windowUntil ? { window_from: windowFrom, window_until: windowUntil } : {}),
  };
  return { body, errors };
}

/** The zh-CN part of a visit-* message ("中文 (English)"). */
export function zhMessage(message: string): string {
  const cut = message.lastIndexOf(' (');
  return cut > 0 && message.endsWith(')') ? message.slice(0, cut) : message;
}

/** `11月25日 09:30–11:30` in Beijing time (the same day shows the end time only). */
export function formatWindow(fromIso: string, untilIso: string): string {
  const from = beijingParts(new Date(fromIso));
  const until = beijingParts(new Date(untilIso));
  const day = (date: string) => {
    const [, month, dayOfMonth] = date.split('-');
    return t('visitorForm.day', { month: Number(month), day: Number(dayOfMonth) });
  };
  return from.date === until.date ? `${day(from.date)} ${from.time}–${until.time}` : `${day(from.date)} ${from.time} – ${day(until.date)} ${until.time}`;
}
