// 资源预约: bookable resources (rooms, devices, spaces; `resources` app admins
// write), their bookings (filtered, paged) and deciding pending ones
// (resource_decide RPC).
import { z } from 'zod';
import { mapPostgrestError, unwrap } from './errors.ts';
import { memberRefs } from './member-lookup.service.ts';
import { deleted, single, type ScenarioAudience } from './scenario-common.ts';
import { supabase } from './supabase-client.ts';
import { parseResponse } from './token-response.ts';

export const RESOURCE_KINDS = ['room', 'device', 'space', 'other'] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

/** ISO weekdays 1 (Mon) – 7 (Sun); absent = every day. 'HH:MM', end may be '24:00'. */
export interface OpenWindow {
  days?: number[];
  start: string;
  end: string;
}

export interface ResourceRow {
  id: string;
  org_id: string;
  name: string;
  kind: ResourceKind;
  location: string | null;
  capacity: number;
  /** Empty = always open. */
  open_hours: OpenWindow[];
  requires_approval: boolean;
  max_hours: number;
  audience: ScenarioAudience;
  active: boolean;
}
export type ResourceInput = Omit<ResourceRow, 'id' | 'org_id'>;

const RESOURCE_COLUMNS = 'id, org_id, name, kind, location, capacity, open_hours, requires_approval, max_hours, audience, active';

export async function listResources(orgId: string): Promise<ResourceRow[]> {
  return unwrap(await supabase().from('resources').select(RESOURCE_COLUMNS).eq('org_id', orgId).order('name', { ascending: true }).overrideTypes<ResourceRow[], { merge: false }>());
}

export async function saveResource(orgId: string, resourceId: string | undefined, input: Partial<ResourceInput>): Promise<ResourceRow> {
  const table = supabase().from('resources');
  return single(
    resourceId
      ? await table.update(input).eq('org_id', orgId).eq('id', resourceId).select(RESOURCE_COLUMNS).overrideTypes<ResourceRow[], { merge: false }>()
      : await table.insert({ org_id: orgId, ...input }).select(RESOURCE_COLUMNS).overrideTypes<ResourceRow[], { merge: false }>(),
  );
}

export async function deleteResource(orgId: string, resourceId: string): Promise<void> {
  deleted(await supabase().from('resources').delete().eq('org_id', orgId).eq('id', resourceId).select('id'));
}

export const BOOKING_STATUSES = ['pending', 'approved', 'rejected', 'cancelled', 'checked_in', 'no_show', 'expired'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

export interface ResourceBookingRow {
  id: string;
  resource_id: string;
  member_id: string;
  /** Parsed from the tstzrange. */
  starts_at: string;
  ends_at: string;
  status: BookingStatus;
  attendees: number;
  purpose: string | null;
  reason: string | null;
  checked_in_at: string | null;
  created_at: string;
  member_name: string | null;
}

/** '["2026-11-26 02:00:00+00","2026-11-26 03:00:00+00")' -> ISO bounds. */
export function parseRange(range: string): { from: string; until: string } {
  const inner = range.trim().replace(/^[[(]/, '').replace(/[\])]$/, '');
  const [a = '', b = ''] = inner.split(',').map((part) => part.trim().replace(/^"|"$/g, ''));
  const iso = (text: string) => {
    const normalised = text.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00');
    const date = new Date(normalised);
    return Number.isNaN(date.getTime()) ? text : date.toISOString();
  };
  return { from: iso(a), until: iso(b) };
}

export interface BookingFilter {
  orgId: string;
  /** Bookings overlapping [fromIso, untilIso). */
  fromIso: string;
  untilIso: string;
  resourceId?: string;
  status?: BookingStatus;
}

interface RawBooking extends Omit<ResourceBookingRow, 'starts_at' | 'ends_at' | 'member_name'> {
  during: string;
}

export async function listResourceBookings(filter: BookingFilter & { page: number; pageSize: number }): Promise<{ rows: ResourceBookingRow[]; total: number }> {
  let request = supabase()
    .from('resource_bookings')
    .select('id, resource_id, member_id, during, status, attendees, purpose, reason, checked_in_at, created_at', { count: 'exact' })
    .eq('org_id', filter.orgId)
    .overlaps('during', `[${filter.fromIso},${filter.untilIso})`);
  if (filter.resourceId) request = request.eq('resource_id', filter.resourceId);
  if (filter.status) request = request.eq('status', filter.status);
  const from = (filter.page - 1) * filter.pageSize;
  const { data, error, count, status } = await request
    .order('during', { ascending: true })
    .order('id', { ascending: true })
    .range(from, from + filter.pageSize - 1)
    .overrideTypes<RawBooking[], { merge: false }>();
  if (error && status === 416) return { rows: [], total: count ?? 0 };
  if (error) throw mapPostgrestError(error, status);
  const rows = data ?? [];
  const refs = await memberRefs(filter.orgId, rows.map((r) => r.member_id));
  return {
    rows: rows.map(({ during, ...r }) => {
      const range = parseRange(during);
      return { ...r, starts_at: range.from, ends_at: range.until, member_name: refs.get(r.member_id)?.name ?? null };
    }),
    total: count ?? 0,
  };
}

const DecidedSchema = z.object({ id: z.string(), status: z.string() }).passthrough();

/** Approves or rejects a pending booking (resources app admins); YM603 once it is no longer pending. */
export async function decideBooking(bookingId: string, decision: 'approved' | 'rejected', reason: string): Promise<{ id: string; status: string }> {
  const body: unknown = unwrap(await supabase().rpc('resource_decide', { p_booking: bookingId, p_decision: decision, p_reason: reason.trim() || null }));
  return parseResponse(DecidedSchema, body);
}
