// The canteen price of one payment, as a pure function of the stall's
// configuration, the member, the local clock, balances and what was already
// spent. The payment RPC re-checks the same rules in the database; this copy
// lets the console preview a price and the till explain a refusal.
import { addFen, fen, MoneyError, ZERO_FEN, type Fen } from '../money.ts';
import { inWindow, mealPeriodAt } from './clock.ts';
import { basisPointsOfFen } from './rounding.ts';
import { validateMealPeriods, validateStallPricing } from './schema.ts';
import { DEFAULT_WALLET_ORDER, type Adjustment, type AudienceMatch, type ExplainStep, type LocalClock, type PriceQuote, type PriceRefusal, type PricingInput, type PricingLimits, type PricingMember } from './types.ts';
import { splitPayment } from './wallet.ts';

/** True when the member is in the audience; an empty or omitted audience is everyone. */
export function audienceMatches(match: AudienceMatch | undefined, member: PricingMember): boolean {
  const departments = match?.departments ?? [];
  const tags = match?.tags ?? [];
  const identities = match?.identities ?? [];
  if (departments.length + tags.length + identities.length === 0) return true;
  return (
    departments.some((d) => member.departmentIds.includes(d)) ||
    tags.some((t) => member.tagIds.includes(t)) ||
    (member.identity != null && identities.includes(member.identity))
  );
}

/** Signed change one adjustment makes to the running amount; the result never goes below 0. */
function adjustmentDelta(a: Adjustment, running: Fen): number {
  const size = a.rateBp !== undefined ? basisPointsOfFen(running, a.rateBp) : fen(a.amountFen ?? 0);
  return a.kind === 'discount' ? -Math.min(size, running) : size;
}

function count(value: number, what: string): number {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${what} must be a non-negative integer: ${value}`);
  return value;
}

function assertClock(c: LocalClock): void {
  count(c.minuteOfDay, 'clock.minuteOfDay');
  if (c.minuteOfDay > 1439) throw new RangeError(`clock.minuteOfDay out of range: ${c.minuteOfDay}`);
  if (!Number.isInteger(c.isoWeekday) || c.isoWeekday < 1 || c.isoWeekday > 7) throw new RangeError(`clock.isoWeekday out of range: ${c.isoWeekday}`);
}

type LimitName = keyof PricingLimits;
interface LimitCheck {
  limit: LimitName;
  max: number | undefined;
  used: number;
  adding: number;
  reason: PriceRefusal;
}

/**
 * Quote one payment. Rules, in order, each leaving an ExplainStep:
 * 1 config valid; 2 an open window contains the clock; 3 meal period;
 * 4 list price (fixed price, entered amount, or tickets); 5 adjustments in
 * order, floored at 0; 6 limits; 7 wallets (or tickets).
 *
 * Bad configuration and bad entered amounts are refusals. Inputs the caller
 * derives itself (clock, balances, spent) throw when malformed: that is a
 * bug upstream, not a customer to turn away.
 */
export function priceQuote(input: PricingInput): PriceQuote {
  const steps: ExplainStep[] = [];
  let mealPeriodId: string | null = null;
  const refuse = (reason: PriceRefusal, payFen?: Fen): PriceQuote => {
    steps.push({ code: 'refused', params: { reason } });
    return payFen === undefined ? { ok: false, reason, mealPeriodId, steps } : { ok: false, reason, mealPeriodId, payFen, steps };
  };

  // 1. Configuration.
  const config = validateStallPricing(input.stall);
  const periods = validateMealPeriods(input.mealPeriods);
  if (!config.ok || !periods.ok) {
    const problems = [...(config.ok ? [] : config.problems), ...(periods.ok ? [] : periods.problems.map((p) => `mealPeriods.${p}`))];
    for (const problem of problems) steps.push({ code: 'config_problem', params: { problem } });
    return refuse('invalid_config');
  }
  const stall = config.value;
  const { clock, member, balances, spent } = input;
  assertClock(clock);
  const mealPeriod = mealPeriodAt(periods.value, clock);
  mealPeriodId = mealPeriod?.id ?? null;

  // 2. Opening hours.
  const windows = stall.openWindows ?? [];
  if (windows.length > 0) {
    const open = windows.find((w) => inWindow(w, clock));
    if (!open) return refuse('closed');
    steps.push({ code: 'open_window', params: { start: open.start, end: open.end } });
  }

  // 3. Meal period.
  steps.push(mealPeriod ? { code: 'meal_period', params: { id: mealPeriod.id, name: mealPeriod.name } } : { code: 'no_meal_period', params: {} });

  // 4. List price.
  const limits = stall.limits ?? {};
  let listFen: Fen = ZERO_FEN;
  let tickets = 0;
  if (stall.mode === 'fixed') {
    listFen = fen(stall.fixedFen ?? 0);
    steps.push({ code: 'list_price', params: { fen: listFen } });
  } else if (stall.mode === 'count') {
    tickets = stall.countPerUse ?? 1;
    steps.push({ code: 'count_price', params: { count: tickets } });
  } else {
    const amount: unknown = input.amountFen;
    if (amount === undefined || amount === null) return refuse('amount_required');
    if (typeof amount !== 'number' || !Number.isSafeInteger(amount) || amount <= 0) return refuse('invalid_amount');
    listFen = fen(amount);
    steps.push({ code: 'entered_amount', params: { fen: listFen } });
    if (limits.perPaymentMaxFen !== undefined) {
      steps.push({ code: 'limit_checked', params: { limit: 'perPaymentMaxFen', max: limits.perPaymentMaxFen, used: 0, adding: listFen } });
      if (listFen > limits.perPaymentMaxFen) return refuse('over_payment_max');
    }
  }

  // 5. Adjustments, in order, on the running amount (money modes only).
  const applied: Array<{ id: string; label: string; deltaFen: number }> = [];
  let payFen = listFen;
  if (stall.mode !== 'count') {
    for (const a of stall.adjustments ?? []) {
      if (!audienceMatches(a.match, member) || (a.window && !inWindow(a.window, clock))) continue;
      const deltaFen = adjustmentDelta(a, payFen);
      payFen = addFen(payFen, fen(deltaFen));
      applied.push({ id: a.id, label: a.label, deltaFen });
      steps.push({ code: 'adjustment', params: { id: a.id, label: a.label, deltaFen } });
    }
    steps.push({ code: 'pay_amount', params: { fen: payFen } });
  }
  const moneyPayFen = stall.mode === 'count' ? undefined : payFen;

  // 6. Limits. A premium can lift a payment over the per-payment cap, and a
  // fixed price is checked against it here. Money limits only bind a payment
  // that moves money: a zero payment (100% discount, tickets) cannot breach them.
  const checks: LimitCheck[] = [];
  if (stall.mode === 'fixed' || payFen > listFen) {
    checks.push({ limit: 'perPaymentMaxFen', max: limits.perPaymentMaxFen, used: 0, adding: payFen, reason: 'over_payment_max' });
  }
  if (payFen > 0) {
    checks.push({ limit: 'perDayFen', max: limits.perDayFen, used: fen(spent.dayFen), adding: payFen, reason: 'day_limit' });
    if (mealPeriod) checks.push({ limit: 'perMealFen', max: limits.perMealFen, used: fen(spent.mealFen), adding: payFen, reason: 'meal_limit' });
  }
  checks.push({ limit: 'perDayCount', max: limits.perDayCount, used: count(spent.dayCount, 'spent.dayCount'), adding: 1, reason: 'day_count_limit' });
  if (mealPeriod) {
    checks.push({ limit: 'perMealCount', max: limits.perMealCount, used: count(spent.mealCount, 'spent.mealCount'), adding: 1, reason: 'meal_count_limit' });
  }
  for (const c of checks) {
    if (c.max === undefined) continue;
    steps.push({ code: 'limit_checked', params: { limit: c.limit, max: c.max, used: c.used, adding: c.adding } });
    const total = c.used + c.adding;
    if (!Number.isSafeInteger(total)) throw new MoneyError(`${c.limit}: spent + payment overflows the safe integer range`);
    if (total > c.max) return refuse(c.reason, moneyPayFen);
  }

  // 7. Tickets or wallets.
  if (stall.mode === 'count') {
    const available = count(balances.count, 'balances.count');
    if (available < tickets) {
      steps.push({ code: 'count_short', params: { need: tickets, available } });
      return refuse('insufficient_count');
    }
    steps.push({ code: 'tickets', params: { count: tickets } });
    return { ok: true, mode: stall.mode, mealPeriodId, listFen, adjustments: applied, payFen, count: tickets, split: { subsidyFen: ZERO_FEN, cashFen: ZERO_FEN, count: tickets }, steps };
  }
  const order = stall.walletOrder ?? [...DEFAULT_WALLET_ORDER];
  const split = splitPayment(payFen, balances, order);
  if (!split) {
    const availableFen = order.reduce((sum, w) => sum + Math.max(0, w === 'subsidy' ? balances.subsidyFen : balances.cashFen), 0);
    steps.push({ code: 'balance_short', params: { needFen: payFen, availableFen } });
    return refuse('insufficient_balance', payFen);
  }
  for (const w of order) {
    const part = w === 'subsidy' ? split.subsidyFen : split.cashFen;
    if (part > 0) steps.push({ code: 'wallet', params: { wallet: w, fen: part } });
  }
  return { ok: true, mode: stall.mode, mealPeriodId, listFen, adjustments: applied, payFen, count: 0, split: { ...split, count: 0 }, steps };
}
