// The canteen pricing contract. The database RPC and the edge functions are
// written against these names, so they stay exactly as agreed; behaviour
// lives in price.ts, clock.ts, wallet.ts and refund.ts.
import type { Fen } from '../money.ts';

/** How a stall charges: 定额 fixed price, 自由 entered amount, 计次 tickets, 限额 entered amount up to a cap. */
export type PricingMode = 'fixed' | 'free' | 'count' | 'limited';
export type WalletKind = 'subsidy' | 'cash';

/** Local time window, 'HH:MM' 24h, start inclusive, end exclusive, start < end; days = ISO weekdays 1..7 (omitted = every day). */
export interface TimeWindow {
  start: string;
  end: string;
  days?: number[];
}

/** A canteen meal period (餐次), 'HH:MM' local, start inclusive, end exclusive. */
export interface MealPeriod {
  id: string;
  name: string;
  start: string;
  end: string;
}

/**
 * Who an adjustment applies to. A member matches if ANY listed department id
 * is among member.departmentIds (own department + ancestors), OR any tag,
 * OR the identity equals one listed; an empty or omitted match is everyone.
 */
export interface AudienceMatch {
  departments?: string[];
  tags?: string[];
  identities?: string[];
}

export interface Adjustment {
  id: string;
  /** Shown in the explanation, e.g. '教职工午餐8折'. */
  label: string;
  kind: 'discount' | 'premium';
  match?: AudienceMatch;
  window?: TimeWindow;
  /** discount: this many basis points off (2000 = 20% off); premium: this many bp added. */
  rateBp?: number;
  /** Or a fixed amount off/added; exactly one of rateBp / amountFen. */
  amountFen?: number;
}

export interface PricingLimits {
  perPaymentMaxFen?: number;
  perMealFen?: number;
  perDayFen?: number;
  perMealCount?: number;
  perDayCount?: number;
}

export interface StallPricing {
  mode: PricingMode;
  /** fixed: the price (required, > 0). */
  fixedFen?: number;
  /** count: tickets per redemption (default 1). */
  countPerUse?: number;
  /** Time-limited consumption; empty/omitted = always open. */
  openWindows?: TimeWindow[];
  /** Applied in order; each adds/subtracts from the running amount; floor at 0. */
  adjustments?: Adjustment[];
  /** 'limited' mode REQUIRES limits.perPaymentMaxFen; limits apply in every mode. */
  limits?: PricingLimits;
  /** Default ['subsidy','cash']; must be a permutation of a non-empty subset. */
  walletOrder?: WalletKind[];
}

export interface PricingMember {
  departmentIds: string[];
  tagIds: string[];
  identity?: string | null;
}

export interface LocalClock {
  /** 'YYYY-MM-DD' in the canteen's zone. */
  dateKey: string;
  /** 0..1439. */
  minuteOfDay: number;
  /** 1 = Monday .. 7 = Sunday. */
  isoWeekday: number;
}

export interface Balances {
  subsidyFen: number;
  cashFen: number;
  count: number;
}

/** Payments (not count redemptions' fen) already made today / in the current meal period. */
export interface SpentSoFar {
  dayFen: number;
  dayCount: number;
  mealFen: number;
  mealCount: number;
}

export interface PricingInput {
  stall: StallPricing;
  mealPeriods: MealPeriod[];
  member: PricingMember;
  clock: LocalClock;
  /** Entered amount for 'free' and 'limited'; ignored for fixed/count. */
  amountFen?: number;
  balances: Balances;
  spent: SpentSoFar;
}

/** One line of the explanation; formatExplain turns it into zh-CN or English. */
export interface ExplainStep {
  code: string;
  params: Record<string, string | number>;
}

export type PriceRefusal =
  | 'closed'
  | 'amount_required'
  | 'invalid_amount'
  | 'over_payment_max'
  | 'meal_limit'
  | 'day_limit'
  | 'meal_count_limit'
  | 'day_count_limit'
  | 'insufficient_balance'
  | 'insufficient_count'
  | 'invalid_config';

export type PriceQuote =
  | {
      ok: true;
      mode: PricingMode;
      mealPeriodId: string | null;
      listFen: Fen;
      adjustments: Array<{ id: string; label: string; deltaFen: number }>;
      payFen: Fen;
      count: number;
      split: { subsidyFen: Fen; cashFen: Fen; count: number };
      steps: ExplainStep[];
    }
  | { ok: false; reason: PriceRefusal; mealPeriodId: string | null; payFen?: Fen; steps: ExplainStep[] };

export const DEFAULT_WALLET_ORDER: readonly WalletKind[] = ['subsidy', 'cash'];
