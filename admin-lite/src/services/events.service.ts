// 活动签到: events (PostgREST CRUD by `events` app admins), the rotating
// big-screen code (event-screen function), statistics (event_stats RPC),
// refused attempts and attendance (member names by a second query).
import { z } from 'zod';
import { unwrap } from './errors.ts';
import { callFunction } from './functions.service.ts';
import { memberRefs } from './member-lookup.service.ts';
import { allRows, deleted, single, type ScenarioAudience } from './scenario-common.ts';
import { supabase } from './supabase-client.ts';
import { parseResponse } from './token-response.ts';

export const EVENT_KINDS = ['meeting', 'training', 'event'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];
export type EventAction = 'in' | 'out';

export interface EventRow {
  id: string;
  org_id: string;
  title: string;
  kind: EventKind;
  location_name: string | null;
  latitude: number | null;
  longitude: number | null;
  /** null = no geofence. */
  radius_m: number | null;
  sign_in_from: string;
  sign_in_until: string;
  sign_out_from: string | null;
  sign_out_until: string | null;
  audience: ScenarioAudience;
  code_step_seconds: number;
}
export type EventInput = Omit<EventRow, 'id' | 'org_id'>;

const EVENT_COLUMNS = 'id, org_id, title, kind, location_name, latitude, longitude, radius_m, sign_in_from, sign_in_until, sign_out_from, sign_out_until, audience, code_step_seconds';

/** Newest sign-in window first. */
export async function listEvents(orgId: string): Promise<EventRow[]> {
  return unwrap(await supabase().from('events').select(EVENT_COLUMNS).eq('org_id', orgId).order('sign_in_from', { ascending: false }).limit(500).overrideTypes<EventRow[], { merge: false }>());
}

export async function getEvent(orgId: string, eventId: string): Promise<EventRow> {
  return single(await supabase().from('events').select(EVENT_COLUMNS).eq('org_id', orgId).eq('id', eventId).overrideTypes<EventRow[], { merge: false }>());
}

export async function saveEvent(orgId: string, eventId: string | undefined, input: EventInput): Promise<EventRow> {
  const table = supabase().from('events');
  return single(
    eventId
      ? await table.update(input).eq('org_id', orgId).eq('id', eventId).select(EVENT_COLUMNS).overrideTypes<EventRow[], { merge: false }>()
      : await table.insert({ org_id: orgId, ...input }).select(EVENT_COLUMNS).overrideTypes<EventRow[], { merge: false }>(),
  );
}

export async function deleteEvent(orgId: string, eventId: string): Promise<void> {
  deleted(await supabase().from('events').delete().eq('org_id', orgId).eq('id', eventId).select('id'));
}

const ScreenCodeSchema = z.object({ code: z.string().min(1), step: z.number(), step_seconds: z.number().positive(), expires_at: z.string() });
export type ScreenCode = z.infer<typeof ScreenCodeSchema>;

/** The code the big screen shows now (a QR of the text itself), valid until expires_at. */
export async function getScreenCode(eventId: string, action: EventAction): Promise<ScreenCode> {
  const params = new URLSearchParams({ event_id: eventId, action });
  const body = await callFunction(`event-screen?${params.toString()}`, { method: 'GET', auth: 'session' });
  return parseResponse(ScreenCodeSchema, body);
}

const int = z.coerce.number().int();
const StatsSchema = z.object({
  expected: int,
  signed_in: int,
  signed_out: int,
  refused: int,
  absent: z.array(z.object({ member_id: z.string(), name: z.string(), department: z.string().nullable().optional() })),
});
export type EventStats = z.infer<typeof StatsSchema>;

export async function eventStats(eventId: string): Promise<EventStats> {
  const body: unknown = unwrap(await supabase().rpc('event_stats', { p_event: eventId }));
  return parseResponse(StatsSchema, body);
}

export interface EventAttemptRow {
  id: number;
  member_id: string | null;
  action: EventAction;
  reason: string;
  distance_m: number | null;
  at: string;
  member_name: string | null;
}

/** Refused attempts, newest first (at most `limit`), with the member's name. */
export async function listEventAttempts(orgId: string, eventId: string, limit = 500): Promise<EventAttemptRow[]> {
  const rows = unwrap(
    await supabase()
      .from('event_attempts')
      .select('id, member_id, action, reason, distance_m, at')
      .eq('event_id', eventId)
      .order('at', { ascending: false })
      .limit(limit)
      .overrideTypes<Array<Omit<EventAttemptRow, 'member_name'>>, { merge: false }>(),
  );
  const refs = await memberRefs(orgId, rows.map((r) => r.member_id));
  return rows.map((r) => ({ ...r, member_name: r.member_id ? (refs.get(r.member_id)?.name ?? null) : null }));
}

export interface AttendanceRow {
  member_id: string;
  signed_in_at: string;
  sign_in_distance_m: number | null;
  sign_in_method: 'projected_code' | 'scanned_by_organiser';
  signed_out_at: string | null;
  sign_out_distance_m: number | null;
  member_name: string | null;
  employee_no: string | null;
}

export const ATTENDANCE_MAX_ROWS = 20_000;

/** Everyone who signed in, by sign-in time, with names and employee numbers (a second query). */
export async function listEventAttendance(orgId: string, eventId: string): Promise<AttendanceRow[]> {
  const { rows } = await allRows(
    (from, to) =>
      supabase()
        .from('event_attendance')
        .select('member_id, signed_in_at, sign_in_distance_m, sign_in_method, signed_out_at, sign_out_distance_m')
        .eq('event_id', eventId)
        .order('signed_in_at', { ascending: true })
        .order('member_id', { ascending: true })
        .range(from, to)
        .overrideTypes<Array<Omit<AttendanceRow, 'member_name' | 'employee_no'>>, { merge: false }>(),
    ATTENDANCE_MAX_ROWS,
  );
  const refs = await memberRefs(orgId, rows.map((r) => r.member_id));
  return rows.map((r) => ({ ...r, member_name: refs.get(r.member_id)?.name ?? null, employee_no: refs.get(r.member_id)?.employee_no ?? null }));
}
