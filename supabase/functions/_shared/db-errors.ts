// Maps database errors (SQLSTATE from RPCs, via PostgREST) to HTTP errors
// with a stable code and a message a person can act on.
import { HttpError } from './http.ts';

interface PostgrestLikeError {
  code?: string;
  message: string;
  hint?: string | null;
}

const STATUS_BY_SQLSTATE: Record<string, [number, string]> = {
  '42501': [403, 'forbidden'],
  P0002: [404, 'not_found'],
  '23505': [409, 'duplicate'],
  '23503': [409, 'referenced'],
  '23514': [400, 'invalid_value'],
  '22P02': [400, 'invalid_value'],
  YM101: [404, 'wecom_org_not_found'],
  YM102: [403, 'wecom_user_not_member'],
  YM103: [409, 'member_bound'],
  YM120: [429, 'rate_limited'],
  YM140: [400, 'unknown_secret'],
};

/** Throws the HttpError for a failed RPC; unknown codes become 500. */
export function throwDbError(error: PostgrestLikeError, context: string): never {
  const known = error.code ? STATUS_BY_SQLSTATE[error.code] : undefined;
  if (known) throw new HttpError(known[0], known[1], error.message);
  console.error(`${context} failed`, error);
  throw new HttpError(500, 'database_error', `${context} failed; the details are in the function log`);
}

/** Seconds to wait, from a YM120 hint `retry_after=N`. */
export function retryAfter(error: PostgrestLikeError): number | undefined {
  const match = /retry_after=(\d+)/.exec(error.hint ?? '');
  return match ? Number(match[1]) : undefined;
}
