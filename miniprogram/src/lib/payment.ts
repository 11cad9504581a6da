// Pure rules of the canteen payment pages: the stall collection code, amounts
// typed in yuan (always converted to integer fen, never floats), request ids,
// and how ledger rows are labelled. Money helpers come from @yima/shared's
// money module only (the pricing engine, which brings zod, stays out).
import { fen, fenToYuanString, formatFen, MoneyError, yuanToFen, type Fen } from '@yima/shared/money';
import { t, type MessageKey } from '../i18n';

/** What a stall's collection QR code holds. */
export const STALL_CODE_PREFIX = 'yima:stall:';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function stallCodePayload(stallId: string): string {
  return `${STALL_CODE_PREFIX}${stallId}`;
}

/** The stall id in a scanned or pasted collection code (a bare id is accepted too); null when it is not one. */
export function parseStallCode(text: string | null | undefined): string | null {
  const trimmed = (text ?? '').trim();
  const id = trimmed.toLowerCase().startsWith(STALL_CODE_PREFIX) ? trimmed.slice(STALL_CODE_PREFIX.length) : trimmed;
  return UUID.test(id) ? id.toLowerCase() : null;
}

/** The largest amount the payment functions accept (fen). */
export const MAX_AMOUNT_FEN = 100_000_000;

export type AmountCheck = { ok: true; fen: Fen } | { ok: false; message: string };

/** An amount typed in yuan ('12', '12.5', '12.50') as integer fen; zero, negatives, >2 decimals and huge amounts are refused. */
export function parseYuanAmount(text: string): AmountCheck {
  const trimmed = (text ?? '').trim();
  if (!trimmed) return { ok: false, message: t('amount.required') };
  let amount: Fen;
  try {
    amount = yuanToFen(trimmed);
  } catch (error) {
    if (error instanceof MoneyError) return { ok: false, message: t('amount.invalid') };
    throw error;
  }
  if (amount <= 0) return { ok: false, message: t('amount.positive') };
  if (amount > MAX_AMOUNT_FEN) return { ok: false, message: t('amount.tooLarge', { max: fenToYuanString(fen(MAX_AMOUNT_FEN)) }) };
  return { ok: true, fen: amount };
}

/** A money value from the API (JSON number, or a numeric string from a bigint) as Fen; null when it is not a whole number. */
export function toFen(value: unknown): Fen | null {
  const n = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
  return typeof n === 'number' && Number.isSafeInteger(n) ? fen(n) : null;
}

/** ¥12.34 for any API value (0 when missing). */
export function showFen(value: number | null | undefined): string {
  return formatFen(toFen(value) ?? fen(0));
}

/** 12 张 */
export function showCount(count: number | null | undefined): string {
  return t('wallet.countUnit', { count: Number.isSafeInteger(count) ? (count as number) : 0 });
}

export type LedgerKind = 'payment' | 'offline_payment' | 'refund' | 'topup' | 'subsidy_grant' | 'subsidy_expiry' | 'adjustment';

const KIND_LABEL: Record<LedgerKind, MessageKey> = {
  payment: 'txKind.payment',
  offline_payment: 'txKind.offline_payment',
  refund: 'txKind.refund',
  topup: 'txKind.topup',
  subsidy_grant: 'txKind.subsidy_grant',
  subsidy_expiry: 'txKind.subsidy_expiry',
  adjustment: 'txKind.adjustment',
};

export function txKindLabel(kind: string): string {
  return kind in KIND_LABEL ? t(KIND_LABEL[kind as LedgerKind]) : kind;
}

/** Which way money moved for the member: out (消费, 清零), in (退款, 充值, 补贴), or unknown (调整). */
export function txDirection(kind: string): -1 | 1 | 0 {
  if (kind === 'payment' || kind === 'offline_payment' || kind === 'subsidy_expiry') return -1;
  if (kind === 'refund' || kind === 'topup' || kind === 'subsidy_grant') return 1;
  return 0;
}

/** '-¥15.00', '+¥100.00', '-1 张' (count rows carry no fen). */
export function formatTxAmount(tx: { kind: string; amountFen: number; count: number }): string {
  const sign = ['-', '', '+'][txDirection(tx.kind) + 1]!;
  if (tx.amountFen === 0 && tx.count > 0) return `${sign}${showCount(tx.count)}`;
  return `${sign}${showFen(tx.amountFen)}`;
}

const REQUEST_ID = /^[A-Za-z0-9_-]{8,64}$/;

export function isRequestId(value: string): boolean {
  return REQUEST_ID.test(value);
}

/**
 * A payment request id (8-64 of [A-Za-z0-9_-]): a time prefix plus 16 random
 * bytes as hex. One per confirmation; reused only to retry that same request.
 */
export function requestIdFrom(bytes: Uint8Array, now = Date.now()): string {
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `p${now.toString(36)}-${hex}`.slice(0, 64);
}

/** Start of the phone's local day, for 今日营收. */
export function startOfLocalDay(now: Date): Date {
  return new Date(now.getFullYear(), now.getMonth(), now.getDate());
}
