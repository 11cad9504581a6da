// Percentages of money, in integer arithmetic only. A rate is basis points
// (1 bp = 0.01%); the result is rounded half-up to the fen, which is the
// rule the canteen posts ("满5厘进1分"), and is the same in SQL:
// (amount * bp + 5000) / 10000 with integer division.
import { fen, MoneyError, type Fen } from '../money.ts';

export const BP_PER_WHOLE = 10_000;

/**
 * amount * bp / 10000 rounded half-up to the fen, for amount >= 0 and bp >= 0.
 * Throws MoneyError when an operand is not a non-negative safe integer or the
 * intermediate product leaves the safe-integer range (it would then be inexact).
 */
export function basisPointsOfFen(amount: number, bp: number): Fen {
  if (!Number.isSafeInteger(amount) || amount < 0) throw new MoneyError(`not a non-negative amount of fen: ${amount}`);
  if (!Number.isSafeInteger(bp) || bp < 0) throw new MoneyError(`not a non-negative rate in basis points: ${bp}`);
  const scaled = amount * bp + BP_PER_WHOLE / 2;
  if (!Number.isSafeInteger(scaled)) throw new MoneyError(`amount × rate overflows the safe integer range: ${amount} × ${bp}bp`);
  // Exact integer division: subtract the remainder first so the quotient is
  // an exact multiple, never a float that might round up across an integer.
  return fen((scaled - (scaled % BP_PER_WHOLE)) / BP_PER_WHOLE);
}
