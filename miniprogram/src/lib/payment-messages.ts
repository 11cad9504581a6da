// zh-CN sentences for the payment functions' refusals (pay, pos-charge,
// wallet-topup) and for a quote that says no. The functions' own messages are
// "zh-CN (English)"; known codes get our catalogue sentence, an unknown code
// its message's zh-CN part.
import { t, type MessageKey } from '../i18n';
import { AppError, messageForStatus, toAppError } from '../services/errors';
import { verifyReasonMessage } from './code-messages';

const PAYMENT_ERROR: Record<string, MessageKey> = {
  insufficient_balance: 'paymentError.insufficient_balance',
  insufficient_count: 'paymentError.insufficient_count',
  closed: 'paymentError.closed',
  day_limit: 'paymentError.day_limit',
  meal_limit: 'paymentError.meal_limit',
  day_count_limit: 'paymentError.day_count_limit',
  meal_count_limit: 'paymentError.meal_count_limit',
  over_payment_max: 'paymentError.over_payment_max',
  limit_exceeded: 'paymentError.limit_exceeded',
  amount_required: 'paymentError.amount_required',
  invalid_amount: 'paymentError.invalid_amount',
  invalid_config: 'paymentError.stall_misconfigured',
  stall_misconfigured: 'paymentError.stall_misconfigured',
  stall_unavailable: 'paymentError.stall_unavailable',
  stall_required: 'paymentError.stall_required',
  member_cannot_pay: 'paymentError.member_cannot_pay',
  not_operator: 'paymentError.not_operator',
  invalid_request_id: 'paymentError.invalid_request_id',
  request_id_reused: 'paymentError.request_id_reused',
  org_required: 'paymentError.org_required',
  wechat_login_required: 'paymentError.wechat_login_required',
  payment_unavailable: 'paymentError.payment_unavailable',
  order_not_found: 'paymentError.order_not_found',
  topup_order_invalid: 'paymentError.topup_order_invalid',
  code_replayed: 'paymentError.code_replayed',
};

/** Refusals after which the payer should top up (去充值). */
export function needsTopUp(error: unknown): boolean {
  return error instanceof AppError && error.code === 'insufficient_balance';
}

/** The zh-CN part of a function message like '余额不足，请充值 (insufficient balance: top up first)'; null when there is none. */
function zhPart(message: string): string | null {
  if (!/[\u4e00-\u9fff]/.test(message)) return null;
  const cut = message.search(/\s\(/);
  return (cut > 0 ? message.slice(0, cut) : message).trim();
}

/** The sentence for a quote refusal reason (GET pay's quote.reason). */
export function refusalMessage(reason: string): string {
  const key = PAYMENT_ERROR[reason];
  return key ? t(key) : t('paymentError.unknown', { reason });
}

/** A readable sentence for anything the payment services threw. */
export function paymentErrorMessage(error: unknown): string {
  const appError = toAppError(error);
  const key = PAYMENT_ERROR[appError.code];
  if (key) return t(key);
  if (appError.code.startsWith('code_')) return t('paymentError.codeRefused', { reason: verifyReasonMessage(appError.code.slice('code_'.length)) });
  if (appError.kind === 'function') return zhPart(appError.message) ?? messageForStatus(appError.status);
  return appError.message;
}
