// One place that turns backend failures into readable zh-CN messages.
// Services throw AppError (never swallow a Supabase `error`); pages show
// `error.message`, and the session layer reacts to kind 'session-expired'.
import { t } from '../i18n/index.ts';

export type AppErrorKind = 'forbidden' | 'session-expired' | 'duplicate' | 'network' | 'function' | 'unknown';

export class AppError extends Error {
  override readonly name = 'AppError';
  constructor(
    readonly kind: AppErrorKind,
    message: string,
    /** Backend code (Postgres SQLSTATE, PGRST…, or a function's error.code). */
    readonly code?: string,
    /** HTTP status; 0 when the request never got an answer. */
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The shape supabase-js gives for PostgREST failures ({code, message, details, hint}). */
export interface PostgrestErrorLike {
  code?: string;
  message?: string;
  details?: string | null;
  hint?: string | null;
}

// PostgREST JWT failures: 301 cannot decode / expired, 302 anonymous access
// disabled (no bearer), 303 claims invalid. All mean "sign in again".
const SESSION_CODES = new Set(['PGRST301', 'PGRST302', 'PGRST303']);

/**
 * Codes raised by our own RPCs (`raise ... using errcode`) that deserve a
 * specific message. Later issues add entries here, e.g. insufficient balance.
 */
const CODE_KINDS: Record<string, AppErrorKind> = {
  '42501': 'forbidden',
  '23505': 'duplicate',
};

const KIND_MESSAGES = {
  forbidden: 'error.forbidden',
  'session-expired': 'error.sessionExpired',
  duplicate: 'error.duplicate',
  network: 'error.network',
  unknown: 'error.unknown',
} as const;

function fromKind(kind: Exclude<AppErrorKind, 'function'>, code: string | undefined, status: number | undefined, cause: unknown): AppError {
  return new AppError(kind, t(KIND_MESSAGES[kind]), code, status, { cause });
}

function looksLikeNetworkFailure(message: string | undefined): boolean {
  if (!message) return false;
  return /failed to fetch|fetch failed|networkerror|network request failed|load failed|ECONNREFUSED|ECONNRESET/i.test(message);
}

/**
 * Maps a PostgREST error plus the HTTP status of its response.
 * Precedence: no answer (network) > 401 / JWT codes (session) > SQLSTATE
 * mapping > 403. A 42501 answered with 401 means the request ran as `anon`
 * (no or dropped token), so it is a session problem, not a missing right.
 */
export function mapPostgrestError(error: PostgrestErrorLike, status: number): AppError {
  const code = error.code || undefined;
  if (status === 0 || (!code && looksLikeNetworkFailure(error.message))) return fromKind('network', code, status, error);
  if (status === 401 || (code && SESSION_CODES.has(code))) return fromKind('session-expired', code, status, error);
  const kind = code ? CODE_KINDS[code] : undefined;
  if (kind && kind !== 'function') return fromKind(kind, code, status, error);
  if (status === 403) return fromKind('forbidden', code, status, error);
  return fromKind('unknown', code, status, error);
}

function parseFunctionErrorBody(body: unknown): { code: string; message: string } | undefined {
  if (typeof body !== 'object' || body === null || !('error' in body)) return undefined;
  const inner = (body as { error: unknown }).error;
  if (typeof inner !== 'object' || inner === null) return undefined;
  const { code, message } = inner as { code?: unknown; message?: unknown };
  if (typeof message !== 'string' || message === '') return undefined;
  return { code: typeof code === 'string' ? code : 'unknown', message };
}

/**
 * Maps an edge-function failure. Functions answer `{error:{code,message}}`
 * and their message is meant for people, so it is shown as is; the gateway's
 * own JWT rejections (401) still count as an expired session.
 */
export function mapFunctionError(status: number, body: unknown): AppError {
  const parsed = parseFunctionErrorBody(body);
  if (status === 401) return fromKind('session-expired', parsed?.code, status, body);
  if (parsed) return new AppError('function', parsed.message, parsed.code, status, { cause: body });
  if (status === 403) return fromKind('forbidden', undefined, status, body);
  return new AppError('unknown', t('error.httpStatus', { status }), undefined, status, { cause: body });
}

/** Anything thrown (fetch rejection, bug, AppError) -> AppError. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  // fetch() rejects with TypeError on DNS/connection/CORS failures.
  if (error instanceof TypeError || (error instanceof Error && looksLikeNetworkFailure(error.message))) {
    return fromKind('network', undefined, 0, error);
  }
  return fromKind('unknown', undefined, undefined, error);
}

/**
 * Unwraps a supabase-js PostgREST result: returns data or throws the mapped
 * error. Keeps the "never swallow `error`" rule to one line per call site.
 */
export function unwrap<T>(result: { data: T | null; error: PostgrestErrorLike | null; status: number }): T {
  if (result.error) throw mapPostgrestError(result.error, result.status);
  if (result.data === null) throw mapPostgrestError({ message: 'empty response' }, result.status);
  return result.data;
}
