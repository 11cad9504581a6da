// 资源预约: the org's bookable resources, the live bookings of one resource on
// a day (every member reads them, to see taken slots), my bookings, and the
// resource_book / resource_cancel / resource_check_in RPCs.
import { parseRange, rangeLiteral } from '../lib/scenario';
import { fromPostgrestError } from './errors';
import { getSupabase } from './supabase.client';

export interface MemberRef {
  orgId: string;
  memberId: string;
}

export interface OpenHours {
  days?: number[];
  start: string;
  end: string;
}

export interface Resource {
  id: string;
  name: string;
  kind: string;
  location: string | null;
  capacity: number;
  openHours: OpenHours[];
  requiresApproval: boolean;
  maxHours: number;
}

export interface ResourceBooking {
  id: string;
  resourceId: string;
  resourceName: string | null;
  memberId: string;
  from: string;
  until: string;
  status: string;
  attendees: number;
  purpose: string | null;
  reason: string | null;
  checkedInAt: string | null;
}

/** Statuses that hold the slot. */
export const LIVE_STATUSES = ['pending', 'approved', 'checked_in'] as const;

const str = (value: unknown): string | null => (typeof value === 'string' && value ? value : null);
const one = <T,>(value: T | T[] | null | undefined): T | null => (Array.isArray(value) ? (value[0] ?? null) : (value ?? null));

function toBooking(row: Record<string, unknown>): ResourceBooking | null {
  const during = parseRange(row.during);
  if (!during) return null;
  return {
    id: String(row.id),
    resourceId: String(row.resource_id),
    resourceName: one(row.resource as { name: string } | Array<{ name: string }> | null)?.name ?? null,
    memberId: String(row.member_id ?? ''),
    from: during.from,
    until: during.until,
    status: String(row.status),
    attendees: typeof row.attendees === 'number' ? row.attendees : 1,
    purpose: str(row.purpose),
    reason: str(row.reason),
    checkedInAt: str(row.checked_in_at),
  };
}

const bookings = (data: unknown): ResourceBooking[] =>
  ((data ?? []) as Array<Record<string, unknown>>).map(toBooking).filter((b): b is ResourceBooking => b !== null);

function readOpenHours(value: unknown): OpenHours[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter((h): h is Record<string, unknown> => !!h && typeof h === 'object' && typeof h.start === 'string' && typeof h.end === 'string')
    .map((h) => ({ start: h.start as string, end: h.end as string, ...(Array.isArray(h.days) ? { days: h.days.filter((d): d is number => typeof d === 'number') } : {}) }));
}

export const resourceService = {
  /** Active resources, by name. */
  async list(orgId: string): Promise<Resource[]> {
    const supabase = await getSupabase();
    const { data, error, status } = await supabase
      .from('resources')
      .select('id, name, kind, location, capacity, open_hours, requires_approval, max_hours')
      .eq('org_id', orgId)
      .eq('active', true)
      .order('name');
    if (error) throw fromPostgrestError(error, status);
    return ((data ?? []) as Array<Record<string, unknown>>).map((row) => ({
      id: String(row.id),
      name: String(row.name),
      kind: String(row.kind ?? 'other'),
      location: str(row.location),
      capacity: typeof row.capacity === 'number' ? row.capacity : 1,
      openHours: readOpenHours(row.open_hours),
      requiresApproval: row.requires_approval === true,
      maxHours: typeof row.max_hours === 'number' ? row.max_hours : 4,
    }));
  },

  /** Live bookings of a resource overlapping [from, until), by start. */
  async taken(orgId: string, resourceId: string, fromIso: string, untilIso: string): Promise<ResourceBooking[]> {
    const supabase = await getSupabase();
    const { data, error, status } = await supabase
      .from('resource_bookings')
      .select('id, resource_id, member_id, during, status, attendees, purpose, reason, checked_in_at')
      .eq('org_id', orgId)
      .eq('resource_id', resourceId)
      .in('status', [...LIVE_STATUSES])
      .overlaps('during', rangeLiteral(fromIso, untilIso));
    if (error) throw fromPostgrestError(error, status);
    return bookings(data).sort((a, b) => Date.parse(a.from) - Date.parse(b.from));
  },

  /** My latest bookings (30), newest first, with the resource's name. */
  async mine(me: MemberRef): Promise<ResourceBooking[]> {
    const supabase = await getSupabase();
    const { data, error, status } = await supabase
      .from('resource_bookings')
      .select('id, resource_id, member_id, during, status, attendees, purpose, reason, checked_in_at, resource:resources(name)')
      .eq('org_id', me.orgId)
      .eq('member_id', me.memberId)
      .order('created_at', { ascending: false })
      .limit(30);
    if (error) throw fromPostgrestError(error, status);
    return bookings(data);
  },

  /** rpc resource_book: YM601 slot taken, YM602 invalid (past, too long, capacity, closed), 42501 not in the audience. */
  async book(input: { resourceId: string; fromIso: string; untilIso: string; attendees: number; purpose: string | null }): Promise<{ id: string; status: string }> {
    const supabase = await getSupabase();
    const { data, error, status } = await supabase.rpc('resource_book', {
      p_resource: input.resourceId,
      p_from: input.fromIso,
      p_until: input.untilIso,
      p_attendees: input.attendees,
      p_purpose: input.purpose,
    });
    if (error) throw fromPostgrestError(error, status);
    const row = (data ?? {}) as Record<string, unknown>;
    return { id: String(row.id ?? ''), status: String(row.status ?? 'pending') };
  },

  async cancel(bookingId: string): Promise<void> {
    const supabase = await getSupabase();
    const { error, status } = await supabase.rpc('resource_cancel', { p_booking: bookingId });
    if (error) throw fromPostgrestError(error, status);
  },

  /** rpc resource_check_in: from 10 minutes before to 15 minutes after the start (YM603 otherwise). */
  async checkIn(bookingId: string): Promise<void> {
    const supabase = await getSupabase();
    const { error, status } = await supabase.rpc('resource_check_in', { p_booking: bookingId });
    if (error) throw fromPostgrestError(error, status);
  },
};

export type ResourceService = typeof resourceService;
