// zh-CN sentences for the dynamic code: code-verify's refusal reasons (the
// guard's screen) and the code-* functions' error codes (enrolment, verify).
import { t, type MessageKey } from '../i18n';
import { AppError, messageForStatus } from '../services/errors';

/** Every reason code-verify can refuse a code with (protocol section 8 plus the live checks of code_record_verification). */
export const VERIFY_REFUSALS = [
  'malformed',
  'bad_version',
  'unknown_key',
  'key_retired',
  'bad_issuer_signature',
  'bad_device_signature',
  'not_yet_valid',
  'expired',
  'clock_skew',
  'replayed',
  'revoked',
  'wrong_org',
  'scope_denied',
  'outside_visit_window',
  'wrong_site',
  'member_inactive',
  'point_inactive',
  'visit_closed',
] as const;
export type VerifyRefusal = (typeof VERIFY_REFUSALS)[number];

const REASON_MESSAGE: Record<VerifyRefusal, MessageKey> = {
  malformed: 'verifyReason.malformed',
  bad_version: 'verifyReason.bad_version',
  unknown_key: 'verifyReason.unknown_key',
  key_retired: 'verifyReason.key_retired',
  bad_issuer_signature: 'verifyReason.bad_issuer_signature',
  bad_device_signature: 'verifyReason.bad_device_signature',
  not_yet_valid: 'verifyReason.not_yet_valid',
  expired: 'verifyReason.expired',
  clock_skew: 'verifyReason.clock_skew',
  replayed: 'verifyReason.replayed',
  revoked: 'verifyReason.revoked',
  wrong_org: 'verifyReason.wrong_org',
  scope_denied: 'verifyReason.scope_denied',
  outside_visit_window: 'verifyReason.outside_visit_window',
  wrong_site: 'verifyReason.wrong_site',
  member_inactive: 'verifyReason.member_inactive',
  point_inactive: 'verifyReason.point_inactive',
  visit_closed: 'verifyReason.visit_closed',
};

function isKnownReason(reason: string): reason is VerifyRefusal {
  return (VERIFY_REFUSALS as readonly string[]).includes(reason);
}

/** The guard-facing sentence for a refusal reason; an unknown (newer) reason is shown with its code. */
export function verifyReasonMessage(reason: string | undefined, kind: 'member' | 'visitor' = 'member'): string {
  // A visitor pass is "revoked" when its visit was cancelled or rejected, not because a card was lost.
  if (kind === 'visitor' && reason === 'revoked') return t('verifyReason.visitRevoked');
  if (reason && isKnownReason(reason)) return t(REASON_MESSAGE[reason]);
  return t('verifyReason.unknown', { reason: reason ?? '?' });
}

/** Error codes of code-enroll / code-verify / code-keys ({error:{code}}) and their sentences. */
const FUNCTION_ERROR: Record<string, MessageKey> = {
  not_enrollable: 'codeError.notEnrollable',
  card_not_found: 'codeError.cardNotFound',
  invalid_device_key: 'codeError.invalidDeviceKey',
  org_required: 'codeError.orgRequired',
  issuer_key_unavailable: 'codeError.issuerKeyUnavailable',
  not_member: 'codeError.notMember',
  forbidden: 'codeError.forbidden',
  invalid_body: 'codeError.invalidCode',
  point_not_found: 'codeError.pointNotFound',
  wrong_point: 'codeError.pointNotFound',
  point_inactive: 'codeError.pointInactive',
};

/** A readable sentence for anything the code services threw. */
export function codeErrorMessage(error: unknown): string {
  if (error instanceof AppError) {
    const key = FUNCTION_ERROR[error.code];
    if (key) return t(key);
    // Network, session, config...: already a zh-CN sentence. A function's own (English) text is not shown.
    return error.kind === 'function' ? messageForStatus(error.status) : error.message;
  }
  if (error instanceof Error && /getRandomValues/.test(error.message)) return t('codeError.randomUnavailable');
  return t('error.unknown');
}
