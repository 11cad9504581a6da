// Turns whatever the backend or the network threw into an AppError whose
// `message` is a readable zh-CN sentence for the UI; the raw code and message
// stay on the error (`code`, `detail`) for logs.
import { t, type MessageKey } from '../i18n';

export type AppErrorKind =
  | 'session' // token missing, invalid or expired: sign in again
  | 'permission'
  | 'network'
  | 'not_found'
  | 'conflict'
  | 'invalid'
  | 'server'
  | 'config'
  | 'rate_limited'
  | 'function' // an edge function refused with its own {error:{code,message}}
  | 'unknown';

export interface AppErrorInit {
  kind: AppErrorKind;
  code: string;
  message: string;
  status?: number;
  detail?: string;
  /** Extra fields of a function's `{error:{...}}` body (remaining, locked_until, retry_after...). */
  data?: Readonly<Record<string, unknown>>;
  cause?: unknown;
}

export class AppError extends Error {
  readonly kind: AppErrorKind;
  readonly code: string;
  readonly status?: number;
  /** The backend's own text (English, technical); for logs, not for the UI. */
  readonly detail?: string;
  readonly data: Readonly<Record<string, unknown>>;

  constructor(init: AppErrorInit) {
    super(init.message);
    this.name = 'AppError';
    this.kind = init.kind;
    this.code = init.code;
    this.status = init.status;
    this.detail = init.detail;
    this.data = init.data ?? {};
    if (init.cause !== undefined) (this as { cause?: unknown }).cause = init.cause;
  }
}

/** Kinds that carry one of our generic sentences (function and config errors bring their own). */
type GenericKind = Exclude<AppErrorKind, 'function' | 'config'>;

const KIND_MESSAGE: Record<GenericKind, MessageKey> = {
  session: 'error.sessionExpired',
  permission: 'error.permission',
  network: 'error.network',
  not_found: 'error.notFound',
  conflict: 'error.conflict',
  invalid: 'error.invalid',
  server: 'error.server',
  rate_limited: 'error.rateLimited',
  unknown: 'error.unknown',
};

/** Postgres SQLSTATEs and PostgREST codes we can explain to a person. */
const CODE_KIND: Record<string, GenericKind> = {
  // PostgREST JWT errors: invalid/expired token, or anonymous access refused.
  PGRST300: 'server',
  PGRST301: 'session',
  PGRST302: 'session',
  PGRST303: 'session',
  // .single() found no row (RLS hides rows, so this is also "not yours").
  PGRST116: 'not_found',
  '42501': 'permission', // insufficient_privilege (RLS or grants)
  '23505': 'conflict', // unique_violation
  '23503': 'invalid', // foreign_key_violation
  '23502': 'invalid', // not_null_violation
  '23514': 'invalid', // check_violation
  '22P02': 'invalid', // invalid_text_representation (e.g. a bad uuid)
  '22023': 'invalid', // invalid_parameter_value
};

function kindFromStatus(status: number | undefined): GenericKind {
  if (status === undefined) return 'unknown';
  if (status === 0) return 'network';
  if (status === 401) return 'session';
  if (status === 403) return 'permission';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 400 || status === 422) return 'invalid';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'server';
  return 'unknown';
}

/** Our generic zh-CN sentence for an HTTP status (for codes a page does not know). */
export function messageForStatus(status: number | undefined): string {
  return t(KIND_MESSAGE[kindFromStatus(status)]);
}

function appErrorOfKind(kind: GenericKind, code: string, status?: number, detail?: string, cause?: unknown) {
  return new AppError({ kind, code, status, detail, cause, message: t(KIND_MESSAGE[kind]) });
}

export interface PostgrestErrorLike {
  code?: string | null;
  message?: string | null;
  details?: string | null;
  hint?: string | null;
}

/**
 * From the `{ error, status }` pair a supabase-js query returns.
 * postgrest-js reports a failed fetch as status 0 with an empty code.
 */
export function fromPostgrestError(error: PostgrestErrorLike, status?: number): AppError {
  const code = error.code ?? '';
  const detail = [error.message, error.details, error.hint].filter(Boolean).join(' | ');
  const byCode = CODE_KIND[code];
  let kind: GenericKind;
  if (byCode) kind = byCode;
  else if (!code && (status === 0 || status === undefined) && /fetch|network|TypeError|AbortError/i.test(error.message ?? '')) kind = 'network';
  else kind = kindFromStatus(status);
  return appErrorOfKind(kind, code || `http_${status ?? 'unknown'}`, status, detail, error);
}

interface FunctionErrorBody {
  error?: { code?: unknown; message?: unknown } & Record<string, unknown>;
}

/** Reads `{error:{code,message,...}}` from a function response, if that is what it holds. */
async function readFunctionErrorBody(response: unknown): Promise<{ code: string; message: string; data: Record<string, unknown> } | null> {
  const res = response as { json?: () => Promise<unknown>; bodyUsed?: boolean } | null;
  if (!res || typeof res.json !== 'function' || res.bodyUsed) return null;
  try {
    const body = (await res.json()) as FunctionErrorBody;
    const code = body?.error?.code;
    const message = body?.error?.message;
    if (typeof message === 'string' && message) {
      const { code: _code, message: _message, ...data } = body.error ?? {};
      return { code: typeof code === 'string' ? code : 'function_error', message, data };
    }
  } catch {
    // Not JSON (a proxy error page, say): fall through to the status mapping.
  }
  return null;
}

/**
 * From the `error` of `supabase.functions.invoke`. Functions answer
 * `{error:{code,message}}`; their message is shown as is (functions write it
 * for people). Network and relay failures get the generic sentences.
 */
export async function fromFunctionsError(error: unknown): Promise<AppError> {
  if (error instanceof AppError) return error;
  const name = (error as { name?: string } | null)?.name;
  if (name === 'FunctionsFetchError') return appErrorOfKind('network', 'network_error', 0, String((error as Error).message), error);
  if (name === 'FunctionsRelayError') return appErrorOfKind('server', 'relay_error', undefined, String((error as Error).message), error);
  if (name === 'FunctionsHttpError') {
    const response = (error as { context?: { status?: number } }).context;
    const status = response?.status;
    const body = await readFunctionErrorBody(response);
    if (body) {
      return new AppError({
        kind: status === 401 ? 'session' : 'function',
        code: body.code,
        status,
        message: body.message,
        detail: body.message,
        data: body.data,
        cause: error,
      });
    }
    return appErrorOfKind(kindFromStatus(status), `http_${status ?? 'unknown'}`, status, undefined, error);
  }
  return toAppError(error);
}

/** For anything thrown (network TypeError, AbortError, bugs). */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const name = (error as { name?: string } | null)?.name;
  const message = error instanceof Error ? error.message : String(error);
  // fetch rejects with a TypeError ("Failed to fetch", "fetch failed", our
  // adapter's "Network request failed"); other TypeErrors are bugs.
  const isFetchFailure = error instanceof TypeError && /fetch|network|load failed/i.test(message);
  if (name === 'AbortError' || isFetchFailure) return appErrorOfKind('network', 'network_error', 0, message, error);
  // Not something the backend said: most likely a bug. The UI shows a generic
  // sentence, so leave the real error in the console (devtools, vConsole).
  console.error('[yima] unexpected error', error);
  return appErrorOfKind('unknown', 'unknown_error', undefined, message, error);
}

/** True when the user must sign in again. */
export function isSessionError(error: unknown): boolean {
  return error instanceof AppError && error.kind === 'session';
}
