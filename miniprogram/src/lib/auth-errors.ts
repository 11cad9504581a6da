// zh-CN sentences for the codes the identity functions answer with
// ({error:{code,message,...}}). The functions' own messages are English (or
// terse); the pages show these instead, with the numbers the body carries
// (remaining attempts, lock-out end, seconds to wait).
import { t, type MessageKey } from '../i18n';
import { AppError, messageForStatus } from '../services/errors';
import { claimFieldLabel, isClaimField } from './claim-fields';
import { formatMoment } from './format-time';

const num = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);
const str = (value: unknown): string | undefined => (typeof value === 'string' && value ? value : undefined);

/** For a function error whose code we do not know: its status's generic sentence. */
function fallback(error: AppError): string {
  if (error.kind !== 'function') return error.message; // network, session, config...: already zh-CN
  return messageForStatus(error.status);
}

/** Codes every login can answer with (provider adapters, shared checks). */
const COMMON_LOGIN: Record<string, MessageKey> = {
  user_blocked: 'loginError.userBlocked',
  member_bound: 'loginError.memberBound',
};

const WECHAT_LOGIN: Record<string, MessageKey> = {
  ...COMMON_LOGIN,
  wechat_not_configured: 'loginError.wechatNotConfigured',
  invalid_code: 'loginError.wechatCodeInvalid',
  code_used: 'loginError.wechatCodeInvalid',
  invalid_body: 'loginError.wechatCodeInvalid',
  provider_timeout: 'loginError.wechatUnavailable',
  provider_busy: 'loginError.wechatUnavailable',
  invalid_credentials: 'loginError.wechatUnavailable',
  ip_not_allowed: 'loginError.wechatUnavailable',
};

const WECOM_LOGIN: Record<string, MessageKey> = {
  ...WECHAT_LOGIN,
  wecom_user_not_member: 'loginError.wecomUserNotMember',
  wecom_org_not_found: 'loginError.wecomOrgNotFound',
  wecom_not_configured: 'loginError.wecomNotConfigured',
  corp_id_required: 'loginError.wecomCorpRequired',
  wecom_corp_mismatch: 'loginError.wecomCorpMismatch',
};

/** auth-wechat / auth-wecom failures. */
export function loginErrorMessage(error: AppError, channel: 'wechat' | 'wecom'): string {
  const key = (channel === 'wecom' ? WECOM_LOGIN : WECHAT_LOGIN)[error.code];
  return key ? t(key) : fallback(error);
}

/** "wait N seconds", rounded to what a person reads: seconds, minutes, or tomorrow (the daily cap). */
export function rateLimitMessage(retryAfterSeconds: number | undefined): string {
  if (retryAfterSeconds === undefined || retryAfterSeconds <= 0) return t('error.rateLimited');
  if (retryAfterSeconds <= 120) return t('loginError.smsRateLimitedSeconds', { seconds: Math.ceil(retryAfterSeconds) });
  if (retryAfterSeconds <= 2 * 3600) return t('loginError.smsRateLimitedMinutes', { minutes: Math.ceil(retryAfterSeconds / 60) });
  return t('loginError.smsRateLimitedDay');
}

const SMS: Record<string, MessageKey> = {
  ...COMMON_LOGIN,
  code_expired: 'loginError.smsCodeExpired',
  too_many_attempts: 'loginError.smsTooManyAttempts',
  invalid_body: 'loginError.smsInvalidBody',
  invalid_phone: 'loginError.smsInvalidPhone',
  provider_timeout: 'loginError.smsUnavailable',
  provider_busy: 'loginError.smsUnavailable',
  invalid_credentials: 'loginError.smsUnavailable',
  ip_not_allowed: 'loginError.smsUnavailable',
  sms_template_missing: 'loginError.smsUnavailable',
  sms_template_params: 'loginError.smsUnavailable',
};

/** auth-sms /send and /verify failures. */
export function smsErrorMessage(error: AppError): string {
  if (error.code === 'rate_limited') return rateLimitMessage(num(error.data.retry_after));
  if (error.code === 'code_wrong') {
    const remaining = num(error.data.remaining);
    return remaining !== undefined && remaining <= 0 ? t('loginError.smsCodeWrongLast') : t('loginError.smsCodeWrong', { remaining: remaining ?? '?' });
  }
  const key = SMS[error.code];
  return key ? t(key) : fallback(error);
}

const CLAIM: Record<string, MessageKey> = {
  missing_fields: 'claimError.missingFields',
  no_match: 'claimError.noMatch',
  ambiguous: 'claimError.ambiguous',
  member_inactive: 'claimError.memberInactive',
  member_deleted: 'claimError.memberDeleted',
  member_bound: 'claimError.memberBound',
  account_bound: 'claimError.accountBound',
  api_verify_not_configured: 'claimError.apiNotConfigured',
  api_not_verified: 'claimError.apiNotConfigured',
  enterprise_timeout: 'claimError.apiUnavailable',
  enterprise_misconfigured: 'claimError.apiUnavailable',
  org_not_found: 'claimError.orgNotFound',
  org_required: 'claim.orgRequired',
};

/** card-claim failures, with the attempts left and the lock-out end when the body has them. */
export function claimErrorMessage(error: AppError, now: Date = new Date()): string {
  const lockedUntil = str(error.data.locked_until);
  const lockTime = lockedUntil ? formatMoment(lockedUntil, now) : null;

  if (error.code === 'locked') return lockTime ? t('claimError.locked', { time: lockTime }) : t('claimError.lockedNoTime');
  if (error.code === 'invalid_body') {
    // zod paths name the field: "fields.phone: phone must be an 11-digit ..."
    const field = /fields\.(\w+)/.exec(error.detail ?? error.message)?.[1];
    return isClaimField(field) ? t('claimError.invalidField', { label: claimFieldLabel(field) }) : t('claimError.invalidBody');
  }
  const key = CLAIM[error.code];
  if (!key) return fallback(error);

  const base = t(key);
  const remaining = num(error.data.remaining);
  if (remaining === undefined) return base;
  if (remaining > 0) return `${base}（${t('claimError.remaining', { remaining })}）`;
  return lockTime ? `${base}。${t('claimError.nowLocked', { time: lockTime })}` : `${base}。${t('claimError.lockedNoTime')}`;
}
