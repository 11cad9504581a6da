// What every SMS channel (Tencent Cloud, Aliyun, console) promises, and the
// small rules they share: our template names and phone-number formats.
import { AdapterError, type AdapterProvider } from './adapter-error.ts';

export const SMS_TEMPLATES = ['login_code', 'claim_invite', 'visitor_pass', 'notice'] as const;
export type SmsTemplate = (typeof SMS_TEMPLATES)[number];

export interface SmsMessage {
  /** 11-digit mainland number (13800000001) or E.164 (+8613800000001). */
  phone: string;
  template: SmsTemplate;
  /** Named values for the template, e.g. { code: '123456', minutes: '5' }. */
  params: Record<string, string>;
}

export interface SmsChannel {
  name: string;
  send(msg: SmsMessage): Promise<{ providerMessageId: string }>;
}

/**
 * The parameter names each template takes, in order. Tencent Cloud templates
 * have numbered placeholders ({1}, {2}, ...) filled from an ordered list, so
 * the order here must match the template approved in the console (override it
 * with YIMA_SMS_TENCENT_TEMPLATE_PARAMS). Aliyun templates use these names as
 * ${code}-style variables.
 */
export const DEFAULT_SMS_TEMPLATE_PARAMS: Record<SmsTemplate, string[]> = {
  login_code: ['code', 'minutes'],
  claim_invite: ['org', 'link'],
  visitor_pass: ['host', 'time', 'link'],
  notice: ['org', 'title'],
};

const MAINLAND = /^1[3-9]\d{9}$/;

/** +8613800000001 for Tencent Cloud (which wants E.164). */
export function toE164(phone: string, provider: AdapterProvider): string {
  const p = phone.replace(/[\s-]/g, '');
  if (MAINLAND.test(p)) return `+86${p}`;
  if (/^\+\d{6,15}$/.test(p)) return p;
  if (/^86(1[3-9]\d{9})$/.test(p)) return `+${p}`;
  throw invalidPhone(phone, provider);
}

/** 13800000001 for mainland, 85200000000 (country code, no +) otherwise, as Aliyun wants. */
export function toAliyunPhone(phone: string, provider: AdapterProvider): string {
  const e164 = toE164(phone, provider);
  return e164.startsWith('+86') ? e164.slice(3) : e164.slice(1);
}

/** 138****0001: enough to tell numbers apart in logs without printing them. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/^\+86/, '');
  if (digits.length < 8) return '*'.repeat(digits.length);
  return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
}

function invalidPhone(phone: string, provider: AdapterProvider): AdapterError {
  return new AdapterError({
    provider,
    code: 'invalid_phone',
    message: `"${maskPhone(phone)}" is not a phone number we can text; use an 11-digit mainland number or +<country code><number>`,
  });
}

/**
 * The template's parameter values in order, or sms_template_params naming the
 * missing ones. Every channel checks this, so a caller that forgets a
 * parameter fails on the console channel too, not first in production.
 */
export function orderedParams(
  msg: SmsMessage,
  provider: AdapterProvider,
  order: readonly string[] = DEFAULT_SMS_TEMPLATE_PARAMS[msg.template],
): string[] {
  const missing = order.filter((name) => typeof msg.params[name] !== 'string');
  if (missing.length) {
    throw new AdapterError({
      provider,
      code: 'sms_template_params',
      message: `SMS template "${msg.template}" needs ${order.join(', ')}; ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} missing`,
    });
  }
  return order.map((name) => msg.params[name] ?? '');
}
