// The one error type every external-provider adapter throws. `code` is stable
// (callers switch on it and map it to an HTTP status, see ../adapter-errors.ts);
// `message` says what went wrong and what to do about it, in English, and never
// contains a secret.

export type AdapterProvider = 'wechat' | 'wecom' | 'sms.tencent' | 'sms.aliyun' | 'sms.console' | 'enterprise' | 'wechatpay';

export type AdapterErrorCode =
  // Login codes (WeChat / WeCom)
  | 'invalid_code'
  | 'code_used'
  | 'user_blocked'
  // Subscribe messages: the user has not accepted this template (WeChat 43101)
  | 'user_not_subscribed'
  // Throttling and provider health
  | 'rate_limited'
  | 'provider_busy'
  | 'provider_timeout'
  | 'provider_unreachable'
  | 'provider_bad_response'
  | 'provider_error'
  // Our configuration is wrong (secret, IP allow-list, templates)
  | 'invalid_credentials'
  | 'ip_not_allowed'
  | 'sms_template_missing'
  | 'sms_template_params'
  // SMS delivery
  | 'invalid_phone'
  | 'sms_rejected'
  // Enterprise "API verification"
  | 'enterprise_misconfigured'
  | 'enterprise_timeout'
  | 'enterprise_error'
  | 'enterprise_bad_response'
  // WeChat Pay (微信支付 API v3): signatures and notifications
  | 'bad_signature'
  | 'stale_notification'
  | 'decrypt_failed'
  // WeChat Pay: requests and orders
  | 'invalid_amount'
  | 'invalid_request'
  | 'order_paid'
  | 'order_closed'
  | 'order_not_found'
  | 'insufficient_funds'
  | 'payment_rejected';

export interface AdapterErrorInit {
  provider: AdapterProvider;
  code: AdapterErrorCode;
  message: string;
  /** HTTP status the provider answered with, when it answered at all. */
  status?: number;
  /** The provider's own error code (errcode 40029, AuthFailure.SignatureFailure, ...), for logs. */
  providerCode?: string;
  cause?: unknown;
}

export class AdapterError extends Error {
  readonly provider: AdapterProvider;
  readonly code: AdapterErrorCode;
  readonly status?: number;
  readonly providerCode?: string;

  constructor(init: AdapterErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'AdapterError';
    this.provider = init.provider;
    this.code = init.code;
    if (init.status !== undefined) this.status = init.status;
    if (init.providerCode !== undefined) this.providerCode = init.providerCode;
  }
}
