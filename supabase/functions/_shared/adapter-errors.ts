// Turns an external-provider failure into the HTTP error the caller sees.
import type { AdapterError } from './adapters/index.ts';
import { HttpError } from './http.ts';

const STATUS: Record<string, number> = {
  invalid_code: 400,
  code_used: 400,
  invalid_phone: 400,
  user_blocked: 403,
  rate_limited: 429,
  provider_timeout: 504,
  enterprise_timeout: 504,
  provider_busy: 503,
  invalid_credentials: 503,
  ip_not_allowed: 503,
  sms_template_missing: 503,
  enterprise_misconfigured: 503,
  sms_template_params: 500,
  // WeChat Pay (outgoing calls; the notify endpoint maps its own).
  invalid_amount: 400,
  invalid_request: 400,
  order_paid: 409,
  order_closed: 409,
  order_not_found: 404,
  insufficient_funds: 409,
  payment_rejected: 409,
};

export function adapterHttpError(error: AdapterError): HttpError {
  return new HttpError(STATUS[error.code] ?? 502, error.code, error.message);
}
