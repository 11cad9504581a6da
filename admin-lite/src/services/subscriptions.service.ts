// 租户与订阅 (platform operators): every org with its current plan from
// subscriptions_overview, and buying, renewing and cancelling terms through
// the subscription-admin function (the refund is prorated there, in fen).
// subscriptions_overview answers 42501 to anyone but an operator, which is
// how the console decides whether to show the 运营 section.
import { z } from 'zod';
import { AppError, unwrap } from './errors.ts';
import { callFunction } from './functions.service.ts';
import { supabase } from './supabase-client.ts';
import { parseResponse } from './token-response.ts';

const int = z.coerce.number().int();

const OverviewRowSchema = z.object({
  org_id: z.string(),
  org_name: z.string(),
  subscription_id: z.string().nullable(),
  seats: int.nullable(),
  seats_in_use: int,
  starts_on: z.string().nullable(),
  ends_on: z.string().nullable(),
  /** active | cancelled | expired, or 'none' when the org has no active plan. */
  status: z.string(),
  amount_fen: int.nullable(),
  days_left: int.nullable(),
});
export type SubscriptionOverviewRow = z.infer<typeof OverviewRowSchema>;

export async function subscriptionsOverview(): Promise<SubscriptionOverviewRow[]> {
  const rows: unknown = unwrap(await supabase().rpc('subscriptions_overview'));
  return parseResponse(z.array(OverviewRowSchema), rows);
}

/** True for platform operators; false when the overview is refused (42501). Other failures are thrown. */
export async function isPlatformOperator(): Promise<boolean> {
  try {
    await subscriptionsOverview();
    return true;
  } catch (error) {
    if (error instanceof AppError && error.code === '42501') return false;
    throw error;
  }
}

const SubscriptionSchema = z
  .object({
    id: z.string(),
    org_id: z.string(),
    seats: int,
    price_per_seat_fen: int,
    amount_fen: int,
    starts_on: z.string(),
    ends_on: z.string(),
    status: z.string(),
    refund_fen: int.nullable().optional(),
  })
  .loose();
export type Subscription = z.infer<typeof SubscriptionSchema>;

const RefundSchema = z.object({ term_days: int, used_days: int, remaining_days: int, paid_fen: int, refund_fen: int });
export type RefundQuote = z.infer<typeof RefundSchema>;

const call = (body: Record<string, unknown>) => callFunction('subscription-admin', { method: 'POST', body, auth: 'session' });

export interface NewSubscription {
  orgId: string;
  seats: number;
  /** Integer fen per seat for the whole term. */
  pricePerSeatFen: number;
  /** 'YYYY-MM-DD'. */
  startsOn: string;
  years: number;
}

/** 新购: a term of `years` from `startsOn`. */
export async function createSubscription(input: NewSubscription): Promise<Subscription> {
  const body = await call({ action: 'create', org_id: input.orgId, seats: input.seats, price_per_seat_fen: input.pricePerSeatFen, starts_on: input.startsOn, years: input.years });
  return parseResponse(z.object({ subscription: SubscriptionSchema }), body).subscription;
}

/** 续费: the next term from the end of this one (same seats unless given). */
export async function renewSubscription(subscriptionId: string, options: { years: number; seats?: number }): Promise<Subscription> {
  const body = await call({ action: 'renew', subscription_id: subscriptionId, years: options.years, ...(options.seats !== undefined ? { seats: options.seats } : {}) });
  return parseResponse(z.object({ subscription: SubscriptionSchema }), body).subscription;
}

/** 退订 step 1: what cancelling on `cancelOn` would refund (books nothing). */
export async function quoteCancel(subscriptionId: string, cancelOn: string): Promise<RefundQuote> {
  const body = await call({ action: 'quote_cancel', subscription_id: subscriptionId, cancel_on: cancelOn });
  return parseResponse(z.object({ refund: RefundSchema }), body).refund;
}

/** 退订 step 2: cancels on the quoted day; the function computes the same refund again and records it. */
export async function cancelSubscription(subscriptionId: string, cancelOn: string): Promise<{ subscription: Subscription; refund: RefundQuote }> {
  const body = await call({ action: 'cancel', subscription_id: subscriptionId, cancel_on: cancelOn });
  return parseResponse(z.object({ subscription: SubscriptionSchema, refund: RefundSchema }), body);
}

/** Today in China ('YYYY-MM-DD'), the day the function would use by default. */
export function chinaDay(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}
