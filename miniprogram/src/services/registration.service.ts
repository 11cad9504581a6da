// 实名登记: a registration point's form (registration-submit GET), submitting
// it (POST; the server checks the answers with the shared form engine and the
// point's audience), and my own records (registration_records, RLS: own rows).
import { malformed } from './auth-api';
import { fromPostgrestError } from './errors';
import { callFunction, functionPath } from './payment-api';
import { getSupabase } from './supabase.client';

export interface MemberRef {
  orgId: string;
  memberId: string;
}

export interface RegistrationPoint {
  id: string;
  name: string;
  purpose: string | null;
}

export interface RegistrationRecord {
  id: string;
  pointId: string;
  pointName: string | null;
  answers: Record<string, unknown>;
  at: string;
}

const POINT_QR = /^yima:reg:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The point id of a scanned `yima:reg:<id>` (or a bare id); null for anything else. */
export function pointIdOf(text: string): string | null {
  const value = text.trim();
  const match = POINT_QR.exec(value);
  if (match) return match[1]!.toLowerCase();
  return UUID.test(value) ? value.toLowerCase() : null;
}

const str = (value: unknown): string | null => (typeof value === 'string' && value ? value : null);
const one = <T,>(value: T | T[] | null | undefined): T | null => (Array.isArray(value) ? (value[0] ?? null) : (value ?? null));

export const registrationService = {
  /** GET registration-submit?point_id= → the point and its form (a FormDefinition, checked by the page). */
  async point(pointId: string): Promise<{ point: RegistrationPoint; form: unknown }> {
    const body = (await callFunction(functionPath('registration-submit', { point_id: pointId }), 'GET')) as Record<string, unknown>;
    const point = (body?.point ?? {}) as Record<string, unknown>;
    if (!str(point.id) || !str(point.name)) throw malformed('registration-submit GET: missing point');
    return { point: { id: point.id as string, name: point.name as string, purpose: str(point.purpose) }, form: body.form ?? null };
  },

  /** POST registration-submit {point_id, answers} → the record's id and time. */
  async submit(pointId: string, answers: Record<string, unknown>): Promise<{ id: string; at: string }> {
    const body = (await callFunction('registration-submit', 'POST', { point_id: pointId, answers })) as Record<string, unknown>;
    const record = (body?.record ?? {}) as Record<string, unknown>;
    if (record.id === undefined || record.id === null || !str(record.at)) throw malformed('registration-submit POST: missing record');
    return { id: String(record.id), at: record.at as string };
  },

  /** My records, newest first, with the point's name. */
  async mine(me: MemberRef, limit = 20): Promise<RegistrationRecord[]> {
    const supabase = await getSupabase();
    const { data, error, status } = await supabase
      .from('registration_records')
      .select('id, point_id, answers, at, point:registration_points(name)')
      .eq('org_id', me.orgId)
      .eq('member_id', me.memberId)
      .order('at', { ascending: false })
      .limit(limit);
    if (error) throw fromPostgrestError(error, status);
    return ((data ?? []) as Array<Record<string, unknown>>).map((row) => ({
      id: String(row.id),
      pointId: String(row.point_id),
      pointName: one(row.point as { name: string } | Array<{ name: string }> | null)?.name ?? null,
      answers: (row.answers && typeof row.answers === 'object' ? row.answers : {}) as Record<string, unknown>,
      at: String(row.at),
    }));
  },
};

export type RegistrationService = typeof registrationService;
