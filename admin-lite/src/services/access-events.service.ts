// 通行记录 and 考勤: access_events (every verification, readable by card
// admins) and the attendance_daily RPC (first/last pass per person per day,
// in the org's time zone, at most 93 days, members in the admin's scope).
import { z } from 'zod';
import { mapPostgrestError, unwrap } from './errors.ts';
import { supabase } from './supabase-client.ts';
import { parseResponse } from './token-response.ts';

export interface AccessEventRow {
  id: number;
  point_id: string | null;
  point_name: string | null;
  member_id: string | null;
  member_name: string | null;
  employee_no: string | null;
  ok: boolean;
  reason: string | null;
  mode: 'online' | 'offline';
  at: string;
}

export interface AccessEventQuery {
  orgId: string;
  /** Inclusive instants (ISO); the page turns dates into local-day bounds. */
  fromIso: string;
  untilIso: string;
  pointId?: string;
  /** true = passed, false = refused, undefined = both. */
  ok?: boolean;
  page: number;
  pageSize: number;
}

interface RawEvent {
  id: number;
  point_id: string | null;
  member_id: string | null;
  ok: boolean;
  reason: string | null;
  mode: 'online' | 'offline';
  at: string;
  verification_points: { name: string } | null;
}

export async function listAccessEvents(query: AccessEventQuery): Promise<{ rows: AccessEventRow[]; total: number }> {
  const { orgId, fromIso, untilIso, pointId, ok, page, pageSize } = query;
  let request = supabase()
    .from('access_events')
    .select('id, point_id, member_id, ok, reason, mode, at, verification_points(name)', { count: 'exact' })
    .eq('org_id', orgId)
    .gte('at', fromIso)
    .lt('at', untilIso);
  if (pointId) request = request.eq('point_id', pointId);
  if (ok !== undefined) request = request.eq('ok', ok);
  const from = (page - 1) * pageSize;
  const { data, error, count, status } = await request
    .order('at', { ascending: false })
    .order('id', { ascending: false })
    .range(from, from + pageSize - 1)
    .overrideTypes<RawEvent[], { merge: false }>();
  if (error && status === 416) return { rows: [], total: count ?? 0 };
  if (error) throw mapPostgrestError(error, status);
  const events = data ?? [];
  // access_events.member_id has no foreign key (events outlive members), so
  // names come from a second query; members outside the admin's scope stay unnamed.
  const ids = [...new Set(events.map((e) => e.member_id).filter((id): id is string => id !== null))];
  const names = new Map<string, { name: string; employee_no: string }>();
  if (ids.length > 0) {
    const members = unwrap(await supabase().from('members').select('id, name, employee_no').eq('org_id', orgId).in('id', ids).overrideTypes<Array<{ id: string; name: string; employee_no: string }>, { merge: false }>());
    for (const m of members) names.set(m.id, m);
  }
  return {
    rows: events.map(({ verification_points: point, ...e }) => ({
      ...e,
      point_name: point?.name ?? null,
      member_name: e.member_id ? (names.get(e.member_id)?.name ?? null) : null,
      employee_no: e.member_id ? (names.get(e.member_id)?.employee_no ?? null) : null,
    })),
    total: count ?? 0,
  };
}

const AttendanceRowSchema = z.object({
  day: z.string(),
  member_id: z.string(),
  member_name: z.string(),
  employee_no: z.string(),
  department_name: z.string(),
  first_pass: z.string(),
  last_pass: z.string(),
  passes: z.coerce.number().int(),
});
export type AttendanceRow = z.infer<typeof AttendanceRowSchema>;

/** Dates are 'YYYY-MM-DD' in the org's time zone; at most 93 days. */
export async function attendanceDaily(orgId: string, fromDate: string, untilDate: string, pointIds: readonly string[] | null): Promise<AttendanceRow[]> {
  const rows: unknown = unwrap(await supabase().rpc('attendance_daily', { p_org: orgId, p_from: fromDate, p_until: untilDate, p_point_ids: pointIds ? [...pointIds] : null }));
  return parseResponse(z.array(AttendanceRowSchema), rows);
}
