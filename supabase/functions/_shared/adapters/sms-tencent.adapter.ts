// Tencent Cloud SMS (腾讯云短信), API 3.0 SendSms, version 2021-01-11:
//   POST https://sms.tencentcloudapi.com/  (JSON body)
//   X-TC-Action: SendSms, X-TC-Version: 2021-01-11, X-TC-Timestamp, X-TC-Region
//   Authorization: TC3-HMAC-SHA256 Credential=<SecretId>/<date>/sms/tc3_request,
//                  SignedHeaders=content-type;host;x-tc-action, Signature=<hex>
// signTc3 below implements the signature (published algorithm "签名方法 v3").
// Errors come back as HTTP 200 with Response.Error, per-number failures in
// Response.SendStatusSet[i].Code (anything but "Ok").
import { AdapterError, type AdapterErrorCode } from './adapter-error.ts';
import { checkTimeout, defaultFetch, exchange, parseJsonObject, type FetchLike } from './provider-http.ts';
import { hmac, sha256Hex, toHex } from '../crypto.ts';
import { maskPhone, orderedParams, toE164, type SmsChannel, type SmsMessage, type SmsTemplate } from './sms-channel.ts';

export const TENCENT_SMS_ENDPOINT = 'https://sms.tencentcloudapi.com';
const VERSION = '2021-01-11';
const SERVICE = 'sms';
const CONTENT_TYPE = 'application/json; charset=utf-8';

export interface Tc3SignInput {
  secretId: string;
  secretKey: string;
  /** Product name, as in the host: "sms", "cvm". */
  service: string;
  /** Unix seconds; also gives the UTC date of the credential scope. */
  timestamp: number;
  method?: 'POST' | 'GET';
  canonicalQueryString?: string;
  /** Exactly the headers to sign (at least content-type and host), any case. */
  headers: Record<string, string>;
  payload: string;
}

export interface Tc3Signature {
  authorization: string;
  signature: string;
  signedHeaders: string;
  credentialScope: string;
  canonicalRequest: string;
  stringToSign: string;
}

/** TC3-HMAC-SHA256: canonical request -> string to sign -> key derived from "TC3"+SecretKey, date, service, "tc3_request". */
export async function signTc3(input: Tc3SignInput): Promise<Tc3Signature> {
  const date = new Date(input.timestamp * 1000).toISOString().slice(0, 10);
  const headers = Object.entries(input.headers)
    .map(([k, v]) => [k.trim().toLowerCase(), v.trim().toLowerCase()] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const canonicalHeaders = headers.map(([k, v]) => `${k}:${v}\n`).join('');
  const signedHeaders = headers.map(([k]) => k).join(';');
  const canonicalRequest = [
    input.method ?? 'POST',
    '/',
    input.canonicalQueryString ?? '',
    canonicalHeaders,
    signedHeaders,
    await sha256Hex(input.payload),
  ].join('\n');
  const credentialScope = `${date}/${input.service}/tc3_request`;
  const stringToSign = ['TC3-HMAC-SHA256', String(input.timestamp), credentialScope, await sha256Hex(canonicalRequest)].join('\n');
  const secretDate = await hmac('SHA-256', `TC3${input.secretKey}`, date);
  const secretService = await hmac('SHA-256', secretDate, input.service);
  const secretSigning = await hmac('SHA-256', secretService, 'tc3_request');
  const signature = toHex(await hmac('SHA-256', secretSigning, stringToSign));
  return {
    authorization: `TC3-HMAC-SHA256 Credential=${input.secretId}/${credentialScope}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
    signature,
    signedHeaders,
    credentialScope,
    canonicalRequest,
    stringToSign,
  };
}

export interface TencentSmsConfig {
  secretId: string;
  secretKey: string;
  /** SMS application id (SmsSdkAppId), e.g. "1400006666". */
  sdkAppId: string;
  /** Approved signature text (签名内容), e.g. "一码通". */
  signName: string;
  region?: string;
  /** Approved template id per template; a template not listed cannot be sent. */
  templateIds: Partial<Record<SmsTemplate, string>>;
  /** Parameter order per template; defaults to DEFAULT_SMS_TEMPLATE_PARAMS. */
  templateParamOrder?: Partial<Record<SmsTemplate, string[]>>;
  endpoint?: string;
  fetch?: FetchLike;
  timeoutMs?: number;
  /** Clock in ms (the signature embeds the time). */
  now?: () => number;
}

export class TencentSmsChannel implements SmsChannel {
  readonly name = 'tencent';
  private readonly config: TencentSmsConfig;
  private readonly fetch: FetchLike;
  private readonly timeoutMs: number;

  constructor(config: TencentSmsConfig) {
    this.config = config;
    this.fetch = config.fetch ?? defaultFetch;
    this.timeoutMs = checkTimeout(config.timeoutMs);
  }

  async send(msg: SmsMessage): Promise<{ providerMessageId: string }> {
    const { config } = this;
    const templateId = config.templateIds[msg.template];
    if (!templateId) {
      throw new AdapterError({
        provider: 'sms.tencent',
        code: 'sms_template_missing',
        message: `No Tencent Cloud SMS template is configured for "${msg.template}"; add it to YIMA_SMS_TENCENT_TEMPLATE_IDS`,
      });
    }
    const values = orderedParams(msg, 'sms.tencent', config.templateParamOrder?.[msg.template]);
    const payload = JSON.stringify({
      PhoneNumberSet: [toE164(msg.phone, 'sms.tencent')],
      SmsSdkAppId: config.sdkAppId,
      SignName: config.signName,
      TemplateId: templateId,
      TemplateParamSet: values,
    });
    const endpoint = new URL(config.endpoint ?? TENCENT_SMS_ENDPOINT);
    const timestamp = Math.floor((config.now ?? Date.now)() / 1000);
    // fetch sets Host from the URL itself, so sign exactly that (host[:port]).
    const signed = await signTc3({
      secretId: config.secretId,
      secretKey: config.secretKey,
      service: SERVICE,
      timestamp,
      headers: { 'content-type': CONTENT_TYPE, host: endpoint.host, 'x-tc-action': 'SendSms' },
      payload,
    });
    const what = 'Tencent Cloud SMS SendSms';
    const reply = await exchange({
      provider: 'sms.tencent',
      what,
      fetch: this.fetch,
      url: endpoint.toString(),
      timeoutMs: this.timeoutMs,
      init: {
        method: 'POST',
        body: payload,
        headers: {
          authorization: signed.authorization,
          'content-type': CONTENT_TYPE,
          'x-tc-action': 'SendSms',
          'x-tc-version': VERSION,
          'x-tc-timestamp': String(timestamp),
          'x-tc-region': config.region ?? 'ap-guangzhou',
        },
      },
    });
    const body = parseJsonObject(reply, { provider: 'sms.tencent', what });
    const response = (typeof body.Response === 'object' && body.Response !== null ? body.Response : {}) as Record<string, unknown>;
    const error = response.Error as { Code?: unknown; Message?: unknown } | undefined;
    if (error && typeof error === 'object') {
      throw tencentError(String(error.Code ?? 'Unknown'), String(error.Message ?? ''), reply.status, msg.phone);
    }
    const status = Array.isArray(response.SendStatusSet) ? (response.SendStatusSet[0] as Record<string, unknown> | undefined) : undefined;
    if (!status || typeof status.Code !== 'string') {
      throw new AdapterError({
        provider: 'sms.tencent',
        code: 'provider_bad_response',
        status: reply.status,
        message: `${what} answered HTTP ${reply.status} without Response.SendStatusSet or Response.Error`,
      });
    }
    if (status.Code !== 'Ok') throw tencentError(status.Code, String(status.Message ?? ''), reply.status, msg.phone);
    return { providerMessageId: typeof status.SerialNo === 'string' ? status.SerialNo : String(response.RequestId ?? '') };
  }
}

function tencentError(providerCode: string, providerMessage: string, status: number, phone: string): AdapterError {
  const said = `${providerCode}${providerMessage ? `: ${providerMessage}` : ''}`;
  let code: AdapterErrorCode = 'sms_rejected';
  let message = `Tencent Cloud SMS refused the message (${said})`;
  if (providerCode === 'AuthFailure.SignatureExpire') {
    code = 'invalid_credentials';
    message = `Tencent Cloud SMS says the request time is off by more than 5 minutes (${said}); sync the server clock`;
  } else if (providerCode.startsWith('AuthFailure')) {
    code = 'invalid_credentials';
    message = `Tencent Cloud SMS rejected our credentials (${said}); check YIMA_SMS_TENCENT_SECRET_ID and YIMA_SMS_TENCENT_SECRET_KEY`;
  } else if (providerCode.startsWith('LimitExceeded') || providerCode === 'RequestLimitExceeded') {
    code = 'rate_limited';
    message = `Too many text messages to ${maskPhone(phone)} for now (${said}); wait and try again later`;
  } else if (providerCode === 'InvalidParameterValue.IncorrectPhoneNumber' || providerCode === 'FailedOperation.PhoneNumberInBlacklist') {
    code = 'invalid_phone';
    message = `Tencent Cloud SMS cannot text ${maskPhone(phone)} (${said}); check the number`;
  } else if (providerCode.includes('Template') || providerCode.includes('Signature') || providerCode.includes('SdkAppId')) {
    message = `Tencent Cloud SMS refused the message (${said}); check YIMA_SMS_TENCENT_SDK_APP_ID, _SIGN_NAME and _TEMPLATE_IDS against the console`;
  }
  return new AdapterError({ provider: 'sms.tencent', code, message, status, providerCode });
}
