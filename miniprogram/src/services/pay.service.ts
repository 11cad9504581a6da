// 扫码付款: the member scans a stall's collection code (yima:stall:<uuid>),
// asks pay for a quote (GET, nothing booked), and confirms (POST). Each
// confirmation gets a fresh request_id; only the automatic retry after a
// network error sends the same one again, so a payment that went through but
// whose answer was lost is answered from the ledger (replayed) instead of
// being charged twice.
import { requestIdFrom } from '../lib/payment';
import { secureRandomBytes } from '../platform/random';
import { malformed } from './auth-api';
import { callFunction, functionPath, parseBalances, parsePaymentResult, withNetworkRetry, type PaymentResult, type RetryOptions, type WalletBalances } from './payment-api';

export type { PaymentResult } from './payment-api';

export interface PayQuote {
  stall: { id: string; name: string; merchantName: string; active: boolean };
  ok: boolean;
  mode: string | null;
  /** A refusal reason when !ok (closed, amount_required, day_limit, insufficient_balance...). */
  reason: string | null;
  payFen: number | null;
  listFen: number | null;
  adjustments: Array<{ label: string; deltaFen: number }>;
  split: { subsidyFen: number; cashFen: number; count: number } | null;
  count: number;
  /** The zh-CN explanation lines. */
  explain: string[];
  balances: WalletBalances | null;
}

const int = (value: unknown): number | null => (typeof value === 'number' && Number.isSafeInteger(value) ? value : null);

export function parseQuote(body: unknown): PayQuote {
  const v = (body ?? {}) as Record<string, unknown>;
  const stall = v.stall as Record<string, unknown> | undefined;
  const quote = v.quote as Record<string, unknown> | undefined;
  if (!stall || typeof stall.id !== 'string' || !quote || typeof quote.ok !== 'boolean') throw malformed('pay GET: missing stall or quote');
  const split = quote.split as Record<string, unknown> | undefined;
  const explain = (v.explain as Record<string, unknown> | undefined)?.['zh-CN'];
  return {
    stall: { id: stall.id, name: String(stall.name ?? ''), merchantName: String(stall.merchant_name ?? ''), active: stall.active !== false },
    ok: quote.ok,
    mode: typeof quote.mode === 'string' ? quote.mode : null,
    reason: typeof quote.reason === 'string' ? quote.reason : null,
    payFen: int(quote.payFen),
    listFen: int(quote.listFen),
    adjustments: Array.isArray(quote.adjustments)
      ? quote.adjustments.map((a: Record<string, unknown>) => ({ label: String(a?.label ?? ''), deltaFen: int(a?.deltaFen) ?? 0 }))
      : [],
    split: split ? { subsidyFen: int(split.subsidyFen) ?? 0, cashFen: int(split.cashFen) ?? 0, count: int(split.count) ?? 0 } : null,
    count: int(quote.count) ?? 0,
    explain: Array.isArray(explain) ? explain.filter((line): line is string => typeof line === 'string') : [],
    balances: parseBalances(v.balances),
  };
}

function checkAmount(amountFen: number | undefined): void {
  if (amountFen !== undefined && (!Number.isSafeInteger(amountFen) || amountFen <= 0)) {
    throw new RangeError(`amount must be a positive integer of fen: ${amountFen}`);
  }
}

/** A fresh request id; the phone's secure random source (crypto / wx.getRandomValues). */
export async function newRequestId(): Promise<string> {
  return requestIdFrom(await secureRandomBytes(16));
}

export const payService = {
  /** GET pay?stall_id=&amount_fen=: the stall, the price and why, my balances. */
  async quote(stallId: string, amountFen?: number): Promise<PayQuote> {
    checkAmount(amountFen);
    return parseQuote(await callFunction(functionPath('pay', { stall_id: stallId, amount_fen: amountFen }), 'GET'));
  },

  /**
   * POST pay {stall_id, amount_fen?, request_id}: one confirmation. The
   * request id is made here, once; a network failure is retried with it.
   */
  async pay(input: { stallId: string; amountFen?: number }, options?: RetryOptions): Promise<PaymentResult> {
    checkAmount(input.amountFen);
    const requestId = await newRequestId();
    const body: Record<string, unknown> = { stall_id: input.stallId, request_id: requestId };
    if (input.amountFen !== undefined) body.amount_fen = input.amountFen;
    return withNetworkRetry(async () => parsePaymentResult(await callFunction('pay', 'POST', body)), options);
  },
};

export type PayService = typeof payService;
