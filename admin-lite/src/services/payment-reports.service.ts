// 支付报表: settlement per merchant and net takings per day (RPCs), open
// payment flags (offline overdrafts, refused uploads) and resolving them,
// and the price explainer (payment-explain edge function).
import { z } from 'zod';
import { mapPostgrestError, unwrap } from './errors.ts';
import { callFunction } from './functions.service.ts';
import { memberRefs } from './member-lookup.service.ts';
import { supabase } from './supabase-client.ts';
import { parseResponse } from './token-response.ts';

const int = z.coerce.number().int();

const SettlementRowSchema = z.object({
  merchant_id: z.string(),
  merchant_name: z.string(),
  payments: int,
  payment_fen: int,
  refunds: int,
  refund_fen: int,
  net_fen: int,
  subsidy_fen: int,
  cash_fen: int,
  count_used: int,
  overdraft_fen: int,
});
export type SettlementRow = z.infer<typeof SettlementRowSchema>;
export type SettlementTotals = Omit<SettlementRow, 'merchant_id' | 'merchant_name'>;

/** [fromIso, untilIso), at most 400 days; every merchant (payment admins). */
export async function settlementReport(orgId: string, fromIso: string, untilIso: string): Promise<SettlementRow[]> {
  const rows: unknown = unwrap(await supabase().rpc('payment_settlement_report', { p_org: orgId, p_from: fromIso, p_to: untilIso }));
  return parseResponse(z.array(SettlementRowSchema), rows);
}

/** Column sums of the report (the 合计 row). */
export function settlementTotals(rows: readonly SettlementRow[]): SettlementTotals {
  const totals: SettlementTotals = { payments: 0, payment_fen: 0, refunds: 0, refund_fen: 0, net_fen: 0, subsidy_fen: 0, cash_fen: 0, count_used: 0, overdraft_fen: 0 };
  for (const row of rows) for (const key of Object.keys(totals) as Array<keyof SettlementTotals>) totals[key] += row[key];
  return totals;
}

const DailyRowSchema = z.object({ day: z.string(), payments: int, net_fen: int });
export type DailyRow = z.infer<typeof DailyRowSchema>;

export async function dailySeries(orgId: string, fromIso: string, untilIso: string): Promise<DailyRow[]> {
  const rows: unknown = unwrap(await supabase().rpc('payment_daily_series', { p_org: orgId, p_from: fromIso, p_to: untilIso }));
  return parseResponse(z.array(DailyRowSchema), rows);
}

export interface PaymentFlagRow {
  id: number;
  transaction_id: string | null;
  member_id: string | null;
  kind: 'overdraft' | 'rejected_upload';
  amount_fen: number;
  detail: Record<string, unknown>;
  created_at: string;
  member_name: string | null;
}

/** Flags not yet resolved, newest first, with the member's name. */
export async function listOpenFlags(orgId: string): Promise<PaymentFlagRow[]> {
  const rows = unwrap(
    await supabase()
      .from('payment_flags')
      .select('id, transaction_id, member_id, kind, amount_fen, detail, created_at')
      .eq('org_id', orgId)
      .is('resolved_at', null)
      .order('created_at', { ascending: false })
      .limit(200)
      .overrideTypes<Array<Omit<PaymentFlagRow, 'member_name'>>, { merge: false }>(),
  );
  const refs = await memberRefs(orgId, rows.map((r) => r.member_id));
  return rows.map((r) => ({ ...r, member_name: r.member_id ? (refs.get(r.member_id)?.name ?? null) : null }));
}

export async function resolveFlag(flagId: number, note: string): Promise<void> {
  const { error, status } = await supabase().rpc('payment_flag_resolve', { p_id: flagId, p_note: note });
  if (error) throw mapPostgrestError(error, status);
}

const ExplainSchema = z.object({
  member: z.object({ id: z.string(), name: z.string(), identity: z.string().nullable().optional() }),
  stall: z.object({ id: z.string(), name: z.string(), merchant_name: z.string().nullable().optional() }),
  at: z.string(),
  local: z.object({ date: z.string(), time: z.string(), timezone: z.string().optional() }),
  quote: z.object({ ok: z.boolean(), payFen: z.number().int().optional(), reason: z.string().optional() }).passthrough(),
  explain: z.object({ 'zh-CN': z.array(z.string()), en: z.array(z.string()) }),
});
export type PriceExplanation = z.infer<typeof ExplainSchema>;

export interface ExplainQuery {
  memberId: string;
  stallId: string;
  /** ISO instant; omitted = now. */
  at?: string;
  /** Integer fen, for free/limited stalls. */
  amountFen?: number;
}

/** 价格试算: what the member would pay at the stall at that time, step by step (books nothing). */
export async function explainPrice(query: ExplainQuery): Promise<PriceExplanation> {
  const params = new URLSearchParams({ member_id: query.memberId, stall_id: query.stallId });
  if (query.at) params.set('at', query.at);
  if (query.amountFen !== undefined) params.set('amount_fen', String(query.amountFen));
  const body = await callFunction(`payment-explain?${params.toString()}`, { method: 'GET', auth: 'session' });
  return parseResponse(ExplainSchema, body);
}

const LedgerCheckSchema = z.object({
  ok: z.boolean(),
  /** Ids of transactions whose entries do not sum to zero. */
  unbalanced_transactions: z.array(z.string()).default([]),
  /** Accounts whose balance differs from the sum of their entries. */
  mismatched_wallets: z.array(z.object({ account_id: z.string(), balance: int, entries: int })).default([]),
});
export type LedgerCheck = z.infer<typeof LedgerCheckSchema>;

/** 账本核对: every transaction balances and every wallet's balance matches its entries. */
export async function ledgerCheck(orgId: string): Promise<LedgerCheck> {
  const body: unknown = unwrap(await supabase().rpc('ledger_check', { p_org: orgId }));
  return parseResponse(LedgerCheckSchema, body);
}
