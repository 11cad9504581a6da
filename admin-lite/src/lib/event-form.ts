// The 活动 dialog model: the event as typed (local datetime-local strings,
// numbers as text) -> the row to write, or every problem (zh-CN).
import { t } from '../i18n/index.ts';
import type { EventInput, EventKind, EventRow } from '../services/events.service.ts';
import type { AudienceDraft } from '../components/audience-fields.tsx';
import { splitList } from './pricing-form.ts';

export interface EventDraft {
  title: string;
  kind: EventKind;
  locationName: string;
  latitude: string;
  longitude: string;
  radius: string;
  /** 'YYYY-MM-DDTHH:MM' in the browser's zone. */
  signInFrom: string;
  signInUntil: string;
  signOutFrom: string;
  signOutUntil: string;
  audience: AudienceDraft;
  /** Kept as stored (the editor has no member picker). */
  members: string[];
  stepSeconds: string;
}

export type EventErrors = Partial<Record<'title' | 'location' | 'geofence' | 'signIn' | 'signOut' | 'step', string>>;

const pad = (n: number) => String(n).padStart(2, '0');

/** An instant as 'YYYY-MM-DDTHH:MM' in the browser's zone (datetime-local). */
export function localInput(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A datetime-local value as an ISO instant; undefined when blank or malformed. */
export function instantOf(local: string): string | undefined {
  if (!local.trim()) return undefined;
  const d = new Date(local);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

export function eventDraft(event: EventRow | undefined, now: Date): EventDraft {
  const start = new Date(now);
  start.setMinutes(0, 0, 0);
  start.setHours(start.getHours() + 1);
  const end = new Date(start.getTime() + 30 * 60_000);
  return {
    title: event?.title ?? '',
    kind: event?.kind ?? 'meeting',
    locationName: event?.location_name ?? '',
    latitude: event?.latitude == null ? '' : String(event.latitude),
    longitude: event?.longitude == null ? '' : String(event.longitude),
    radius: event?.radius_m == null ? '' : String(event.radius_m),
    signInFrom: event ? localInput(event.sign_in_from) : localInput(start.toISOString()),
    signInUntil: event ? localInput(event.sign_in_until) : localInput(end.toISOString()),
    signOutFrom: localInput(event?.sign_out_from ?? null),
    signOutUntil: localInput(event?.sign_out_until ?? null),
    audience: { departments: event?.audience.departments ?? [], tags: event?.audience.tags ?? [], identities: (event?.audience.identities ?? []).join('、') },
    members: event?.audience.members ?? [],
    stepSeconds: String(event?.code_step_seconds ?? 20),
  };
}

const numberOrUndefined = (text: string) => (text.trim() === '' ? undefined : Number(text.trim()));

export function checkEventDraft(d: EventDraft): { ok: true; input: EventInput } | { ok: false; errors: EventErrors } {
  const errors: EventErrors = {};
  const title = d.title.trim();
  if (title.length === 0 || title.length > 100) errors.title = t('scenario.events.titleRule');
  if (d.locationName.trim().length > 100) errors.location = t('scenario.events.locationRule');

  const lat = numberOrUndefined(d.latitude);
  const lng = numberOrUndefined(d.longitude);
  const radius = numberOrUndefined(d.radius);
  const geofenceParts = [lat, lng, radius].filter((v) => v !== undefined).length;
  if (geofenceParts > 0) {
    const valid =
      lat !== undefined && lng !== undefined && Number.isFinite(lat) && Number.isFinite(lng) && Math.abs(lat) <= 90 && Math.abs(lng) <= 180 &&
      (radius === undefined || (Number.isInteger(radius) && radius >= 10 && radius <= 100_000));
    if (!valid) errors.geofence = t('scenario.events.geofenceRule');
  }

  const inFrom = instantOf(d.signInFrom);
  const inUntil = instantOf(d.signInUntil);
  if (!inFrom || !inUntil || inUntil <= inFrom) errors.signIn = t('scenario.events.windowRule');
  const outFrom = instantOf(d.signOutFrom);
  const outUntil = instantOf(d.signOutUntil);
  const outGiven = d.signOutFrom.trim() !== '' || d.signOutUntil.trim() !== '';
  if (outGiven && (!outFrom || !outUntil || outUntil <= outFrom)) errors.signOut = t('scenario.events.windowRule');

  const step = Number(d.stepSeconds.trim());
  if (!Number.isInteger(step) || step < 5 || step > 300) errors.step = t('scenario.events.stepRule');

  if (Object.keys(errors).length > 0 || !inFrom || !inUntil) return { ok: false, errors };
  const identities = splitList(d.audience.identities);
  return {
    ok: true,
    input: {
      title,
      kind: d.kind,
      location_name: d.locationName.trim() || null,
      latitude: geofenceParts > 0 ? (lat ?? null) : null,
      longitude: geofenceParts > 0 ? (lng ?? null) : null,
      radius_m: radius ?? null,
      sign_in_from: inFrom,
      sign_in_until: inUntil,
      sign_out_from: outGiven ? (outFrom ?? null) : null,
      sign_out_until: outGiven ? (outUntil ?? null) : null,
      audience: {
        ...(d.audience.departments.length ? { departments: d.audience.departments } : {}),
        ...(d.audience.tags.length ? { tags: d.audience.tags } : {}),
        ...(identities.length ? { identities } : {}),
        ...(d.members.length ? { members: d.members } : {}),
      },
      code_step_seconds: step,
    },
  };
}
