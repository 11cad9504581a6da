// 报餐: the bookable meal periods (booking_cutoff_minutes set), the canteens
// that take bookings, my bookings (RLS: my rows; queries still name me, since
// operators and admins read more), booking / cancelling (meal_book /
// meal_cancel, which enforce the cut-off), and the headcounts canteen
// operators prepare for (meal_headcounts).
import { fromPostgrestError } from './errors';
import { getSupabase } from './supabase.client';

export interface MemberRef {
  orgId: string;
  memberId: string;
}

export interface MealPeriod {
  id: string;
  name: string;
  /** `HH:MM:SS` local time. */
  starts: string;
  ends: string;
  cutoffMinutes: number;
}

export interface Canteen {
  id: string;
  name: string;
}

export interface MealBooking {
  id: string;
  merchantId: string;
  mealPeriodId: string;
  day: string;
  status: string;
}

export interface Headcount {
  day: string;
  mealPeriodId: string;
  mealName: string;
  merchantId: string;
  merchantName: string;
  toPrepare: number;
  booked: number;
  redeemed: number;
  noShow: number;
  cancelled: number;
}

const int = (value: unknown): number => {
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : 0;
};

function toBooking(row: Record<string, unknown>): MealBooking {
  return {
    id: String(row.id),
    merchantId: String(row.merchant_id),
    mealPeriodId: String(row.meal_period_id),
    day: String(row.day),
    status: String(row.status),
  };
}

export function parseHeadcounts(data: unknown): Headcount[] {
  return (Array.isArray(data) ? data : []).map((r: Record<string, unknown>) => ({
    day: String(r.day ?? ''),
    mealPeriodId: String(r.meal_period_id ?? ''),
    mealName: String(r.meal_name ?? ''),
    merchantId: String(r.merchant_id ?? ''),
    merchantName: String(r.merchant_name ?? ''),
    toPrepare: int(r.to_prepare),
    booked: int(r.booked),
    redeemed: int(r.redeemed),
    noShow: int(r.no_show),
    cancelled: int(r.cancelled),
  }));
}

export const mealService = {
  /** Meal periods members can book in advance, by start time. */
  async periods(orgId: string): Promise<MealPeriod[]> {
    const supabase = await getSupabase();
    const { data, error, status } = await supabase
      .from('meal_periods')
      .select('id, name, starts, ends, booking_cutoff_minutes')
      .eq('org_id', orgId)
      .not('booking_cutoff_minutes', 'is', null)
      .order('starts', { ascending: true });
    if (error) throw fromPostgrestError(error, status);
    return ((data ?? []) as Array<Record<string, unknown>>).map((row) => ({
      id: String(row.id),
      name: String(row.name),
      starts: String(row.starts),
      ends: String(row.ends),
      cutoffMinutes: int(row.booking_cutoff_minutes),
    }));
  },

  /** Active canteens that take bookings. */
  async canteens(orgId: string): Promise<Canteen[]> {
    const supabase = await getSupabase();
    const { data, error, status } = await supabase
      .from('merchants')
      .select('id, name')
      .eq('org_id', orgId)
      .eq('active', true)
      .eq('takes_bookings', true)
      .order('name');
    if (error) throw fromPostgrestError(error, status);
    return ((data ?? []) as Array<{ id: string; name: string }>).map((m) => ({ id: m.id, name: m.name }));
  },

  /** My bookings (not cancelled) from `from` to `to` (inclusive days). */
  async mine(me: MemberRef, from: string, to: string): Promise<MealBooking[]> {
    const supabase = await getSupabase();
    const { data, error, status } = await supabase
      .from('meal_bookings')
      .select('id, merchant_id, meal_period_id, day, status')
      .eq('org_id', me.orgId)
      .eq('member_id', me.memberId)
      .gte('day', from)
      .lte('day', to)
      .neq('status', 'cancelled')
      .order('day', { ascending: true });
    if (error) throw fromPostgrestError(error, status);
    return ((data ?? []) as Array<Record<string, unknown>>).map(toBooking);
  },

  /** rpc meal_book: YM611 past the cut-off / not bookable / too far ahead, YM612 already booked. */
  async book(merchantId: string, mealPeriodId: string, day: string): Promise<MealBooking> {
    const supabase = await getSupabase();
    const { data, error, status } = await supabase.rpc('meal_book', { p_merchant: merchantId, p_meal_period: mealPeriodId, p_day: day });
    if (error) throw fromPostgrestError(error, status);
    return toBooking((data ?? {}) as Record<string, unknown>);
  },

  /** rpc meal_cancel (before the cut-off; YM611 after it). */
  async cancel(bookingId: string): Promise<void> {
    const supabase = await getSupabase();
    const { error, status } = await supabase.rpc('meal_cancel', { p_booking: bookingId });
    if (error) throw fromPostgrestError(error, status);
  },

  /** rpc meal_headcounts (operators see their canteens; admins all). */
  async headcounts(orgId: string, from: string, to: string): Promise<Headcount[]> {
    const supabase = await getSupabase();
    const { data, error, status } = await supabase.rpc('meal_headcounts', { p_org: orgId, p_from: from, p_to: to });
    if (error) throw fromPostgrestError(error, status);
    return parseHeadcounts(data);
  },
};

export type MealService = typeof mealService;
