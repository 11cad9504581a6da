// Which wallet pays how much. Subsidy (补贴) normally goes first because it
// can expire; a stall may change the order or leave a wallet out entirely.
import { fen, MoneyError, type Fen } from '../money.ts';
import type { Balances, WalletKind } from './types.ts';

const WALLETS: readonly WalletKind[] = ['subsidy', 'cash'];

/** Throws RangeError unless order is a permutation of a non-empty subset of the wallets. */
export function assertWalletOrder(order: readonly WalletKind[]): void {
  if (order.length === 0 || new Set(order).size !== order.length || !order.every((w) => WALLETS.includes(w))) {
    throw new RangeError(`wallet order must be a non-empty list of distinct wallets: ${JSON.stringify(order)}`);
  }
}

/**
 * Take payFen from the wallets in order, each as far as its balance goes.
 * Returns null when the listed wallets together hold too little (a negative
 * balance counts as empty). Throws MoneyError on a non-integer or negative
 * payFen or a non-integer balance.
 */
export function splitPayment(payFen: number, balances: Balances, order: WalletKind[]): { subsidyFen: Fen; cashFen: Fen } | null {
  let remaining: number = fen(payFen);
  if (remaining < 0) throw new MoneyError(`payment must not be negative: ${payFen}`);
  assertWalletOrder(order);
  const available = { subsidy: fen(balances.subsidyFen), cash: fen(balances.cashFen) };
  const taken = { subsidy: 0, cash: 0 };
  for (const w of order) {
    const take = Math.min(Math.max(available[w], 0), remaining);
    taken[w] = take;
    remaining -= take;
  }
  return remaining === 0 ? { subsidyFen: fen(taken.subsidy), cashFen: fen(taken.cash) } : null;
}
