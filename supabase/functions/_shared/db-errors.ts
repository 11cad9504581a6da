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
  YM201: [409, 'card_name_immutable'],
  YM202: [409, 'revocations_append_only'],
  YM203: [403, 'not_enrollable'],
  YM204: [404, 'card_not_found'],
  YM205: [400, 'invalid_reason'],
  YM206: [404, 'point_not_found'],
  YM207: [403, 'card_not_for_member'],
  YM210: [400, 'too_many_rows'],
  YM211: [400, 'invalid_rows'],
  YM220: [400, 'invalid_image'],
  YM221: [413, 'image_too_large'],
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
