// 商户收款 for merchant operators (merchant_operators rows of the signed-in
// member): their merchants and stalls, charging a payer's dynamic code at a
// stall (pos-charge; the code itself is the idempotency key, so a network
// retry re-sends the same body), and today's takings
// (payment_settlement_report for one merchant).
import { fromPostgrestError } from './errors';
import { callFunction, parsePaymentResult, withNetworkRetry, type PaymentResult, type RetryOptions } from './payment-api';
import { getSupabase } from './supabase.client';

export interface MemberRef {
  orgId: string;
  memberId: string;
}

export interface OperatedMerchant {
  id: string;
  name: string;
}

export interface OperatedStall {
  id: string;
  name: string;
  merchantId: string;
  /** fixed | free | count | limited (free and limited need an amount). */
  mode: string | null;
}

export interface SettlementRow {
  merchantId: string;
  merchantName: string;
  payments: number;
  paymentFen: number;
  refunds: number;
  refundFen: number;
  netFen: number;
  subsidyFen: number;
  cashFen: number;
  countUsed: number;
  overdraftFen: number;
}

const num = (value: unknown): number => {
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isSafeInteger(n) ? n : 0;
};

export function parseSettlementRows(data: unknown): SettlementRow[] {
  return (Array.isArray(data) ? data : []).map((r: Record<string, unknown>) => ({
    merchantId: String(r.merchant_id ?? ''),
    merchantName: String(r.merchant_name ?? ''),
    payments: num(r.payments),
    paymentFen: num(r.payment_fen),
    refunds: num(r.refunds),
    refundFen: num(r.refund_fen),
    netFen: num(r.net_fen),
    subsidyFen: num(r.subsidy_fen),
    cashFen: num(r.cash_fen),
    countUsed: num(r.count_used),
    overdraftFen: num(r.overdraft_fen),
  }));
}

export const merchantService = {
  /** The merchant ids I collect for ([] for almost everyone). */
  async operatedMerchantIds(me: MemberRef): Promise<string[]> {
    const supabase = await getSupabase();
    const { data, error, status } = await supabase
      .from('merchant_operators')
      .select('merchant_id')
      .eq('org_id', me.orgId)
      .eq('member_id', me.memberId);
    if (error) throw fromPostgrestError(error, status);
    return (data ?? []).map((row: { merchant_id: string }) => row.merchant_id);
  },

  /** My merchants (active ones) and their active stalls. */
  async operatedStalls(me: MemberRef): Promise<{ merchants: OperatedMerchant[]; stalls: OperatedStall[] }> {
    const ids = await merchantService.operatedMerchantIds(me);
    if (ids.length === 0) return { merchants: [], stalls: [] };
    const supabase = await getSupabase();
    const [merchants, stalls] = await Promise.all([
      supabase.from('merchants').select('id, name').eq('org_id', me.orgId).in('id', ids).eq('active', true).order('name'),
      supabase.from('stalls').select('id, name, merchant_id, pricing').eq('org_id', me.orgId).in('merchant_id', ids).eq('active', true).order('name'),
    ]);
    if (merchants.error) throw fromPostgrestError(merchants.error, merchants.status);
    if (stalls.error) throw fromPostgrestError(stalls.error, stalls.status);
    const merchantRows = (merchants.data ?? []) as Array<{ id: string; name: string }>;
    const active = new Set(merchantRows.map((m) => m.id));
    return {
      merchants: merchantRows.map((m) => ({ id: m.id, name: m.name })),
      stalls: ((stalls.data ?? []) as Array<{ id: string; name: string; merchant_id: string; pricing: { mode?: unknown } | null }>)
        .filter((s) => active.has(s.merchant_id))
        .map((s) => ({ id: s.id, name: s.name, merchantId: s.merchant_id, mode: typeof s.pricing?.mode === 'string' ? s.pricing.mode : null })),
    };
  },

  /** POST pos-charge {code, amount_fen?, stall_id} as the operator. */
  async charge(input: { code: string; stallId: string; amountFen?: number }, options?: RetryOptions): Promise<PaymentResult> {
    if (input.amountFen !== undefined && (!Number.isSafeInteger(input.amountFen) || input.amountFen <= 0)) {
      throw new RangeError(`amount must be a positive integer of fen: ${input.amountFen}`);
    }
    const body: Record<string, unknown> = { code: input.code.trim(), stall_id: input.stallId };
    if (input.amountFen !== undefined) body.amount_fen = input.amountFen;
    return withNetworkRetry(async () => parsePaymentResult(await callFunction('pos-charge', 'POST', body)), options);
  },

  /** payment_settlement_report(p_org, p_from, p_to, p_merchant) for one merchant. */
  async takings(orgId: string, merchantId: string, from: Date, to: Date): Promise<SettlementRow | null> {
    const supabase = await getSupabase();
    const { data, error, status } = await supabase.rpc('payment_settlement_report', {
      p_org: orgId,
      p_from: from.toISOString(),
      p_to: to.toISOString(),
      p_merchant: merchantId,
    });
    if (error) throw fromPostgrestError(error, status);
    return parseSettlementRows(data).find((row) => row.merchantId === merchantId) ?? null;
  },
};

export type MerchantService = typeof merchantService;
