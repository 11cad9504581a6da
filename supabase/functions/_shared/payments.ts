// Shared by the payment functions (pay, pos-charge, pos-offline-upload,
// payment-explain): load a payment's context in one RPC, price it with the
// pure shared pricing engine, and commit it through payment_commit, which
// re-checks limits, balances and the wallet split under the wallet lock.
import type { SupabaseClient } from '@supabase/supabase-js';
import {
  type LocalClock, type MealPeriod, type PriceQuote, type StallPricing,
  localClock, localDayStart, localTimeOn, mealPeriodAt, priceQuote, validateStallPricing,
} from '@yima/shared';
import { throwDbError } from './db-errors.ts';
import { HttpError } from './http.ts';

/** What payment_context returns (see 20261125060100_create_payment_rpcs.sql). */
export interface PaymentContext {
  member: { id: string; name: string; status: string; identity: string | null; department_ids: string[]; tag_ids: string[] };
  stall: { id: string; name: string; pricing: unknown; active: boolean; merchant_id: string; merchant_name: string; takes_bookings: boolean };
  meal_periods: MealPeriod[];
  timezone: string;
  balances: { subsidy_fen: number; cash_fen: number; count: number };
  today: Array<{ at: string; amount_fen: number }>;
}

export interface PricedPayment {
  quote: PriceQuote;
  pricing: StallPricing;
  clock: LocalClock;
  /** Limits for payment_commit to re-check against the ledger under the lock. */
  checks: Record<string, string | number>;
}

/** Money and limit refusals carry their precise reason in the RPC's hint. */
const PAYMENT_ERRORS: Record<string, number> = { YM401: 402, YM402: 409, YM403: 409, YM404: 404, YM405: 403, YM407: 409, YM408: 409, YM410: 400 };
const DEFAULT_CODES: Record<string, string> = {
  YM401: 'insufficient_balance', YM402: 'limit_exceeded', YM403: 'request_id_reused', YM404: 'stall_unavailable',
  YM405: 'member_cannot_pay', YM407: 'refund_refused', YM408: 'topup_order_invalid', YM410: 'invalid_amount',
};

export function throwPaymentError(error: { code?: string; message: string; hint?: string | null }, context: string): never {
  const status = error.code ? PAYMENT_ERRORS[error.code] : undefined;
  if (status) throw new HttpError(status, error.hint || DEFAULT_CODES[error.code!]!, error.message);
  throwDbError(error, context);
}

export async function loadPaymentContext(
  db: SupabaseClient,
  args: { orgId: string; memberId?: string; accountId?: string; stallId?: string; pointId?: string },
): Promise<PaymentContext> {
  const { data, error } = await db.rpc('payment_context', {
    p_org: args.orgId, p_member: args.memberId ?? null, p_account: args.accountId ?? null,
    p_stall: args.stallId ?? null, p_point: args.pointId ?? null,
  });
  if (error) throwPaymentError(error, 'payment_context');
  return data as PaymentContext;
}

/** A deactivated stall or merchant takes no payments (the explainer may still quote it). */
export function assertStallOpen(ctx: PaymentContext): void {
  if (!ctx.stall.active) {
    throw new HttpError(404, 'stall_unavailable', `档口「${ctx.stall.name}」已停用 (this stall is not taking payments)`);
  }
}

/** Prices a payment at instant `at` with the stall's rule (pure: shared/src/pricing). */
export function pricePayment(ctx: PaymentContext, input: { amountFen?: number; at: Date }): PricedPayment {
  const parsed = validateStallPricing(ctx.stall.pricing);
  if (!parsed.ok) {
    throw new HttpError(409, 'stall_misconfigured',
      `The pricing rule of stall "${ctx.stall.name}" is invalid (${parsed.problems.join('; ')}); ask the canteen administrator to fix it`);
  }
  const pricing = parsed.value;
  const clock = localClock(input.at, ctx.timezone);
  const meal = mealPeriodAt(ctx.meal_periods, clock);
  const dayStart = localDayStart(clock.dateKey, ctx.timezone);
  const mealStart = meal ? localTimeOn(clock.dateKey, meal.start, ctx.timezone) : null;
  let dayFen = 0, dayCount = 0, mealFen = 0, mealCount = 0;
  for (const p of ctx.today) {
    const at = new Date(p.at);
    if (at < dayStart) continue;
    dayFen += p.amount_fen;
    dayCount += 1;
    if (mealStart && at >= mealStart) {
      mealFen += p.amount_fen;
      mealCount += 1;
    }
  }
  const quote = priceQuote({
    stall: pricing,
    mealPeriods: ctx.meal_periods,
    member: { departmentIds: ctx.member.department_ids, tagIds: ctx.member.tag_ids, identity: ctx.member.identity },
    clock,
    amountFen: input.amountFen,
    balances: { subsidyFen: ctx.balances.subsidy_fen, cashFen: ctx.balances.cash_fen, count: ctx.balances.count },
    spent: { dayFen, dayCount, mealFen, mealCount },
  });
  const limits = pricing.limits ?? {};
  const checks: Record<string, string | number> = { day_start: dayStart.toISOString() };
  if (mealStart) checks.meal_start = mealStart.toISOString();
  if (limits.perDayFen !== undefined) checks.per_day_fen = limits.perDayFen;
  if (limits.perMealFen !== undefined) checks.per_meal_fen = limits.perMealFen;
  if (limits.perDayCount !== undefined) checks.per_day_count = limits.perDayCount;
  if (limits.perMealCount !== undefined) checks.per_meal_count = limits.perMealCount;
  return { quote, pricing, clock, checks };
}

/** HTTP error for a refused quote (what the member sees, zh-CN message first). */
const REFUSALS: Record<string, [number, string]> = {
  closed: [409, '该档口当前不在营业时间 (this stall is not open now)'],
  amount_required: [400, '请输入金额 (enter the amount to pay)'],
  invalid_amount: [400, '金额须为正的整数分 (the amount must be a positive whole number of fen)'],
  over_payment_max: [409, '超过单笔限额 (over the limit for one payment)'],
  meal_limit: [409, '超过本餐消费限额 (over the limit for this meal)'],
  day_limit: [409, '超过当日消费限额 (over the daily limit)'],
  meal_count_limit: [409, '本餐消费次数已达上限 (no more payments in this meal period)'],
  day_count_limit: [409, '今日消费次数已达上限 (no more payments today)'],
  insufficient_balance: [402, '余额不足，请充值 (insufficient balance: top up first)'],
  insufficient_count: [402, '餐券不足 (not enough meal tickets)'],
  invalid_config: [409, '档口计价规则有误，请联系管理员 (the stall pricing rule is invalid)'],
};

export function refusalError(quote: PriceQuote & { ok: false }): HttpError {
  const [status, message] = REFUSALS[quote.reason] ?? [409, quote.reason];
  return new HttpError(status, quote.reason, message);
}

export interface CommitInput {
  orgId: string;
  ctx: PaymentContext;
  priced: PricedPayment & { quote: PriceQuote & { ok: true } };
  requestId: string;
  kind?: 'payment' | 'offline_payment';
  pointId?: string | null;
  actorAccountId?: string | null;
  detail?: Record<string, unknown>;
}

export interface CommitResult {
  transaction_id: string;
  replayed: boolean;
  amount_fen: number;
  subsidy_fen: number;
  cash_fen: number;
  count: number;
  overdraft_fen: number;
  created_at: string;
  balances: { subsidy_fen: number; cash_fen: number; count: number };
  /** The meal booking this payment redeemed, if any. */
  meal_booking?: { id: string; status: string };
}

export async function commitPayment(db: SupabaseClient, input: CommitInput): Promise<CommitResult> {
  const { quote, pricing, checks } = input.priced;
  const { data, error } = await db.rpc('payment_commit', {
    p_org: input.orgId,
    p_member: input.ctx.member.id,
    p_stall: input.ctx.stall.id,
    p_request_id: input.requestId,
    p_kind: input.kind ?? 'payment',
    p_pay_fen: quote.payFen,
    p_count: quote.count,
    p_wallet_order: pricing.walletOrder ?? ['subsidy', 'cash'],
    p_checks: checks,
    p_meal_period: quote.mealPeriodId,
    p_point: input.pointId ?? null,
    p_actor: input.actorAccountId ?? null,
    p_detail: { list_fen: quote.listFen, adjustments: quote.adjustments, steps: quote.steps, ...input.detail },
  });
  if (error) throwPaymentError(error, 'payment_commit');
  const result = data as CommitResult;
  if (input.ctx.stall.takes_bookings && !result.replayed) {
    // 扫码核销: paying at a canteen that takes bookings redeems the member's booking for the meal going on.
    const { data: booking, error: redeemError } = await db.rpc('meal_redeem', {
      p_org: input.orgId, p_member: input.ctx.member.id, p_merchant: input.ctx.stall.merchant_id, p_at: new Date().toISOString(),
    });
    if (redeemError) console.error('[payments] meal_redeem failed', redeemError);
    else if (booking) result.meal_booking = booking as { id: string; status: string };
  }
  return result;
}

/** The JSON a payer or POS gets back. */
export function paymentResponse(ctx: PaymentContext, quote: PriceQuote & { ok: true }, result: CommitResult) {
  return {
    transaction_id: result.transaction_id,
    replayed: result.replayed,
    stall: { id: ctx.stall.id, name: ctx.stall.name, merchant_name: ctx.stall.merchant_name },
    member: { id: ctx.member.id, name: ctx.member.name },
    amount_fen: result.amount_fen,
    list_fen: quote.listFen,
    adjustments: quote.adjustments,
    paid: { subsidy_fen: result.subsidy_fen, cash_fen: result.cash_fen, count: result.count, overdraft_fen: result.overdraft_fen },
    balances: result.balances,
    created_at: result.created_at,
    ...(result.meal_booking ? { meal_booking: result.meal_booking } : {}),
  };
}

/** A payment already booked under this request id, in the paymentResponse shape (for retries). */
export async function findPayment(db: SupabaseClient, orgId: string, requestId: string, ctx: PaymentContext) {
  const { data, error } = await db.from('ledger_transactions')
    .select('id, amount_fen, subsidy_fen, cash_fen, count, created_at, member_id, detail, stall:stalls(id, name, merchant:merchants(name))')
    .eq('org_id', orgId).eq('request_id', requestId).in('kind', ['payment', 'offline_payment']).maybeSingle();
  if (error) throwDbError(error, 'ledger_transactions');
  if (!data) return null;
  const row = data as unknown as {
    id: string; amount_fen: number; subsidy_fen: number; cash_fen: number; count: number; created_at: string;
    detail: { list_fen?: number; adjustments?: unknown[] };
    stall: { id: string; name: string; merchant: { name: string } } | null;
  };
  return {
    transaction_id: row.id,
    replayed: true,
    stall: row.stall ? { id: row.stall.id, name: row.stall.name, merchant_name: row.stall.merchant.name } : null,
    member: { id: ctx.member.id, name: ctx.member.name },
    amount_fen: row.amount_fen,
    list_fen: row.detail.list_fen ?? row.amount_fen,
    adjustments: row.detail.adjustments ?? [],
    paid: { subsidy_fen: row.subsidy_fen, cash_fen: row.cash_fen, count: row.count, overdraft_fen: row.amount_fen - row.subsidy_fen - row.cash_fen },
    created_at: row.created_at,
  };
}

const REQUEST_ID = /^[A-Za-z0-9_-]{8,64}$/;
export function checkRequestId(value: unknown): string {
  if (typeof value !== 'string' || !REQUEST_ID.test(value)) {
    throw new HttpError(400, 'invalid_request_id', 'request_id must be 8-64 letters, digits, - or _ (a fresh UUID per payment attempt; reuse it only to retry)');
  }
  return value;
}
