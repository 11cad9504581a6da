// Splitting a refund back to the wallets a payment came from. Cash goes back
// first and subsidy last: subsidy can expire, cash cannot, so when a refund
// is partial the member keeps the money that lasts.
import { fen, MoneyError, type Fen } from '../money.ts';

interface WalletAmounts {
  subsidyFen: number;
  cashFen: number;
}

function nonNegative(value: number, what: string): Fen {
  const v = fen(value);
  if (v < 0) throw new MoneyError(`${what} must not be negative: ${value}`);
  return v;
}

/**
 * Partial/full refund of a payment that took {subsidyFen, cashFen}: returns
 * the refund split back to the source wallets, cash first then subsidy, never
 * more than each took. alreadyRefunded = what earlier refunds returned per
 * wallet. Throws MoneyError when refundFen <= 0 or > remaining refundable,
 * or when any amount is not a non-negative safe integer.
 */
export function splitRefund(paid: WalletAmounts, alreadyRefunded: WalletAmounts, refundFen: number): { subsidyFen: Fen; cashFen: Fen } {
  const refund = fen(refundFen);
  if (refund <= 0) throw new MoneyError(`refund must be positive: ${refundFen}`);
  const left = {
    cash: nonNegative(paid.cashFen, 'paid cash') - nonNegative(alreadyRefunded.cashFen, 'refunded cash'),
    subsidy: nonNegative(paid.subsidyFen, 'paid subsidy') - nonNegative(alreadyRefunded.subsidyFen, 'refunded subsidy'),
  };
  if (left.cash < 0 || left.subsidy < 0) throw new MoneyError('earlier refunds exceed what the payment took');
  if (refund > left.cash + left.subsidy) {
    throw new MoneyError(`refund ${refund} exceeds the refundable ${left.cash + left.subsidy}`);
  }
  const cashFen = Math.min(refund, left.cash);
  return { subsidyFen: fen(refund - cashFen), cashFen: fen(cashFen) };
}
