// Fake SMS providers that check credentials the way the real ones do, with an
// implementation of each signature written independently of the adapters
// (node:crypto, byte-level percent-encoding), so an adapter that signs wrongly
// fails against the fake just as it would in production.
//   Tencent Cloud SMS 2021-01-11 SendSms, TC3-HMAC-SHA256 (Response.Error shape)
//   Aliyun Dysmsapi 2017-05-25 SendSms, RPC HMAC-SHA1 signature ({Code, Message} shape)
// Both reject timestamps more than 5 minutes off, and Aliyun reused nonces.
import { createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { header, startFakeServer, type FakeReply, type FakeRequest } from './fake-http.ts';

export interface FakeSmsMessage {
  /** National number for mainland phones (13800000001), as received otherwise. */
  phone: string;
  templateId: string;
  /** Template values in order (Tencent TemplateParamSet; Aliyun TemplateParam values in key order). */
  params: string[];
  /** Aliyun only: TemplateParam as sent. */
  namedParams?: Record<string, string>;
  signName: string;
}

export interface SmsFake {
  url: string;
  messages: FakeSmsMessage[];
  /** The first template value of the latest message to this phone: the login code. */
  lastCode(phone: string): string | undefined;
  /** The next send fails with this provider code (per-number for Tencent, Code for Aliyun). */
  failNext(code: string, message?: string): void;
  delayMs: number;
  stop(): Promise<void>;
}

const CLOCK_SKEW_SECONDS = 300;
const MAINLAND = /^1[3-9]\d{9}$/;

function national(phone: string): string {
  return phone.replace(/^\+86/, '');
}

function makeFake(
  url: string,
  stop: () => Promise<void>,
  messages: FakeSmsMessage[],
  failures: Array<{ code: string; message: string }>,
  delay: { ms: number },
): SmsFake {
  return {
    url,
    messages,
    lastCode(phone) {
      const target = national(phone);
      for (let i = messages.length - 1; i >= 0; i--) {
        const m = messages[i];
        if (m && m.phone === target) return m.params[0];
      }
      return undefined;
    },
    failNext(code, message = 'injected failure') {
      failures.push({ code, message });
    },
    get delayMs() {
      return delay.ms;
    },
    set delayMs(ms: number) {
      delay.ms = ms;
    },
    stop,
  };
}

// ---------------------------------------------------------------- Tencent Cloud

export async function startTencentSmsFake(opts: { secretId: string; secretKey: string; sdkAppId: string }): Promise<SmsFake> {
  const messages: FakeSmsMessage[] = [];
  const failures: Array<{ code: string; message: string }> = [];
  const delay = { ms: 0 };

  const server = await startFakeServer((req) => {
    const requestId = randomUUID();
    const fail = (Code: string, Message: string): FakeReply => ({ json: { Response: { Error: { Code, Message }, RequestId: requestId } } });
    if (req.url.pathname !== '/') return { status: 404, text: 'not found' };
    if (req.method !== 'POST') return fail('UnsupportedProtocol', 'This fake only speaks POST with a JSON body.');

    const authError = checkTc3(req, opts);
    if (authError) return fail(authError.code, authError.message);
    if (header(req, 'x-tc-action') !== 'SendSms') return fail('InvalidAction', `Action ${header(req, 'x-tc-action') ?? ''} does not exist.`);
    if (header(req, 'x-tc-version') !== '2021-01-11') return fail('NoSuchVersion', `Version ${header(req, 'x-tc-version') ?? ''} does not exist.`);
    if (!header(req, 'x-tc-region')) return fail('MissingParameter', 'The request is missing a required parameter `Region`.');

    let body: { PhoneNumberSet?: unknown; SmsSdkAppId?: unknown; SignName?: unknown; TemplateId?: unknown; TemplateParamSet?: unknown };
    try {
      body = JSON.parse(req.body) as typeof body;
    } catch {
      return fail('InvalidParameter', 'The request body is not valid JSON.');
    }
    if (body.SmsSdkAppId !== opts.sdkAppId) return fail('InvalidParameterValue.SdkAppIdNotExist', 'SdkAppId does not exist.');
    if (typeof body.SignName !== 'string' || !body.SignName) return fail('MissingParameter', 'The request is missing a required parameter `SignName`.');
    if (typeof body.TemplateId !== 'string' || !/^\d+$/.test(body.TemplateId)) return fail('InvalidParameterValue.TemplateParameterFormatError', 'TemplateId must be a numeric string.');
    const phones = body.PhoneNumberSet;
    if (!Array.isArray(phones) || phones.length === 0 || !phones.every((p) => typeof p === 'string')) {
      return fail('MissingParameter', 'The request is missing a required parameter `PhoneNumberSet`.');
    }
    const params = body.TemplateParamSet ?? [];
    if (!Array.isArray(params) || !params.every((p) => typeof p === 'string')) {
      return fail('InvalidParameterValue.TemplateParameterFormatError', 'TemplateParamSet must be an array of strings.');
    }
    const SendStatusSet = (phones as string[]).map((phone) => {
      const status = { SerialNo: '', PhoneNumber: phone, Fee: 0, SessionContext: '', IsoCode: 'CN', Code: 'Ok', Message: 'send success' };
      const injected = failures.shift();
      if (injected) return { ...status, Code: injected.code, Message: injected.message };
      if (!/^\+86/.test(phone) || !MAINLAND.test(national(phone))) {
        return { ...status, Code: 'InvalidParameterValue.IncorrectPhoneNumber', Message: 'invalid mobile number' };
      }
      messages.push({ phone: national(phone), templateId: body.TemplateId as string, params: params as string[], signName: body.SignName as string });
      return { ...status, SerialNo: `2028:${randomBytes(10).toString('hex')}`, Fee: 1 };
    });
    return { json: { Response: { SendStatusSet, RequestId: requestId } } };
  }, { delayMs: () => delay.ms });

  return makeFake(server.url, server.stop, messages, failures, delay);
}

const TC3_AUTH = /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/([a-z0-9]+)\/tc3_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/;

/** Server-side TC3 check: timestamp window, SecretId, credential scope, then the recomputed signature. */
function checkTc3(req: FakeRequest, opts: { secretId: string; secretKey: string }): { code: string; message: string } | undefined {
  const authorization = header(req, 'authorization') ?? '';
  const match = TC3_AUTH.exec(authorization);
  if (!match) return { code: 'AuthFailure.InvalidAuthorization', message: 'Authorization is not a TC3-HMAC-SHA256 credential.' };
  const [, secretId, date, service, signedHeaders, signature] = match as unknown as [string, string, string, string, string, string];
  const timestamp = Number(header(req, 'x-tc-timestamp'));
  if (!Number.isInteger(timestamp)) return { code: 'MissingParameter', message: 'The request is missing a required parameter `Timestamp`.' };
  if (Math.abs(Date.now() / 1000 - timestamp) > CLOCK_SKEW_SECONDS) {
    return { code: 'AuthFailure.SignatureExpire', message: 'Signature expired. Timestamp is out of the allowed 5 minute window.' };
  }
  if (secretId !== opts.secretId) return { code: 'AuthFailure.SecretIdNotFound', message: 'The SecretId is not found, please ensure that your SecretId is correct.' };
  const utcDate = new Date(timestamp * 1000).toISOString().slice(0, 10);
  if (date !== utcDate || service !== 'sms') {
    return { code: 'AuthFailure.SignatureFailure', message: `Credential scope ${date}/${service} does not match ${utcDate}/sms.` };
  }
  const names = signedHeaders.split(';');
  if (!names.includes('content-type') || !names.includes('host')) {
    return { code: 'AuthFailure.SignatureFailure', message: 'SignedHeaders must include content-type and host.' };
  }
  const canonicalHeaders = names.map((name) => `${name}:${(header(req, name) ?? '').trim().toLowerCase()}\n`).join('');
  const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
  const canonicalRequest = `POST\n/\n\n${canonicalHeaders}\n${signedHeaders}\n${sha256(req.body)}`;
  const stringToSign = `TC3-HMAC-SHA256\n${timestamp}\n${date}/sms/tc3_request\n${sha256(canonicalRequest)}`;
  const kDate = createHmac('sha256', `TC3${opts.secretKey}`).update(date).digest();
  const kService = createHmac('sha256', kDate).update('sms').digest();
  const kSigning = createHmac('sha256', kService).update('tc3_request').digest();
  const expected = createHmac('sha256', kSigning).update(stringToSign, 'utf8').digest();
  if (!timingSafeEqual(expected, Buffer.from(signature, 'hex'))) {
    return { code: 'AuthFailure.SignatureFailure', message: 'The provided credentials could not be validated. Please check your signature is correct.' };
  }
  return undefined;
}

// ---------------------------------------------------------------- Aliyun

export async function startAliyunSmsFake(opts: { accessKeyId: string; accessKeySecret: string }): Promise<SmsFake> {
  const messages: FakeSmsMessage[] = [];
  const failures: Array<{ code: string; message: string }> = [];
  const delay = { ms: 0 };
  const nonces = new Set<string>();

  const server = await startFakeServer((req) => {
    const RequestId = randomUUID().toUpperCase();
    const fail = (status: number, Code: string, Message: string): FakeReply => ({
      status,
      json: { RequestId, HostId: 'dysmsapi.aliyuncs.com', Code, Message, Recommend: `https://api.aliyun.com/troubleshoot?q=${Code}` },
    });
    if (req.url.pathname !== '/') return { status: 404, text: 'not found' };
    if (req.method !== 'GET' && req.method !== 'POST') return fail(400, 'UnsupportedHTTPMethod', `${req.method} is not supported.`);

    const params = new Map<string, string>(req.url.searchParams);
    if (req.method === 'POST' && req.body) for (const [k, v] of new URLSearchParams(req.body)) params.set(k, v);
    const p = (name: string) => params.get(name);

    for (const name of ['AccessKeyId', 'Action', 'SignatureMethod', 'SignatureNonce', 'SignatureVersion', 'Timestamp', 'Version']) {
      if (!p(name)) return fail(400, `Missing${name}`, `${name} is mandatory for this action.`);
    }
    if (!p('Signature')) return fail(400, 'IncompleteSignature', 'The request signature does not conform to Aliyun standards.');
    if (p('AccessKeyId') !== opts.accessKeyId) return fail(404, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.');
    if (p('SignatureMethod') !== 'HMAC-SHA1') return fail(400, 'InvalidSignatureMethod', 'Specified signature method is not supported.');
    if (p('SignatureVersion') !== '1.0') return fail(400, 'InvalidSignatureVersion', 'Specified signature version is not supported.');
    const timestamp = p('Timestamp') ?? '';
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(timestamp)) {
      return fail(400, 'InvalidTimeStamp.Format', 'Specified time stamp or date value is not well formatted.');
    }
    if (Math.abs(Date.parse(timestamp) - Date.now()) > CLOCK_SKEW_SECONDS * 1000) {
      return fail(400, 'InvalidTimeStamp.Expired', 'Specified time stamp or date value is expired.');
    }
    const stringToSign = aliyunStringToSign(req.method, params);
    const expected = createHmac('sha1', `${opts.accessKeySecret}&`).update(stringToSign, 'utf8').digest();
    const given = Buffer.from(p('Signature') ?? '', 'base64');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return fail(400, 'SignatureDoesNotMatch', `Specified signature is not matched with our calculation. server string to sign is:${stringToSign}`);
    }
    const nonce = p('SignatureNonce') ?? '';
    if (nonces.has(nonce)) return fail(400, 'SignatureNonceUsed', 'Specified signature nonce was used already.');
    nonces.add(nonce);
    if (p('Action') !== 'SendSms') return fail(404, 'InvalidAction.NotFound', `Specified api is not found, please check your url and method.`);
    if (p('Version') !== '2017-05-25') return fail(400, 'InvalidVersion', 'Specified parameter Version is not valid.');

    // Business errors come back with HTTP 200 and a Code, as Dysmsapi does.
    const biz = (Code: string, Message: string): FakeReply => ({ json: { RequestId, Code, Message } });
    const phone = p('PhoneNumbers') ?? '';
    if (!phone) return fail(400, 'MissingPhoneNumbers', 'PhoneNumbers is mandatory for this action.');
    const signName = p('SignName') ?? '';
    if (!signName) return fail(400, 'MissingSignName', 'SignName is mandatory for this action.');
    const templateCode = p('TemplateCode') ?? '';
    if (!templateCode) return fail(400, 'MissingTemplateCode', 'TemplateCode is mandatory for this action.');
    let named: Record<string, string> = {};
    const rawParam = p('TemplateParam');
    if (rawParam) {
      try {
        const parsed: unknown = JSON.parse(rawParam);
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
        named = Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, String(v)]));
      } catch {
        return biz('isv.INVALID_JSON_PARAM', 'JSON参数不合法，只接受字符串值');
      }
    }
    const injected = failures.shift();
    if (injected) return biz(injected.code, injected.message);
    if (!MAINLAND.test(phone)) return biz('isv.MOBILE_NUMBER_ILLEGAL', '非法手机号');
    messages.push({ phone, templateId: templateCode, params: Object.values(named), namedParams: named, signName });
    return { json: { RequestId, Code: 'OK', Message: 'OK', BizId: `${Date.now()}${randomBytes(3).readUIntBE(0, 3)}^0` } };
  }, { delayMs: () => delay.ms });

  return makeFake(server.url, server.stop, messages, failures, delay);
}

/** RFC 3986 over UTF-8 bytes: only A-Z a-z 0-9 - _ . ~ pass through. */
function popEncode(value: string): string {
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-_.~]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

function aliyunStringToSign(method: string, params: Map<string, string>): string {
  const query = [...params.keys()]
    .filter((k) => k !== 'Signature')
    .sort()
    .map((k) => `${popEncode(k)}=${popEncode(params.get(k) ?? '')}`)
    .join('&');
  return `${method}&${popEncode('/')}&${popEncode(query)}`;
}
