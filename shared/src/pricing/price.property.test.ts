// Property-style check: a few thousand generated inputs from a seeded PRNG
// (so a failure reproduces), asserting what must hold for every quote.
import { describe, expect, it } from 'vitest';
import { EXPLAIN_CATALOGUE } from './explain.ts';
import { audienceMatches, priceQuote } from './price.ts';
import { inWindow } from './clock.ts';
import type { Adjustment, PricingInput, StallPricing, TimeWindow, WalletKind } from './types.ts';

/** mulberry32: tiny, fast, good enough for test inputs. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const chance = (p: number) => next() < p;
  const pick = <T,>(xs: readonly T[]): T => xs[int(0, xs.length - 1)]!;
  return { int, chance, pick };
}
type Rng = ReturnType<typeof prng>;

const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
function window(r: Rng): TimeWindow {
  const start = r.int(0, 1380);
  const end = r.int(start + 1, 1440);
  return { start: hhmm(start), end: hhmm(end), ...(r.chance(0.4) ? { days: [...new Set([r.int(1, 7), r.int(1, 7), r.int(1, 7)])] } : {}) };
}
const DEPTS = ['d1', 'd2', 'd3'];
const TAGS = ['t1', 't2'];
const IDS = ['teacher', 'student'];
function adjustment(r: Rng, i: number): Adjustment {
  const kind = r.pick(['discount', 'premium'] as const);
  const size = r.chance(0.5) ? { rateBp: r.int(1, kind === 'discount' ? 10_000 : 20_000) } : { amountFen: r.int(1, 3000) };
  const match = r.chance(0.5) ? { departments: DEPTS.filter(() => r.chance(0.3)), tags: TAGS.filter(() => r.chance(0.3)), identities: IDS.filter(() => r.chance(0.3)) } : undefined;
  return { id: `a${i}`, label: `调整${i}`, kind, ...size, ...(match ? { match } : {}), ...(r.chance(0.3) ? { window: window(r) } : {}) };
}
function stall(r: Rng): StallPricing {
  const mode = r.pick(['fixed', 'free', 'count', 'limited'] as const);
  const limits: StallPricing['limits'] = {};
  if (mode === 'limited' || r.chance(0.3)) limits.perPaymentMaxFen = r.int(1, 5000);
  if (r.chance(0.3)) limits.perDayFen = r.int(1, 20_000);
  if (r.chance(0.3)) limits.perMealFen = r.int(1, 8000);
  if (r.chance(0.3)) limits.perDayCount = r.int(1, 6);
  if (r.chance(0.3)) limits.perMealCount = r.int(1, 3);
  const orders: WalletKind[][] = [['subsidy', 'cash'], ['cash', 'subsidy'], ['subsidy'], ['cash']];
  return {
    mode,
    ...(mode === 'fixed' ? { fixedFen: r.int(1, 5000) } : {}),
    ...(mode === 'count' && r.chance(0.5) ? { countPerUse: r.int(1, 3) } : {}),
    ...(r.chance(0.3) ? { openWindows: Array.from({ length: r.int(0, 2) }, () => window(r)) } : {}),
    ...(r.chance(0.6) ? { adjustments: Array.from({ length: r.int(1, 4) }, (_, i) => adjustment(r, i)) } : {}),
    limits,
    ...(r.chance(0.5) ? { walletOrder: r.pick(orders) } : {}),
  };
}
function generate(r: Rng): PricingInput {
  return {
    stall: stall(r),
    mealPeriods: [{ id: 'b', name: '早餐', start: '06:30', end: '09:00' }, { id: 'l', name: '午餐', start: '11:00', end: '13:30' }, { id: 'd', name: '晚餐', start: '17:00', end: '19:30' }],
    member: { departmentIds: DEPTS.filter(() => r.chance(0.4)), tagIds: TAGS.filter(() => r.chance(0.4)), identity: r.chance(0.7) ? r.pick(IDS) : null },
    clock: { dateKey: '2026-11-25', minuteOfDay: r.int(0, 1439), isoWeekday: r.int(1, 7) },
    ...(r.chance(0.9) ? { amountFen: r.chance(0.05) ? r.pick([0, -5, 1.5]) : r.int(1, 6000) } : {}),
    balances: { subsidyFen: r.int(0, 3) === 0 ? 0 : r.int(0, 6000), cashFen: r.int(0, 3) === 0 ? 0 : r.int(0, 6000), count: r.int(0, 4) },
    spent: { dayFen: r.int(0, 15_000), dayCount: r.int(0, 6), mealFen: r.int(0, 6000), mealCount: r.int(0, 3) },
  };
}

/** Independent BigInt re-computation of the adjusted amount. */
function expectedPay(input: PricingInput, list: number): bigint {
  let running = BigInt(list);
  for (const a of input.stall.adjustments ?? []) {
    if (!audienceMatches(a.match, input.member) || (a.window && !inWindow(a.window, input.clock))) continue;
    const size = a.rateBp !== undefined ? (running * BigInt(a.rateBp) + 5000n) / 10000n : BigInt(a.amountFen!);
    running = a.kind === 'discount' ? (size > running ? 0n : running - size) : running + size;
  }
  return running;
}

describe('priceQuote invariants over generated inputs', () => {
  const N = 5000;
  it(`holds for ${N} seeded inputs`, () => {
    const r = prng(20261125);
    const seen = new Map<string, number>();
    for (let n = 0; n < N; n++) {
      const input = generate(r);
      const q = priceQuote(input);
      const label = JSON.stringify(input);
      seen.set(q.ok ? `ok:${q.mode}` : q.reason, (seen.get(q.ok ? `ok:${q.mode}` : q.reason) ?? 0) + 1);
      expect(priceQuote(input), label).toEqual(q); // deterministic, no hidden state
      expect(q.steps.every((s) => s.code in EXPLAIN_CATALOGUE), label).toBe(true);
      expect(q.steps.at(-1)?.code === 'refused', label).toBe(!q.ok);
      if (!q.ok) {
        if (q.payFen !== undefined) expect(Number.isSafeInteger(q.payFen) && q.payFen >= 0, label).toBe(true);
        if (q.reason === 'insufficient_balance') {
          const order = input.stall.walletOrder ?? ['subsidy', 'cash'];
          const available = (order.includes('subsidy') ? input.balances.subsidyFen : 0) + (order.includes('cash') ? input.balances.cashFen : 0);
          expect(q.payFen! > available, label).toBe(true);
        }
        continue;
      }
      for (const v of [q.listFen, q.payFen, q.count, q.split.subsidyFen, q.split.cashFen, q.split.count, ...q.adjustments.map((a) => a.deltaFen)]) {
        expect(Number.isSafeInteger(v), label).toBe(true);
      }
      expect(q.payFen, label).toBeGreaterThanOrEqual(0);
      expect(q.split.subsidyFen + q.split.cashFen, label).toBe(q.payFen);
      expect(q.split.subsidyFen, label).toBeLessThanOrEqual(input.balances.subsidyFen);
      expect(q.split.cashFen, label).toBeLessThanOrEqual(input.balances.cashFen);
      expect(q.split.subsidyFen >= 0 && q.split.cashFen >= 0, label).toBe(true);
      const order = input.stall.walletOrder ?? ['subsidy', 'cash'];
      if (!order.includes('subsidy')) expect(q.split.subsidyFen, label).toBe(0);
      if (!order.includes('cash')) expect(q.split.cashFen, label).toBe(0);
      // The first wallet in the order is drained before the second is touched.
      const [first, second] = order;
      if (second && (second === 'cash' ? q.split.cashFen : q.split.subsidyFen) > 0) {
        expect(first === 'cash' ? q.split.cashFen : q.split.subsidyFen, label).toBe(first === 'cash' ? input.balances.cashFen : input.balances.subsidyFen);
      }
      expect(q.listFen + q.adjustments.reduce((s, a) => s + a.deltaFen, 0), label).toBe(q.payFen);
      const limits = input.stall.limits ?? {};
      if (q.mode === 'count') {
        expect(q.payFen, label).toBe(0);
        expect(q.split.count, label).toBe(q.count);
        expect(q.count, label).toBeLessThanOrEqual(input.balances.count);
      } else {
        expect(BigInt(q.payFen), label).toBe(expectedPay(input, q.listFen));
        if (q.mode === 'fixed') expect(q.listFen, label).toBe(input.stall.fixedFen);
        else expect(q.listFen, label).toBe(input.amountFen);
        if (limits.perPaymentMaxFen !== undefined) expect(q.payFen, label).toBeLessThanOrEqual(limits.perPaymentMaxFen);
        if (limits.perDayFen !== undefined && q.payFen > 0) expect(input.spent.dayFen + q.payFen, label).toBeLessThanOrEqual(limits.perDayFen);
        if (limits.perMealFen !== undefined && q.payFen > 0 && q.mealPeriodId) expect(input.spent.mealFen + q.payFen, label).toBeLessThanOrEqual(limits.perMealFen);
      }
      if (limits.perDayCount !== undefined) expect(input.spent.dayCount + 1, label).toBeLessThanOrEqual(limits.perDayCount);
      if (limits.perMealCount !== undefined && q.mealPeriodId) expect(input.spent.mealCount + 1, label).toBeLessThanOrEqual(limits.perMealCount);
    }
    // The generator must reach every outcome, or the invariants prove little.
    for (const outcome of ['ok:fixed', 'ok:free', 'ok:count', 'ok:limited', 'closed', 'amount_required', 'invalid_amount', 'over_payment_max', 'day_limit', 'meal_limit', 'day_count_limit', 'meal_count_limit', 'insufficient_balance', 'insufficient_count']) {
      expect(seen.get(outcome) ?? 0, `${outcome} in ${JSON.stringify(Object.fromEntries(seen))}`).toBeGreaterThan(10);
    }
  });
});
