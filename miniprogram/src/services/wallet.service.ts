// 钱包: the member's own balances (their three wallet rows in ledger_accounts),
// their ledger history (ledger_transactions, newest first, paged), and
// top-ups (wallet-topup: WeChat Pay JSAPI, or the local console channel).
// RLS also shows payment admins and merchant operators other rows, so every
// query names the member explicitly.
import { malformed } from './auth-api';
import { fromPostgrestError } from './errors';
import { callFunction, functionPath, parseBalances, type WalletBalances } from './payment-api';
import { getSupabase } from './supabase.client';

export type { WalletBalances } from './payment-api';

export interface MemberRef {
  orgId: string;
  memberId: string;
}

export interface LedgerTx {
  id: string;
  kind: string;
  amountFen: number;
  subsidyFen: number;
  cashFen: number;
  count: number;
  reason: string | null;
  stallName: string | null;
  merchantName: string | null;
  createdAt: string;
}

export interface HistoryPage {
  items: LedgerTx[];
  hasMore: boolean;
}

export interface WechatPayParams {
  timeStamp: string;
  nonceStr: string;
  package: string;
  signType: string;
  paySign: string;
}

export type TopupStart =
  | { channel: 'wechatpay'; orderId: string; outTradeNo: string; payParams: WechatPayParams }
  | { channel: 'console'; orderId: string | null; outTradeNo: string | null; status: 'paid'; balances: WalletBalances | null };

export interface TopupStatus {
  outTradeNo: string;
  status: string;
  amountFen: number;
  balances: WalletBalances | null;
}

export const HISTORY_PAGE_SIZE = 20;

const num = (value: unknown): number => {
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isSafeInteger(n) ? n : 0;
};
const one = <T,>(value: T | T[] | null | undefined): T | null => (Array.isArray(value) ? (value[0] ?? null) : (value ?? null));

interface TxRow {
  id: string;
  kind: string;
  amount_fen: number;
  subsidy_fen: number;
  cash_fen: number;
  count: number;
  reason: string | null;
  created_at: string;
  stall: { name: string } | { name: string }[] | null;
  merchant: { name: string } | { name: string }[] | null;
}

export function parseTopupStart(body: unknown): TopupStart {
  const v = (body ?? {}) as Record<string, unknown>;
  if (v.channel === 'console') {
    return {
      channel: 'console',
      orderId: typeof v.order_id === 'string' ? v.order_id : null,
      outTradeNo: typeof v.out_trade_no === 'string' ? v.out_trade_no : null,
      status: 'paid',
      balances: parseBalances(v.balances),
    };
  }
  const p = v.pay_params as Record<string, unknown> | undefined;
  if (
    v.channel !== 'wechatpay' ||
    typeof v.out_trade_no !== 'string' ||
    !p ||
    !['timeStamp', 'nonceStr', 'package', 'signType', 'paySign'].every((key) => typeof p[key] === 'string')
  ) {
    throw malformed('wallet-topup: neither a console answer nor wechatpay with out_trade_no and pay_params');
  }
  return {
    channel: 'wechatpay',
    orderId: typeof v.order_id === 'string' ? v.order_id : '',
    outTradeNo: v.out_trade_no,
    payParams: {
      timeStamp: p.timeStamp as string,
      nonceStr: p.nonceStr as string,
      package: p.package as string,
      signType: p.signType as string,
      paySign: p.paySign as string,
    },
  };
}

export function parseTopupStatus(body: unknown): TopupStatus {
  const v = (body ?? {}) as Record<string, unknown>;
  if (typeof v.out_trade_no !== 'string' || typeof v.status !== 'string') throw malformed('wallet-topup GET: missing out_trade_no or status');
  return { outTradeNo: v.out_trade_no, status: v.status, amountFen: num(v.amount_fen), balances: parseBalances(v.balances) };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export const walletService = {
  /** My three wallets; a wallet without a row yet is 0. */
  async balances(me: MemberRef): Promise<WalletBalances> {
    const supabase = await getSupabase();
    const { data, error, status } = await supabase
      .from('ledger_accounts')
      .select('wallet, balance')
      .eq('org_id', me.orgId)
      .eq('member_id', me.memberId)
      .eq('kind', 'wallet');
    if (error) throw fromPostgrestError(error, status);
    const rows = (data ?? []) as Array<{ wallet: string; balance: number | string }>;
    const of = (wallet: string) => num(rows.find((row) => row.wallet === wallet)?.balance);
    return { subsidyFen: of('subsidy'), cashFen: of('cash'), count: of('count') };
  },

  /** One page of my ledger, newest first (page 0 is the newest). */
  async history(me: MemberRef, page = 0, pageSize = HISTORY_PAGE_SIZE): Promise<HistoryPage> {
    const supabase = await getSupabase();
    const from = page * pageSize;
    // One row more than a page tells whether there is a next one.
    const { data, error, status } = await supabase
      .from('ledger_transactions')
      .select('id, kind, amount_fen, subsidy_fen, cash_fen, count, reason, created_at, stall:stalls(name), merchant:merchants(name)')
      .eq('org_id', me.orgId)
      .eq('member_id', me.memberId)
      .order('created_at', { ascending: false })
      .order('id', { ascending: false })
      .range(from, from + pageSize);
    if (error) throw fromPostgrestError(error, status);
    const rows = (data ?? []) as unknown as TxRow[];
    return {
      hasMore: rows.length > pageSize,
      items: rows.slice(0, pageSize).map((row) => ({
        id: row.id,
        kind: row.kind,
        amountFen: num(row.amount_fen),
        subsidyFen: num(row.subsidy_fen),
        cashFen: num(row.cash_fen),
        count: num(row.count),
        reason: row.reason ?? null,
        stallName: one(row.stall)?.name ?? null,
        merchantName: one(row.merchant)?.name ?? null,
        createdAt: row.created_at,
      })),
    };
  },

  /** POST wallet-topup {amount_fen}: integer fen only. */
  async startTopup(amountFen: number): Promise<TopupStart> {
    if (!Number.isSafeInteger(amountFen) || amountFen <= 0) throw new RangeError(`top-up amount must be a positive integer of fen: ${amountFen}`);
    return parseTopupStart(await callFunction('wallet-topup', 'POST', { amount_fen: amountFen }));
  },

  /** GET wallet-topup?out_trade_no= */
  async topupStatus(outTradeNo: string): Promise<TopupStatus> {
    return parseTopupStatus(await callFunction(functionPath('wallet-topup', { out_trade_no: outTradeNo }), 'GET'));
  },

  /**
   * After WeChat Pay's sheet closed with success: asks a few times until the
   * order is paid (the wallet is credited by the verified callback or the
   * server's order query, not by the phone). Returns the last status seen.
   */
  async waitForTopup(outTradeNo: string, options: { tries?: number; intervalMs?: number } = {}): Promise<TopupStatus> {
    const tries = Math.max(1, options.tries ?? 5);
    const interval = options.intervalMs ?? 1500;
    let last: TopupStatus | null = null;
    for (let i = 0; i < tries; i += 1) {
      if (i > 0 && interval > 0) await sleep(interval);
      last = await walletService.topupStatus(outTradeNo);
      if (last.status === 'paid') return last;
    }
    return last!;
  },
};

export type WalletService = typeof walletService;
