// 活动签到: the events of my org (members read them; the audience is checked
// by event-checkin, which refuses with not_invited), my own attendance rows
// (RLS), and signing in / out by scanning the big-screen code (event-checkin).
import { malformed } from './auth-api';
import { fromPostgrestError } from './errors';
import { callFunction } from './payment-api';
import { getSupabase } from './supabase.client';

export interface MemberRef {
  orgId: string;
  memberId: string;
}

export interface EventItem {
  id: string;
  title: string;
  kind: string;
  locationName: string | null;
  /** Null = no geofence (no location needed). */
  radiusM: number | null;
  signInFrom: string;
  signInUntil: string;
  signOutFrom: string | null;
  signOutUntil: string | null;
}

export interface Attendance {
  eventId: string;
  signedInAt: string;
  signInDistanceM: number | null;
  signedOutAt: string | null;
  signOutDistanceM: number | null;
}

export interface CheckinInput {
  code: string;
  latitude?: number;
  longitude?: number;
  accuracyM?: number;
}

export interface CheckinResult {
  action: 'in' | 'out';
  title: string | null;
  distanceM: number | null;
  signedInAt: string | null;
  signedOutAt: string | null;
}

interface EventRow {
  id: string; title: string; kind: string; location_name: string | null; radius_m: number | null;
  sign_in_from: string; sign_in_until: string; sign_out_from: string | null; sign_out_until: string | null;
}

const str = (value: unknown): string | null => (typeof value === 'string' && value ? value : null);
const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/** How far back an event whose windows closed still shows (so today's finished meeting stays visible). */
const KEEP_CLOSED_MS = 12 * 3600_000;

export function parseCheckin(body: unknown): CheckinResult {
  const v = (body ?? {}) as Record<string, unknown>;
  if (v.ok !== true || (v.action !== 'in' && v.action !== 'out')) throw malformed('event-checkin: missing ok or action');
  return { action: v.action, title: str(v.title), distanceM: num(v.distance_m), signedInAt: str(v.signed_in_at), signedOutAt: str(v.signed_out_at) };
}

export const eventService = {
  /** Events whose sign-in or sign-out window has not closed more than 12 hours ago, soonest first. */
  async list(orgId: string, now: Date = new Date()): Promise<EventItem[]> {
    const since = new Date(now.getTime() - KEEP_CLOSED_MS).toISOString();
    const supabase = await getSupabase();
    const { data, error, status } = await supabase
      .from('events')
      .select('id, title, kind, location_name, radius_m, sign_in_from, sign_in_until, sign_out_from, sign_out_until')
      .eq('org_id', orgId)
      .or(`sign_in_until.gte.${since},sign_out_until.gte.${since}`)
      .order('sign_in_from', { ascending: true })
      .limit(50);
    if (error) throw fromPostgrestError(error, status);
    return ((data ?? []) as EventRow[]).map((row) => ({
      id: row.id,
      title: row.title,
      kind: row.kind,
      locationName: row.location_name ?? null,
      radiusM: row.radius_m ?? null,
      signInFrom: row.sign_in_from,
      signInUntil: row.sign_in_until,
      signOutFrom: row.sign_out_from ?? null,
      signOutUntil: row.sign_out_until ?? null,
    }));
  },

  /** My attendance rows for these events. */
  async myAttendance(me: MemberRef, eventIds: string[]): Promise<Attendance[]> {
    if (!eventIds.length) return [];
    const supabase = await getSupabase();
    const { data, error, status } = await supabase
      .from('event_attendance')
      .select('event_id, signed_in_at, sign_in_distance_m, signed_out_at, sign_out_distance_m')
      .eq('org_id', me.orgId)
      .eq('member_id', me.memberId)
      .in('event_id', eventIds);
    if (error) throw fromPostgrestError(error, status);
    return ((data ?? []) as Array<Record<string, unknown>>).map((row) => ({
      eventId: String(row.event_id),
      signedInAt: String(row.signed_in_at),
      signInDistanceM: num(row.sign_in_distance_m),
      signedOutAt: str(row.signed_out_at),
      signOutDistanceM: num(row.sign_out_distance_m),
    }));
  },

  /** POST event-checkin {code, latitude?, longitude?, accuracy_m?}; a refusal throws with the server's code and message. */
  async checkin(input: CheckinInput): Promise<CheckinResult> {
    const body: Record<string, unknown> = { code: input.code.trim() };
    if (input.latitude !== undefined && input.longitude !== undefined) {
      body.latitude = input.latitude;
      body.longitude = input.longitude;
      if (input.accuracyM !== undefined) body.accuracy_m = Math.round(input.accuracyM);
    }
    return parseCheckin(await callFunction('event-checkin', 'POST', body));
  },
};

export type EventService = typeof eventService;
