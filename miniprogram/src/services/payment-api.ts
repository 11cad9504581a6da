// Calls to the payment edge functions (pay, pos-charge, wallet-topup) as the
// signed-in user, and the balances / payment result shapes they return.
import { invokeFunction, malformed } from './auth-api';
import { getRuntimeConfig } from './config.service';
import { AppError } from './errors';
import { getSupabase } from './supabase.client';

export interface WalletBalances {
  subsidyFen: number;
  cashFen: number;
  count: number;
}

export interface PaymentResult {
  transactionId: string;
  replayed: boolean;
  stallName: string | null;
  merchantName: string | null;
  memberName: string | null;
  amountFen: number;
  listFen: number;
  adjustments: Array<{ label: string; deltaFen: number }>;
  paid: { subsidyFen: number; cashFen: number; count: number; overdraftFen: number };
  /** Missing on a replayed answer (the first result is read back from the ledger). */
  balances: WalletBalances | null;
  createdAt: string | null;
}

/** `name?a=1&b=2`, empty values left out. */
export function functionPath(name: string, query?: Record<string, string | number | undefined>): string {
  const parts = Object.entries(query ?? {})
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined && entry[1] !== '')
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
  return parts.length ? `${name}?${parts.join('&')}` : name;
}

export async function callFunction(path: string, method: 'GET' | 'POST', body?: Record<string, unknown>): Promise<unknown> {
  const [supabase, config] = await Promise.all([getSupabase(), getRuntimeConfig()]);
  return invokeFunction(supabase, config.anonKey, path, { auth: 'user', method, ...(body ? { body } : {}) });
}

const int = (value: unknown): number | null => {
  const n = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
  return typeof n === 'number' && Number.isSafeInteger(n) ? n : null;
};
const intOr0 = (value: unknown): number => int(value) ?? 0;
const str = (value: unknown): string | null => (typeof value === 'string' && value ? value : null);

export function parseBalances(value: unknown): WalletBalances | null {
  const v = value as Record<string, unknown> | null | undefined;
  if (!v || typeof v !== 'object') return null;
  return { subsidyFen: intOr0(v.subsidy_fen), cashFen: intOr0(v.cash_fen), count: intOr0(v.count) };
}

/** pay POST / pos-charge: `{transaction_id, replayed, stall, member, amount_fen, list_fen, adjustments, paid, balances, created_at}`. */
export function parsePaymentResult(body: unknown): PaymentResult {
  const v = (body ?? {}) as Record<string, unknown>;
  const amountFen = int(v.amount_fen);
  if (!str(v.transaction_id) || amountFen === null) throw malformed('payment: missing transaction_id or amount_fen');
  const stall = (v.stall ?? null) as Record<string, unknown> | null;
  const member = (v.member ?? null) as Record<string, unknown> | null;
  const paid = (v.paid ?? {}) as Record<string, unknown>;
  return {
    transactionId: v.transaction_id as string,
    replayed: v.replayed === true,
    stallName: str(stall?.name),
    merchantName: str(stall?.merchant_name),
    memberName: str(member?.name),
    amountFen,
    listFen: int(v.list_fen) ?? amountFen,
    adjustments: Array.isArray(v.adjustments)
      ? v.adjustments.map((a: Record<string, unknown>) => ({ label: String(a?.label ?? ''), deltaFen: intOr0(a?.deltaFen) }))
      : [],
    paid: { subsidyFen: intOr0(paid.subsidy_fen), cashFen: intOr0(paid.cash_fen), count: intOr0(paid.count), overdraftFen: intOr0(paid.overdraft_fen) },
    balances: parseBalances(v.balances),
    createdAt: str(v.created_at),
  };
}

export interface RetryOptions {
  /** Automatic retries after a network error (same request). */
  retries?: number;
  retryDelayMs?: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `attempt` again (unchanged: same body, same request id) only when it
 * failed with a network error; anything the server answered is final.
 */
export async function withNetworkRetry<T>(attempt: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const retries = options.retries ?? 2;
  const delay = options.retryDelayMs ?? 800;
  for (let tries = 0; ; tries += 1) {
    try {
      return await attempt();
    } catch (error) {
      const network = error instanceof AppError && error.kind === 'network';
      if (!network || tries >= retries) throw error;
      if (delay > 0) await sleep(delay);
    }
  }
}
