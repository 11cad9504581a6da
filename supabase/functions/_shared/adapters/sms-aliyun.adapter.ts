// Aliyun SMS (阿里云短信服务 Dysmsapi), RPC-style SendSms, version 2017-05-25:
//   POST https://dysmsapi.aliyuncs.com/  (application/x-www-form-urlencoded)
//   AccessKeyId, Action=SendSms, Format=JSON, PhoneNumbers, RegionId, SignName,
//   SignatureMethod=HMAC-SHA1, SignatureNonce, SignatureVersion=1.0,
//   TemplateCode, TemplateParam (JSON), Timestamp (UTC, yyyy-MM-ddTHH:mm:ssZ),
//   Version=2017-05-25, Signature
// Signature (RPC signature v1.0): sort the parameters by name, POP-percent-encode
// names and values, join as a query string, then
//   StringToSign = METHOD + "&" + enc("/") + "&" + enc(query)
//   Signature    = base64(HMAC-SHA1(AccessKeySecret + "&", StringToSign))
// Success is { Code: "OK", BizId, RequestId }; anything else carries Code/Message.
import { AdapterError, type AdapterErrorCode } from './adapter-error.ts';
import { checkTimeout, defaultFetch, exchange, parseJsonObject, type FetchLike } from './provider-http.ts';
import { hmac, toBase64 } from '../crypto.ts';
import { maskPhone, orderedParams, toAliyunPhone, type SmsChannel, type SmsMessage, type SmsTemplate } from './sms-channel.ts';

export const ALIYUN_SMS_ENDPOINT = 'https://dysmsapi.aliyuncs.com/';

/**
 * POP percent-encoding: RFC 3986, UTF-8; only A-Z a-z 0-9 - _ . ~ stay as
 * they are, space is %20 (not +), and ! ' ( ) * are encoded too.
 */
export function popPercentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export interface AliyunRpcSignature {
  canonicalQuery: string;
  stringToSign: string;
  signature: string;
}

export async function signAliyunRpc(input: {
  method: 'GET' | 'POST';
  params: Record<string, string>;
  accessKeySecret: string;
}): Promise<AliyunRpcSignature> {
  const canonicalQuery = Object.keys(input.params)
    .filter((k) => k !== 'Signature')
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((k) => `${popPercentEncode(k)}=${popPercentEncode(input.params[k] ?? '')}`)
    .join('&');
  const stringToSign = `${input.method}&${popPercentEncode('/')}&${popPercentEncode(canonicalQuery)}`;
  const signature = toBase64(await hmac('SHA-1', `${input.accessKeySecret}&`, stringToSign));
  return { canonicalQuery, stringToSign, signature };
}

export interface AliyunSmsConfig {
  accessKeyId: string;
  accessKeySecret: string;
  /** Approved signature (签名名称), e.g. "一码通". */
  signName: string;
  /** Approved template code per template (SMS_123456789); a template not listed cannot be sent. */
  templateCodes: Partial<Record<SmsTemplate, string>>;
  regionId?: string;
  endpoint?: string;
  fetch?: FetchLike;
  timeoutMs?: number;
  now?: () => number;
  /** SignatureNonce source; must never repeat (Aliyun rejects reused nonces). */
  nonce?: () => string;
}

export class AliyunSmsChannel implements SmsChannel {
  readonly name = 'aliyun';
  private readonly config: AliyunSmsConfig;
  private readonly fetch: FetchLike;
  private readonly timeoutMs: number;

  constructor(config: AliyunSmsConfig) {
    this.config = config;
    this.fetch = config.fetch ?? defaultFetch;
    this.timeoutMs = checkTimeout(config.timeoutMs);
  }

  async send(msg: SmsMessage): Promise<{ providerMessageId: string }> {
    const { config } = this;
    const templateCode = config.templateCodes[msg.template];
    if (!templateCode) {
      throw new AdapterError({
        provider: 'sms.aliyun',
        code: 'sms_template_missing',
        message: `No Aliyun SMS template is configured for "${msg.template}"; add it to YIMA_SMS_ALIYUN_TEMPLATE_CODES`,
      });
    }
    orderedParams(msg, 'sms.aliyun');
    const params: Record<string, string> = {
      AccessKeyId: config.accessKeyId,
      Action: 'SendSms',
      Format: 'JSON',
      PhoneNumbers: toAliyunPhone(msg.phone, 'sms.aliyun'),
      RegionId: config.regionId ?? 'cn-hangzhou',
      SignName: config.signName,
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: (config.nonce ?? (() => crypto.randomUUID()))(),
      SignatureVersion: '1.0',
      TemplateCode: templateCode,
      TemplateParam: JSON.stringify(msg.params),
      Timestamp: new Date((config.now ?? Date.now)()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      Version: '2017-05-25',
    };
    const signed = await signAliyunRpc({ method: 'POST', params, accessKeySecret: config.accessKeySecret });
    const what = 'Aliyun SMS SendSms';
    const reply = await exchange({
      provider: 'sms.aliyun',
      what,
      fetch: this.fetch,
      url: config.endpoint ?? ALIYUN_SMS_ENDPOINT,
      timeoutMs: this.timeoutMs,
      init: {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: `${signed.canonicalQuery}&Signature=${popPercentEncode(signed.signature)}`,
      },
    });
    const body = parseJsonObject(reply, { provider: 'sms.aliyun', what });
    const code = typeof body.Code === 'string' ? body.Code : '';
    if (code === 'OK') return { providerMessageId: typeof body.BizId === 'string' ? body.BizId : String(body.RequestId ?? '') };
    if (!code) {
      throw new AdapterError({ provider: 'sms.aliyun', code: 'provider_bad_response', status: reply.status, message: `${what} answered HTTP ${reply.status} without a Code` });
    }
    throw aliyunError(code, typeof body.Message === 'string' ? body.Message : '', reply.status, msg.phone);
  }
}

const AUTH_CODES = new Set([
  'SignatureDoesNotMatch', 'IncompleteSignature', 'InvalidAccessKeyId.NotFound', 'InvalidAccessKeyId.Inactive',
  'InvalidAccessKeyId', 'Forbidden.RAM', 'isv.ACCOUNT_NOT_EXISTS', 'isv.ACCOUNT_ABNORMAL',
]);

function aliyunError(providerCode: string, providerMessage: string, status: number, phone: string): AdapterError {
  const said = `${providerCode}${providerMessage ? `: ${providerMessage}` : ''}`;
  let code: AdapterErrorCode = 'sms_rejected';
  let message = `Aliyun SMS refused the message (${said})`;
  if (providerCode.startsWith('InvalidTimeStamp')) {
    code = 'invalid_credentials';
    message = `Aliyun SMS says the request timestamp is too far from its clock (${said}); sync the server clock`;
  } else if (AUTH_CODES.has(providerCode)) {
    code = 'invalid_credentials';
    message = `Aliyun SMS rejected our credentials (${said}); check YIMA_SMS_ALIYUN_ACCESS_KEY_ID and YIMA_SMS_ALIYUN_ACCESS_KEY_SECRET`;
  } else if (providerCode === 'isv.BUSINESS_LIMIT_CONTROL' || providerCode.startsWith('Throttling') || providerCode === 'isv.DAY_LIMIT_CONTROL') {
    code = 'rate_limited';
    message = `Too many text messages to ${maskPhone(phone)} for now (${said}); wait and try again later`;
  } else if (providerCode === 'isv.MOBILE_NUMBER_ILLEGAL' || providerCode === 'isv.BLACK_KEY_CONTROL_LIMIT') {
    code = 'invalid_phone';
    message = `Aliyun SMS cannot text ${maskPhone(phone)} (${said}); check the number`;
  } else if (providerCode.startsWith('isv.SMS_TEMPLATE') || providerCode.startsWith('isv.SMS_SIGNATURE') || providerCode === 'isv.TEMPLATE_MISSING_PARAMETERS') {
    message = `Aliyun SMS refused the message (${said}); check YIMA_SMS_ALIYUN_SIGN_NAME and YIMA_SMS_ALIYUN_TEMPLATE_CODES against the console`;
  }
  return new AdapterError({ provider: 'sms.aliyun', code, message, status, providerCode });
}
