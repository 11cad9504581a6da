// One place that turns backend failures into readable zh-CN messages.
// Services throw AppError (never swallow a Supabase `error`); pages show
// `error.message`, and the session layer reacts to kind 'session-expired'.
import { t, type MessageKey } from '../i18n/index.ts';
import { formatWait } from '../lib/format.ts';

/** 'invalid': the database refused the data itself (a check, a YMnnn rule). */
export type AppErrorKind = 'forbidden' | 'session-expired' | 'duplicate' | 'not-found' | 'invalid' | 'network' | 'function' | 'unknown';

export interface AppErrorOptions {
  cause?: unknown;
  /** Seconds to wait before trying again (429 answers). */
  retryAfter?: number;
  /** Tries left (a wrong SMS code). */
  remaining?: number;
}

export class AppError extends Error {
  override readonly name = 'AppError';
  readonly retryAfter: number | undefined;
  readonly remaining: number | undefined;

  constructor(
    readonly kind: AppErrorKind,
    message: string,
    /** Backend code (Postgres SQLSTATE, PGRST…, or a function's error.code). */
    readonly code?: string,
    /** HTTP status; 0 when the request never got an answer. */
    readonly status?: number,
    options: AppErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.retryAfter = options.retryAfter;
    this.remaining = options.remaining;
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
  P0002: 'not-found',
};

/**
 * Our SQL rule codes (YMnnn, see each migration's header) that people can
 * act on. Codes not listed fall back to the generic message.
 */
const RULE_MESSAGES: Record<string, MessageKey> = {
  YM001: 'error.db.defaultDepartment',
  YM002: 'error.db.parentMissing',
  YM003: 'error.db.departmentCycle',
  YM005: 'error.db.idCardInvalid',
  YM210: 'error.db.importTooManyRows',
  YM211: 'error.db.importMalformed',
  YM205: 'error.db.revokeReason',
  YM220: 'error.db.imageType',
  YM221: 'error.db.imageTooLarge',
  YM301: 'error.db.noticeNotEditable',
  YM302: 'error.db.noticeAudience',
  YM304: 'error.db.noticeWrongTemplate',
  YM407: 'error.db.refundRefused',
  YM410: 'error.db.paymentInvalidAmount',
  YM501: 'error.db.visitInvalid',
  YM502: 'error.db.visitState',
  YM503: 'error.db.visitNotYourDecision',
  YM504: 'error.db.visitLinkInvalid',
  YM701: 'error.db.adminNoMember',
  YM702: 'error.db.scopeInvalid',
  YM601: 'error.db.resourceSlotTaken',
  YM602: 'error.db.resourceInvalid',
  YM603: 'error.db.resourceState',
  YM611: 'error.db.mealClosed',
  YM612: 'error.db.mealState',
  YM703: 'error.db.lastSuperAdmin',
  YM801: 'error.db.auditAppendOnly',
  YM811: 'error.db.opsState',
  YM812: 'error.db.opsInvalid',
};

/**
 * Rule codes whose messages are written zh-CN first ("中文 (English)"): the
 * zh-CN part says exactly what is wrong (the state, the limit), so it is
 * shown instead of the generic catalogue message when present.
 */
const ZH_FIRST_CODES = new Set(['YM501', 'YM502', 'YM503', 'YM504', 'YM701']);
// 场景应用 (resources, meal booking) raise zh-CN-first messages too.
for (const code of ['YM601', 'YM602', 'YM603', 'YM611', 'YM612']) ZH_FIRST_CODES.add(code);
// The last super admin (YM703) and the ticket resolution (YM812) say it in zh-CN; other YM812s fall back.
for (const code of ['YM703', 'YM812']) ZH_FIRST_CODES.add(code);

/** The zh-CN part of a "中文 (English)" message, if it has one. */
export function zhPart(message: string | undefined): string | undefined {
  if (!message || !/[\u4e00-\u9fff]/.test(message)) return undefined;
  const cut = message.indexOf(' (');
  return (cut > 0 ? message.slice(0, cut) : message).trim() || undefined;
}

/**
 * Named constraints (unique keys 23505, checks 23514) -> what was wrong.
 * Postgres names them <table>_<column>_key / _check; the sibling-name rule
 * is a unique index. The name appears in the error message.
 */
const CONSTRAINT_MESSAGES: ReadonlyArray<[RegExp, MessageKey]> = [
  [/members_org_id_employee_no_key/, 'error.db.employeeNoTaken'],
  [/departments_sibling_name/, 'error.db.departmentNameTaken'],
  [/tags_org_id_name_key/, 'error.db.tagNameTaken'],
  [/verification_points_org_id_name_key/, 'error.db.pointNameTaken'],
  [/merchants_org_id_name_key/, 'error.db.merchantNameTaken'],
  [/stalls_org_id_merchant_id_name_key/, 'error.db.stallNameTaken'],
  [/meal_periods_org_id_name_key/, 'error.db.mealPeriodNameTaken'],
  [/subsidy_plans_org_id_name_key/, 'error.db.subsidyPlanNameTaken'],
  [/merchant_operators_pkey/, 'error.db.operatorTaken'],
  [/sites_org_id_name_key/, 'error.db.siteNameTaken'],
  [/site_admins_pkey/, 'error.db.siteAdminTaken'],
  [/custom_apps_org_id_name_key/, 'error.db.customAppNameTaken'],
  [/portal_categories_card_id_name_key/, 'error.db.categoryNameTaken'],
  [/admin_groups_org_id_name_key/, 'error.db.adminGroupNameTaken'],
  [/resources_org_id_name_key/, 'error.db.resourceNameTaken'],
  [/registration_points_org_id_name_key/, 'error.db.registrationPointNameTaken'],
  [/members_employee_no_check/, 'error.db.employeeNoInvalid'],
  [/members_phone_check/, 'error.db.phoneInvalid'],
  [/members_name_check/, 'error.db.memberNameInvalid'],
  [/departments_name_check/, 'error.db.departmentNameInvalid'],
  [/tags_name_check/, 'error.db.tagNameInvalid'],
];

const KIND_MESSAGES = {
  forbidden: 'error.forbidden',
  'session-expired': 'error.sessionExpired',
  duplicate: 'error.duplicate',
  'not-found': 'error.notFound',
  invalid: 'error.invalid',
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
  const rule = code ? RULE_MESSAGES[code] : undefined;
  if (rule) {
    const own = code && ZH_FIRST_CODES.has(code) ? zhPart(error.message) : undefined;
    return new AppError('invalid', own ?? t(rule), code, status, { cause: error });
  }
  if (code === '23505' || code === '23514') {
    const text = `${error.message ?? ''} ${error.details ?? ''}`;
    const key = CONSTRAINT_MESSAGES.find(([pattern]) => pattern.test(text))?.[1];
    if (key) return new AppError(code === '23505' ? 'duplicate' : 'invalid', t(key), code, status, { cause: error });
  }
  const kind = code ? CODE_KINDS[code] : undefined;
  if (kind && kind !== 'function') return fromKind(kind, code, status, error);
  if (status === 403) return fromKind('forbidden', code, status, error);
  return fromKind('unknown', code, status, error);
}

interface FunctionErrorBody {
  code: string;
  message: string;
  retryAfter?: number;
  remaining?: number;
}

function parseFunctionErrorBody(body: unknown): FunctionErrorBody | undefined {
  if (typeof body !== 'object' || body === null || !('error' in body)) return undefined;
  const inner = (body as { error: unknown }).error;
  if (typeof inner !== 'object' || inner === null) return undefined;
  const { code, message, retry_after: retryAfter, remaining } = inner as Record<string, unknown>;
  if (typeof message !== 'string' || message === '') return undefined;
  return {
    code: typeof code === 'string' ? code : 'unknown',
    message,
    ...(typeof retryAfter === 'number' ? { retryAfter } : {}),
    ...(typeof remaining === 'number' ? { remaining } : {}),
  };
}

const SMS_UNAVAILABLE = (): string => t('error.fn.smsUnavailable');

/**
 * zh-CN messages for function error codes. Functions write their messages in
 * English for developers (some in Chinese); people see these instead.
 * Codes not listed fall back to the function's own message.
 */
const FUNCTION_MESSAGES: Record<string, (e: FunctionErrorBody) => string> = {
  rate_limited: (e) => t('error.fn.rateLimited', { wait: formatWait(e.retryAfter ?? 60) }),
  code_wrong: (e) => (e.remaining !== undefined && e.remaining > 0 ? t('error.fn.codeWrong', { remaining: e.remaining }) : t('error.fn.codeWrongLast')),
  code_expired: () => t('error.fn.codeExpired'),
  too_many_attempts: () => t('error.fn.tooManyAttempts'),
  invalid_phone: () => t('error.fn.invalidPhone'),
  invalid_body: () => t('error.fn.invalidBody'),
  not_a_member: () => t('error.fn.notAMember'),
  internal_error: () => t('error.fn.internal'),
  forbidden: () => t('error.forbidden'),
  // subscription-admin: YM811 / YM812 from the RPCs, and an unknown subscription.
  subscription_state: () => t('error.db.opsState'),
  invalid_subscription: () => t('error.db.opsInvalid'),
  subscription_not_found: () => t('error.fn.subscriptionNotFound'),
  provider_timeout: SMS_UNAVAILABLE,
  provider_busy: SMS_UNAVAILABLE,
  invalid_credentials: SMS_UNAVAILABLE,
  ip_not_allowed: SMS_UNAVAILABLE,
  sms_template_missing: SMS_UNAVAILABLE,
  sms_template_params: SMS_UNAVAILABLE,
};

/**
 * Maps an edge-function failure `{error:{code,message}}`: known codes get a
 * zh-CN message, others show the function's own message; any 401 (the
 * gateway's JWT check, a dead refresh token) counts as an expired session.
 */
export function mapFunctionError(status: number, body: unknown): AppError {
  const parsed = parseFunctionErrorBody(body);
  const extra = { cause: body, retryAfter: parsed?.retryAfter, remaining: parsed?.remaining };
  if (status === 401) {
    const key = parsed?.code === 'refresh_token_reused' ? 'error.sessionReused' : 'error.sessionExpired';
    return new AppError('session-expired', t(key), parsed?.code, status, extra);
  }
  if (parsed) {
    const message = FUNCTION_MESSAGES[parsed.code]?.(parsed) ?? parsed.message;
    return new AppError('function', message, parsed.code, status, extra);
  }
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
