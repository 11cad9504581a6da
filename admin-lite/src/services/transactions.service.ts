// 交易明细: ledger_transactions newest first (filters: time range, kind,
// merchant, stall; exact count for the pager), the member's name from a
// second query (no foreign key), refunds through payment_refund.
import { z } from 'zod';
import { mapPostgrestError, unwrap } from './errors.ts';
import { memberRefs } from './member-lookup.service.ts';
import { supabase } from './supabase-client.ts';
import { parseResponse } from './token-response.ts';

export const TX_KINDS = ['payment', 'offline_payment', 'refund', 'topup', 'subsidy_grant', 'subsidy_expiry', 'adjustment'] as const;
export type TxKind = (typeof TX_KINDS)[number];

export interface TransactionRow {
  id: string;
  kind: TxKind;
  request_id: string;
  member_id: string | null;
  merchant_id: string | null;
  stall_id: string | null;
  amount_fen: number;
  subsidy_fen: number;
  cash_fen: number;
  count: number;
  refund_of: string | null;
  reason: string | null;
  created_at: string;
  merchant_name: string | null;
  stall_name: string | null;
  member_name: string | null;
  employee_no: string | null;
}

export interface TransactionFilter {
  orgId: string;
  /** [fromIso, untilIso) */
  fromIso: string;
  untilIso: string;
  kind?: TxKind;
  merchantId?: string;
  stallId?: string;
}

interface RawTx extends Omit<TransactionRow, 'merchant_name' | 'stall_name' | 'member_name' | 'employee_no'> {
  merchant: { name: string } | null;
  stall: { name: string } | null;
}

const COLUMNS = 'id, kind, request_id, member_id, merchant_id, stall_id, amount_fen, subsidy_fen, cash_fen, count, refund_of, reason, created_at, merchant:merchants(name), stall:stalls(name)';

function filtered(filter: TransactionFilter) {
  let request = supabase().from('ledger_transactions').select(COLUMNS, { count: 'exact' }).eq('org_id', filter.orgId).gte('created_at', filter.fromIso).lt('created_at', filter.untilIso);
  if (filter.kind) request = request.eq('kind', filter.kind);
  if (filter.merchantId) request = request.eq('merchant_id', filter.merchantId);
  if (filter.stallId) request = request.eq('stall_id', filter.stallId);
  return request.order('created_at', { ascending: false }).order('id', { ascending: false });
}

async function named(orgId: string, rows: RawTx[]): Promise<TransactionRow[]> {
  const refs = await memberRefs(orgId, rows.map((r) => r.member_id));
  return rows.map(({ merchant, stall, ...r }) => ({
    ...r,
    merchant_name: merchant?.name ?? null,
    stall_name: stall?.name ?? null,
    member_name: r.member_id ? (refs.get(r.member_id)?.name ?? null) : null,
    employee_no: r.member_id ? (refs.get(r.member_id)?.employee_no ?? null) : null,
  }));
}

export async function listTransactions(filter: TransactionFilter & { page: number; pageSize: number }): Promise<{ rows: TransactionRow[]; total: number }> {
  const from = (filter.page - 1) * filter.pageSize;
  const { data, error, count, status } = await filtered(filter)
    .range(from, from + filter.pageSize - 1)
    .overrideTypes<RawTx[], { merge: false }>();
  if (error && status === 416) return { rows: [], total: count ?? 0 };
  if (error) throw mapPostgrestError(error, status);
  return { rows: await named(filter.orgId, data ?? []), total: count ?? 0 };
}

export const EXPORT_MAX_ROWS = 50_000;
const EXPORT_BATCH = 1000;

/** Every transaction of the filter (for the xlsx export), in batches; at most EXPORT_MAX_ROWS. */
export async function listAllTransactions(filter: TransactionFilter): Promise<{ rows: TransactionRow[]; truncated: boolean }> {
  const raw: RawTx[] = [];
  let total = Infinity;
  while (raw.length < Math.min(total, EXPORT_MAX_ROWS)) {
    const { data, error, count, status } = await filtered(filter)
      .range(raw.length, raw.length + EXPORT_BATCH - 1)
      .overrideTypes<RawTx[], { merge: false }>();
    if (error) throw mapPostgrestError(error, status);
    total = count ?? 0;
    raw.push(...(data ?? []));
    if (!data || data.length < EXPORT_BATCH) break;
  }
  return { rows: await named(filter.orgId, raw.slice(0, EXPORT_MAX_ROWS)), truncated: total > EXPORT_MAX_ROWS };
}

export interface RefundInput {
  transactionId: string;
  amountFen: number;
  count: number;
  reason: string;
  /** Fresh per refund attempt; reused only to retry the same refund. */
  requestId: string;
}

const RefundResultSchema = z.object({
  transaction_id: z.string(),
  replayed: z.boolean(),
  amount_fen: z.coerce.number().int(),
  subsidy_fen: z.coerce.number().int(),
  cash_fen: z.coerce.number().int(),
  count: z.coerce.number().int(),
});
export type RefundResult = z.infer<typeof RefundResultSchema>;

export async function refundTransaction(input: RefundInput): Promise<RefundResult> {
  const body: unknown = unwrap(
    await supabase().rpc('payment_refund', {
      p_transaction: input.transactionId,
      p_amount_fen: input.amountFen,
      p_count: input.count,
      p_reason: input.reason,
      p_request_id: input.requestId,
    }),
  );
  return parseResponse(RefundResultSchema, body);
}
