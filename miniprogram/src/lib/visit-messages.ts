// Sentences for what the visit-* functions and visit RPCs refused with. The
// functions write zh-CN first with English in parentheses: show the zh-CN part.
import { AppError, toAppError } from '../services/errors';
import { zhMessage } from './visits';

/** Codes the public pass page shows as a refusal screen (no QR). */
export const PASS_REFUSALS = ['invalid_link', 'visit_rejected', 'visit_cancelled', 'pass_expired', 'link_expired', 'host_unavailable'] as const;

export function isPassRefusal(error: unknown): error is AppError {
  return error instanceof AppError && (PASS_REFUSALS as readonly string[]).includes(error.code);
}

/** A readable zh-CN sentence for anything a visit call threw. */
export function visitErrorMessage(error: unknown): string {
  const appError = toAppError(error);
  if (appError.kind === 'function') return zhMessage(appError.message);
  // Visit RPCs raise YM5xx with a zh-CN message (visit_cancel / visit_checkout on a wrong state).
  if (/^YM\d+$/.test(appError.code) && appError.detail) return zhMessage(appError.detail.split(' | ')[0]!);
  return appError.message;
}
