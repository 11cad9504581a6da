/**
 * Per-seat yearly subscriptions (计费说明), in integer fen: the price of a
 * term, what adding seats mid-term costs, and the prorated refund when a
 * subscription is cancelled early. Days are whole calendar days (UTC dates);
 * refunds round down and charges round up, so rounding never costs the
 * customer more or refunds more than was paid.
 */
import { type Fen, MoneyError, fen } from '../money.ts';

export const DEFAULT_SEAT_PRICE_FEN = fen(3000); // ¥30 per person per year

export interface SubscriptionTerm {
  seats: number;
  /** Price of one seat for the whole term, fen. */
  pricePerSeatFen: number;
  /** 'YYYY-MM-DD', inclusive. */
  startsOn: string;
  /** 'YYYY-MM-DD', exclusive (a one-year term from 2026-01-01 ends 2027-01-01). */
  endsOn: string;
}

const DAY_MS = 86_400_000;
function dayNumber(date: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new RangeError(`not a date: ${date}`);
  const ms = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== date) throw new RangeError(`not a date: ${date}`);
  return ms / DAY_MS;
}

function checkTerm(t: SubscriptionTerm): void {
  if (!Number.isSafeInteger(t.seats) || t.seats < 1) throw new MoneyError(`seats must be a positive whole number: ${t.seats}`);
  fen(t.pricePerSeatFen);
  if (t.pricePerSeatFen < 0) throw new MoneyError('the seat price cannot be negative');
  if (dayNumber(t.endsOn) <= dayNumber(t.startsOn)) throw new RangeError('a term must end after it starts');
}

export function termDays(t: Pick<SubscriptionTerm, 'startsOn' | 'endsOn'>): number {
  return dayNumber(t.endsOn) - dayNumber(t.startsOn);
}

/** seats × price for the whole term. */
export function termPriceFen(t: SubscriptionTerm): Fen {
  checkTerm(t);
  return fen(Number(BigInt(t.seats) * BigInt(t.pricePerSeatFen)));
}

export interface ProratedRefund {
  termDays: number;
  usedDays: number;
  remainingDays: number;
  paidFen: Fen;
  refundFen: Fen;
}

/**
 * Cancelling on `cancelOn` (that day counts as used when it is inside the
 * term): refund = floor(paid × remaining days / term days). Before the term
 * starts everything is refunded; after it ends, nothing.
 */
export function proratedRefund(t: SubscriptionTerm, cancelOn: string): ProratedRefund {
  const paid = termPriceFen(t);
  const total = termDays(t);
  const start = dayNumber(t.startsOn);
  const cancel = dayNumber(cancelOn);
  const used = Math.min(total, Math.max(0, cancel - start + (cancel >= start ? 1 : 0)));
  const remaining = total - used;
  const refund = Number((BigInt(paid) * BigInt(remaining)) / BigInt(total));
  return { termDays: total, usedDays: used, remainingDays: remaining, paidFen: paid, refundFen: fen(refund) };
}

/** Adding seats on `addOn` for the rest of the term: ceil(extra × price × remaining days / term days). */
export function addSeatsChargeFen(t: SubscriptionTerm, extraSeats: number, addOn: string): Fen {
  checkTerm(t);
  if (!Number.isSafeInteger(extraSeats) || extraSeats < 1) throw new MoneyError(`extra seats must be a positive whole number: ${extraSeats}`);
  const total = BigInt(termDays(t));
  const remaining = BigInt(Math.min(termDays(t), Math.max(0, dayNumber(t.endsOn) - dayNumber(addOn))));
  const numerator = BigInt(extraSeats) * BigInt(t.pricePerSeatFen) * remaining;
  return fen(Number((numerator + total - 1n) / total));
}

/** The next term after `t` (same length in years, same seats and price unless given). */
export function renewalTerm(t: SubscriptionTerm, opts: { years?: number; seats?: number; pricePerSeatFen?: number } = {}): SubscriptionTerm {
  checkTerm(t);
  const years = opts.years ?? 1;
  if (!Number.isInteger(years) || years < 1 || years > 10) throw new RangeError('renew for 1-10 years');
  const start = new Date(`${t.endsOn}T00:00:00Z`);
  const end = new Date(start);
  end.setUTCFullYear(end.getUTCFullYear() + years);
  return {
    seats: opts.seats ?? t.seats,
    pricePerSeatFen: opts.pricePerSeatFen ?? t.pricePerSeatFen,
    startsOn: t.endsOn,
    endsOn: end.toISOString().slice(0, 10),
  };
}
