// 报餐管理: which meals can be booked (meal_periods.booking_cutoff_minutes)
// and which canteens take bookings (merchants.takes_bookings) — both rows
// are written by payment admins (RLS) —, the headcounts per day × meal ×
// canteen (meal_headcounts RPC) and the no-shows per member (meal_bookings).
import { z } from 'zod';
import { unwrap } from './errors.ts';
import { memberRefs } from './member-lookup.service.ts';
import { allRows, single } from './scenario-common.ts';
import { supabase } from './supabase-client.ts';
import { parseResponse } from './token-response.ts';

export interface BookingPeriodRow {
  id: string;
  name: string;
  starts: string;
  ends: string;
  /** Minutes before the start when booking closes; null = not bookable. */
  booking_cutoff_minutes: number | null;
}

export interface CanteenRow {
  id: string;
  name: string;
  active: boolean;
  takes_bookings: boolean;
}

const hhmm = (time: string) => time.slice(0, 5);
const PERIOD_COLUMNS = 'id, name, starts, ends, booking_cutoff_minutes';
const toPeriod = (row: BookingPeriodRow): BookingPeriodRow => ({ ...row, starts: hhmm(row.starts), ends: hhmm(row.ends) });

export async function listBookingPeriods(orgId: string): Promise<BookingPeriodRow[]> {
  const rows = unwrap(await supabase().from('meal_periods').select(PERIOD_COLUMNS).eq('org_id', orgId).order('starts', { ascending: true }).overrideTypes<BookingPeriodRow[], { merge: false }>());
  return rows.map(toPeriod);
}

export async function setBookingCutoff(orgId: string, periodId: string, minutes: number | null): Promise<BookingPeriodRow> {
  const result = await supabase().from('meal_periods').update({ booking_cutoff_minutes: minutes }).eq('org_id', orgId).eq('id', periodId).select(PERIOD_COLUMNS).overrideTypes<BookingPeriodRow[], { merge: false }>();
  return toPeriod(single(result));
}

export async function listCanteens(orgId: string): Promise<CanteenRow[]> {
  return unwrap(await supabase().from('merchants').select('id, name, active, takes_bookings').eq('org_id', orgId).order('name', { ascending: true }).overrideTypes<CanteenRow[], { merge: false }>());
}

export async function setTakesBookings(orgId: string, merchantId: string, takesBookings: boolean): Promise<CanteenRow> {
  return single(
    await supabase().from('merchants').update({ takes_bookings: takesBookings }).eq('org_id', orgId).eq('id', merchantId).select('id, name, active, takes_bookings').overrideTypes<CanteenRow[], { merge: false }>(),
  );
}

const int = z.coerce.number().int();
const HeadcountSchema = z.object({
  day: z.string(),
  meal_period_id: z.string(),
  meal_name: z.string(),
  merchant_id: z.string(),
  merchant_name: z.string(),
  to_prepare: int,
  booked: int,
  redeemed: int,
  no_show: int,
  cancelled: int,
});
export type HeadcountRow = z.infer<typeof HeadcountSchema>;
export type HeadcountTotals = Pick<HeadcountRow, 'to_prepare' | 'booked' | 'redeemed' | 'no_show' | 'cancelled'>;

/** The RPC refuses longer ranges (p_to - p_from > 92). */
export const MAX_HEADCOUNT_DAYS = 93;

/** Days 'YYYY-MM-DD', both included. */
export async function mealHeadcounts(orgId: string, fromDay: string, toDay: string): Promise<HeadcountRow[]> {
  const body: unknown = unwrap(await supabase().rpc('meal_headcounts', { p_org: orgId, p_from: fromDay, p_to: toDay }));
  return parseResponse(z.array(HeadcountSchema), body);
}

export function headcountTotals(rows: readonly HeadcountRow[]): HeadcountTotals {
  const totals: HeadcountTotals = { to_prepare: 0, booked: 0, redeemed: 0, no_show: 0, cancelled: 0 };
  for (const row of rows) for (const key of Object.keys(totals) as Array<keyof HeadcountTotals>) totals[key] += row[key];
  return totals;
}

export interface NoShowRow {
  member_id: string;
  name: string | null;
  employee_no: string | null;
  no_shows: number;
  /** The most recent day missed. */
  last_day: string;
}

const NO_SHOW_MAX_ROWS = 50_000;

/** No-shows per member over the days (both included), most first. */
export async function noShowReport(orgId: string, fromDay: string, toDay: string): Promise<NoShowRow[]> {
  const { rows } = await allRows(
    (from, to) =>
      supabase()
        .from('meal_bookings')
        .select('id, member_id, day')
        .eq('org_id', orgId)
        .eq('status', 'no_show')
        .gte('day', fromDay)
        .lte('day', toDay)
        .order('id', { ascending: true })
        .range(from, to)
        .overrideTypes<Array<{ id: string; member_id: string; day: string }>, { merge: false }>(),
    NO_SHOW_MAX_ROWS,
  );
  const byMember = new Map<string, { count: number; last: string }>();
  for (const r of rows) {
    const entry = byMember.get(r.member_id) ?? { count: 0, last: r.day };
    entry.count += 1;
    if (r.day > entry.last) entry.last = r.day;
    byMember.set(r.member_id, entry);
  }
  const refs = await memberRefs(orgId, [...byMember.keys()]);
  return [...byMember.entries()]
    .map(([id, e]) => ({ member_id: id, name: refs.get(id)?.name ?? null, employee_no: refs.get(id)?.employee_no ?? null, no_shows: e.count, last_day: e.last }))
    .sort((a, b) => b.no_shows - a.no_shows || (a.name ?? '').localeCompare(b.name ?? '', 'zh-CN'));
}
