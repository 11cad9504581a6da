// WeChat Pay API v3 (微信支付 APIv3) for a direct merchant (普通商户) taking
// payments in the mini-program, with refunds and profit sharing. Crypto lives
// in wechatpay-sign.ts. Runtime-neutral (Deno and Node): fetch + WebCrypto.
//
//   POST {baseUrl}/v3/pay/transactions/jsapi                  JSAPI下单 / 小程序下单 -> { prepay_id }
//        then 小程序调起支付 (wx.requestPayment params, paySign)
//   GET  {baseUrl}/v3/pay/transactions/out-trade-no/{no}?mchid=  商户订单号查询订单 -> transaction
//   POST {baseUrl}/v3/refund/domestic/refunds                 退款申请 (申请退款) -> refund
//   POST {baseUrl}/v3/profitsharing/receivers/add             添加分账接收方 (name encrypted, 敏感信息加密)
//   POST {baseUrl}/v3/profitsharing/orders                    请求分账 -> { order_id, state }
//   callbacks: 支付成功回调通知 / 退款结果回调通知, parsed by parseNotification (回调通知, 证书和回调报文解密)
//
// Every request is signed (签名生成, Authorization: WECHATPAY2-SHA256-RSA2048 ...)
// and carries Wechatpay-Serial = the 微信支付公钥 id, so WeChat Pay answers with
// that key. Every successful response must carry a valid signature by that key
// (签名验证: Wechatpay-Timestamp/-Nonce/-Signature/-Serial over the raw body),
// else 'bad_signature'. Error responses ({ code, message }, HTTP 4xx/5xx) are
// verified when signed; an unsigned one is still reported as the error it
// claims to be, since trusting it can only make a call fail.
import { AdapterError, type AdapterErrorCode } from './adapter-error.ts';
import { checkTimeout, defaultFetch, exchange, joinUrl, preview, type FetchLike, type ProviderReply } from './provider-http.ts';
import {
  buildAuthorization, decryptResource, encryptSensitiveField, importMerchantPrivateKey, importWechatpayEncryptionKey,
  importWechatpayPublicKey, miniProgramPayParams, verifyWechatpaySignature, WECHATPAY_MAX_CLOCK_SKEW_S,
  type MiniProgramPayParams,
} from './wechatpay-sign.ts';

export const WECHATPAY_API_BASE = 'https://api.mch.weixin.qq.com';
const PROVIDER = 'wechatpay' as const;
const USER_AGENT = 'yima-wechatpay/1 (+WebCrypto)';

export interface WechatPayClientOptions {
  /** 商户号 */
  mchId: string;
  /** Serial number of the merchant API certificate (商户API证书序列号), hex. */
  serialNo: string;
  /** Merchant API private key, PKCS#8 PEM (apiclient_key.pem). */
  privateKeyPem: string;
  /** 微信支付公钥, SPKI PEM (pub_key.pem). */
  platformPublicKeyPem: string;
  /** 微信支付公钥ID, "PUB_KEY_ID_" + 32 digits. */
  platformPublicKeyId: string;
  /** APIv3密钥: 32 ASCII characters. */
  apiV3Key: string;
  /** The mini-program AppID bound to the merchant. */
  appId: string;
  /** Where WeChat Pay sends payment and refund callbacks (https, no query). */
  notifyUrl: string;
  baseUrl?: string;
  fetch?: FetchLike;
  timeoutMs?: number;
  /** Clock in ms, for the response timestamp check (tests). */
  now?: () => number;
}

export type WechatPayTradeState = 'SUCCESS' | 'REFUND' | 'NOTPAY' | 'CLOSED' | 'REVOKED' | 'USERPAYING' | 'PAYERROR';

export interface JsapiOrderInput {
  /** Our order number: 6-32 of [0-9A-Za-z_-|*], unique per merchant. */
  outTradeNo: string;
  /** What the payer sees (商品描述), at most 127 characters. */
  description: string;
  /** Amount in fen (分), a positive integer. */
  amountFen: number;
  /** The payer's openid under appId. */
  payerOpenid: string;
  /** Returned as-is in the query and the callback, at most 128 characters. */
  attach?: string;
  /** When the order stops being payable (RFC 3339, or a Date). */
  timeExpire?: string | Date;
  /** settle_info.profit_sharing: freeze the funds for profitSharingOrder later. */
  profitSharing?: boolean;
}

export interface JsapiOrderResult {
  prepayId: string;
  /** Arguments of wx.requestPayment, signed (小程序调起支付). */
  payParams: MiniProgramPayParams;
}

export interface WechatPayOrder {
  outTradeNo: string;
  tradeState: WechatPayTradeState;
  tradeStateDesc?: string;
  /** 微信支付订单号, once paid. */
  transactionId?: string;
  /** Order amount in fen (amount.total); may be absent on an unpaid order. */
  amountFen?: number;
  /** What the payer paid in fen (amount.payer_total), once paid. */
  payerTotalFen?: number;
  payerOpenid?: string;
  /** RFC 3339, once paid. */
  successTime?: string;
  attach?: string;
  /** The transaction JSON as WeChat Pay sent it. */
  raw: Record<string, unknown>;
}

export type RefundInput = {
  outRefundNo: string;
  refundFen: number;
  /** The original order's total in fen. */
  totalFen: number;
  /** Shown to the payer, at most 80 characters. */
  reason?: string;
} & ({ outTradeNo: string; transactionId?: undefined } | { transactionId: string; outTradeNo?: undefined });

export type WechatPayRefundStatus = 'SUCCESS' | 'CLOSED' | 'PROCESSING' | 'ABNORMAL';

export interface WechatPayRefund {
  refundId: string;
  outRefundNo: string;
  transactionId: string;
  outTradeNo: string;
  status: WechatPayRefundStatus;
  refundFen: number;
  totalFen: number;
  successTime?: string;
  raw: Record<string, unknown>;
}

export type ProfitSharingRelation =
  | 'SERVICE_PROVIDER' | 'STORE' | 'STAFF' | 'STORE_OWNER' | 'PARTNER' | 'HEADQUARTER'
  | 'BRAND' | 'DISTRIBUTOR' | 'USER' | 'SUPPLIER' | 'CUSTOM';

export interface AddProfitSharingReceiverInput {
  type: 'MERCHANT_ID' | 'PERSONAL_OPENID';
  /** 商户号 for MERCHANT_ID, openid under appId for PERSONAL_OPENID. */
  account: string;
  /** Full registered name (商户全称); required for MERCHANT_ID. Sent encrypted. */
  name?: string;
  relationType: ProfitSharingRelation;
  /** Required when relationType is CUSTOM. */
  customRelation?: string;
}

export interface ProfitSharingReceiver {
  type: 'MERCHANT_ID' | 'PERSONAL_OPENID';
  account: string;
  relationType: string;
}

export interface ProfitSharingOrderInput {
  transactionId: string;
  /** Our sharing order number, unique per merchant. */
  outOrderNo: string;
  receivers: Array<{ type: 'MERCHANT_ID' | 'PERSONAL_OPENID'; account: string; amountFen: number; description: string }>;
  /** true: unfreeze what is left to the merchant at once (no further sharing on this transaction). */
  unfreezeUnsplit: boolean;
}

export interface ProfitSharingOrderResult {
  orderId: string;
  outOrderNo: string;
  transactionId: string;
  state: 'PROCESSING' | 'FINISHED';
  receivers: Array<{ type: string; account: string; amountFen: number; result: string; failReason?: string; detailId?: string }>;
  raw: Record<string, unknown>;
}

export interface ParseNotificationInput {
  headers: Headers;
  /** The raw request body, exactly as received (do not re-serialize). */
  body: string;
  now?: Date;
}

export interface WechatPayNotification<R = Record<string, unknown>> {
  /** Notification id, e.g. "EV-2018022511223320873"; the same on redelivery. */
  id: string;
  /** "TRANSACTION.SUCCESS", "REFUND.SUCCESS", "REFUND.ABNORMAL", "REFUND.CLOSED". */
  eventType: string;
  createTime: string;
  summary: string;
  /** resource.original_type: "transaction" or "refund". */
  originalType: string;
  /** The decrypted resource. */
  resource: R;
}

export interface WechatPayClient {
  readonly mchId: string;
  readonly appId: string;
  jsapiOrder(input: JsapiOrderInput): Promise<JsapiOrderResult>;
  queryOrder(outTradeNo: string): Promise<WechatPayOrder>;
  refund(input: RefundInput): Promise<WechatPayRefund>;
  addProfitSharingReceiver(input: AddProfitSharingReceiverInput): Promise<ProfitSharingReceiver>;
  profitSharingOrder(input: ProfitSharingOrderInput): Promise<ProfitSharingOrderResult>;
  /** Verifies and decrypts a payment or refund callback (what the notify endpoint received). */
  parseNotification(input: ParseNotificationInput): Promise<WechatPayNotification>;
}

/** WeChat Pay error code -> what we tell the caller. Anything else: by HTTP status. */
const ERROR_CODES: Record<string, { code: AdapterErrorCode; hint: string }> = {
  PARAM_ERROR: { code: 'invalid_request', hint: 'fix the parameter it names' },
  INVALID_REQUEST: { code: 'invalid_request', hint: 'the request conflicts with the state of the order (e.g. an order number reused with other parameters); use a new number or check the order' },
  OUT_TRADE_NO_USED: { code: 'invalid_request', hint: 'this out_trade_no was already used with other parameters; place the order under a new number' },
  OPENID_MISMATCH: { code: 'invalid_request', hint: 'the payer openid does not belong to the configured AppID' },
  ORDERPAID: { code: 'order_paid', hint: 'the order is already paid; query it instead of placing it again' },
  ORDER_CLOSED: { code: 'order_closed', hint: 'the order is closed; place a new order under a new out_trade_no' },
  ORDERCLOSED: { code: 'order_closed', hint: 'the order is closed; place a new order under a new out_trade_no' },
  ORDER_NOT_EXIST: { code: 'order_not_found', hint: 'WeChat Pay has no such order; check the order number' },
  ORDERNOTEXIST: { code: 'order_not_found', hint: 'WeChat Pay has no such order; check the order number' },
  RESOURCE_NOT_EXISTS: { code: 'order_not_found', hint: 'WeChat Pay has no such order or transaction; check the number' },
  NOT_ENOUGH: { code: 'insufficient_funds', hint: 'the balance is not enough (refunds: top up the merchant operating account; profit sharing: the amount exceeds what is left to share)' },
  SIGN_ERROR: { code: 'invalid_credentials', hint: 'WeChat Pay could not verify our request signature; check YIMA_WECHATPAY_MCH_ID, YIMA_WECHATPAY_SERIAL_NO and that YIMA_WECHATPAY_PRIVATE_KEY is that certificate\'s key' },
  APPID_MCHID_NOT_MATCH: { code: 'invalid_credentials', hint: 'the AppID is not bound to the merchant; bind it in 商户平台 > 产品中心 > AppID账号管理' },
  MCH_NOT_EXISTS: { code: 'invalid_credentials', hint: 'WeChat Pay does not know this merchant id; check YIMA_WECHATPAY_MCH_ID' },
  NO_AUTH: { code: 'invalid_credentials', hint: 'the merchant lacks permission for this API; enable the product (JSAPI payment / profit sharing) in the merchant platform' },
  NOAUTH: { code: 'invalid_credentials', hint: 'the merchant lacks permission for this API; enable the product (JSAPI payment / profit sharing) in the merchant platform' },
  FREQUENCY_LIMITED: { code: 'rate_limited', hint: 'too many calls; slow down and retry later' },
  SYSTEMERROR: { code: 'provider_busy', hint: 'WeChat Pay had a system error; retry with the same parameters' },
  SYSTEM_ERROR: { code: 'provider_busy', hint: 'WeChat Pay had a system error; retry with the same parameters' },
  BANKERROR: { code: 'provider_busy', hint: 'the bank system failed; retry with the same parameters later' },
  TRADE_ERROR: { code: 'payment_rejected', hint: 'WeChat Pay refused the trade for business reasons' },
  RULELIMIT: { code: 'payment_rejected', hint: 'a WeChat Pay risk or product rule blocks this request' },
  RULE_LIMIT: { code: 'payment_rejected', hint: 'a WeChat Pay risk or product rule blocks this request' },
  USER_ACCOUNT_ABNORMAL: { code: 'payment_rejected', hint: 'the payer\'s account is abnormal; refund through another channel' },
};

const TRADE_STATES = new Set<string>(['SUCCESS', 'REFUND', 'NOTPAY', 'CLOSED', 'REVOKED', 'USERPAYING', 'PAYERROR']);
const REFUND_STATES = new Set<string>(['SUCCESS', 'CLOSED', 'PROCESSING', 'ABNORMAL']);
const OUT_NO = /^[0-9A-Za-z_\-|*]{6,32}$/;
const OUT_NO_LOOSE = /^[0-9A-Za-z_\-|*@]{1,64}$/;

function fail(code: AdapterErrorCode, message: string, extra: { status?: number; providerCode?: string; cause?: unknown } = {}): AdapterError {
  return new AdapterError({ provider: PROVIDER, code, message, ...extra });
}

function checkFen(value: number, field: string): void {
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw fail('invalid_amount', `${field} must be a positive whole number of fen (分), got ${String(value)}; convert yuan to fen before calling`);
  }
}

const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const num = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);
const obj = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

/** RFC 3339 in China time, as WeChat Pay wants time_expire: 2018-06-08T10:34:56+08:00. */
export function toWechatPayTime(date: Date): string {
  const shifted = new Date(date.getTime() + 8 * 3600_000);
  return `${shifted.toISOString().slice(0, 19)}+08:00`;
}

/** A transaction JSON (query answer or decrypted TRANSACTION.SUCCESS resource) as a WechatPayOrder. */
export function toWechatPayOrder(raw: Record<string, unknown>): WechatPayOrder {
  const outTradeNo = str(raw.out_trade_no);
  const tradeState = str(raw.trade_state);
  if (!outTradeNo || !tradeState || !TRADE_STATES.has(tradeState)) {
    throw fail('provider_bad_response', `WeChat Pay transaction without out_trade_no or with an unknown trade_state (${String(raw.trade_state)})`);
  }
  const amount = obj(raw.amount);
  const order: WechatPayOrder = { outTradeNo, tradeState: tradeState as WechatPayTradeState, raw };
  const set = <K extends keyof WechatPayOrder>(key: K, value: WechatPayOrder[K] | undefined) => {
    if (value !== undefined) order[key] = value;
  };
  set('tradeStateDesc', str(raw.trade_state_desc));
  set('transactionId', str(raw.transaction_id));
  set('amountFen', num(amount.total));
  set('payerTotalFen', num(amount.payer_total));
  set('payerOpenid', str(obj(raw.payer).openid));
  set('successTime', str(raw.success_time));
  set('attach', str(raw.attach));
  return order;
}

/** A refund JSON (refund answer or decrypted REFUND.* resource) as a WechatPayRefund. */
export function toWechatPayRefund(raw: Record<string, unknown>): WechatPayRefund {
  const amount = obj(raw.amount);
  const status = str(raw.status) ?? str(raw.refund_status);
  const refundId = str(raw.refund_id);
  const outRefundNo = str(raw.out_refund_no);
  const refundFen = num(amount.refund);
  const totalFen = num(amount.total);
  if (!refundId || !outRefundNo || !status || !REFUND_STATES.has(status) || refundFen === undefined || totalFen === undefined) {
    throw fail('provider_bad_response', 'WeChat Pay refund without refund_id, out_refund_no, a known status or amounts');
  }
  const refund: WechatPayRefund = {
    refundId,
    outRefundNo,
    transactionId: str(raw.transaction_id) ?? '',
    outTradeNo: str(raw.out_trade_no) ?? '',
    status: status as WechatPayRefundStatus,
    refundFen,
    totalFen,
    raw,
  };
  const successTime = str(raw.success_time);
  if (successTime) refund.successTime = successTime;
  return refund;
}

export function createWechatPayClient(options: WechatPayClientOptions): WechatPayClient {
  for (const key of ['mchId', 'serialNo', 'privateKeyPem', 'platformPublicKeyPem', 'platformPublicKeyId', 'apiV3Key', 'appId', 'notifyUrl'] as const) {
    if (!options[key]) throw new TypeError(`createWechatPayClient needs ${key}`);
  }
  if (new TextEncoder().encode(options.apiV3Key).length !== 32) {
    throw new TypeError('createWechatPayClient: apiV3Key must be the 32-character APIv3 key (APIv3密钥)');
  }
  const { mchId, serialNo, appId, apiV3Key, platformPublicKeyId, notifyUrl } = options;
  const baseUrl = options.baseUrl ?? WECHATPAY_API_BASE;
  const doFetch = options.fetch ?? defaultFetch;
  const timeoutMs = checkTimeout(options.timeoutMs);
  const now = options.now ?? Date.now;

  // Imported once, on first use; a bad PEM fails every call with invalid_credentials.
  const lazy = <T>(label: string, make: () => Promise<T>): (() => Promise<T>) => {
    let pending: Promise<T> | undefined;
    return () =>
      (pending ??= make().catch((cause: unknown) => {
        pending = undefined;
        throw fail('invalid_credentials', `The ${label} could not be read (${cause instanceof Error ? cause.message : String(cause)}); check its PEM`, { cause });
      }));
  };
  const privateKey = lazy('WeChat Pay merchant private key (YIMA_WECHATPAY_PRIVATE_KEY)', () => importMerchantPrivateKey(options.privateKeyPem));
  const publicKey = lazy('WeChat Pay public key (YIMA_WECHATPAY_PUBLIC_KEY)', () => importWechatpayPublicKey(options.platformPublicKeyPem));
  const encryptionKey = lazy('WeChat Pay public key (YIMA_WECHATPAY_PUBLIC_KEY)', () => importWechatpayEncryptionKey(options.platformPublicKeyPem));

  /** Checks Wechatpay-* headers over the raw body; throws bad_signature / stale_notification. */
  async function verifySigned(what: string, headers: Headers, body: string, nowMs: number, staleCode: AdapterErrorCode): Promise<void> {
    const timestamp = headers.get('wechatpay-timestamp');
    const nonce = headers.get('wechatpay-nonce');
    const signature = headers.get('wechatpay-signature');
    const serial = headers.get('wechatpay-serial');
    if (!timestamp || !nonce || !signature || !serial) {
      throw fail('bad_signature', `${what} came without the Wechatpay-Timestamp, -Nonce, -Signature and -Serial headers; it is not from WeChat Pay (or a proxy stripped them)`);
    }
    if (serial !== platformPublicKeyId) {
      throw fail('bad_signature', `${what} is signed with key ${serial}, not the configured WeChat Pay public key ${platformPublicKeyId}; check YIMA_WECHATPAY_PUBLIC_KEY_ID (and that the merchant switched to 微信支付公钥)`);
    }
    const ts = Number(timestamp);
    if (!/^\d+$/.test(timestamp) || Math.abs(nowMs / 1000 - ts) > WECHATPAY_MAX_CLOCK_SKEW_S) {
      throw fail(staleCode, `${what} has timestamp ${timestamp}, more than ${WECHATPAY_MAX_CLOCK_SKEW_S} s from our clock; a replay, or check the server clock`);
    }
    if (!(await verifyWechatpaySignature({ publicKey: await publicKey(), timestamp, nonce, body, signature }))) {
      throw fail('bad_signature', `${what} has a signature that does not verify with the WeChat Pay public key ${serial}; the body was altered, or YIMA_WECHATPAY_PUBLIC_KEY is not the key of that id`);
    }
  }

  async function call(what: string, method: 'GET' | 'POST', path: string, payload?: unknown, query?: Record<string, string>): Promise<Record<string, unknown>> {
    const url = joinUrl(baseUrl, path);
    if (query) url.search = new URLSearchParams(query).toString();
    const body = payload === undefined ? '' : JSON.stringify(payload);
    const authorization = await buildAuthorization({
      mchId, serialNo, privateKey: await privateKey(), method, pathWithQuery: `${url.pathname}${url.search}`, body,
    });
    const headers: Record<string, string> = {
      authorization,
      accept: 'application/json',
      'user-agent': USER_AGENT,
      'wechatpay-serial': platformPublicKeyId,
    };
    if (body) headers['content-type'] = 'application/json';
    const reply = await exchange({
      provider: PROVIDER, what, fetch: doFetch, url: url.toString(), timeoutMs,
      init: body ? { method, headers, body } : { method, headers },
    });
    const ok = reply.status >= 200 && reply.status < 300;
    if (ok || reply.headers.has('wechatpay-signature')) {
      await verifySigned(`The ${what} answer`, reply.headers, reply.text, now(), 'bad_signature');
    }
    if (!ok) throw errorFrom(what, reply);
    if (reply.text === '') return {};
    return parseObject(what, reply);
  }

  function parseObject(what: string, reply: ProviderReply): Record<string, unknown> {
    let value: unknown;
    try {
      value = JSON.parse(reply.text);
    } catch {
      value = undefined;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw fail('provider_bad_response', `${what} answered HTTP ${reply.status} with something that is not a JSON object: ${preview(reply.text)}`, { status: reply.status });
    }
    return value as Record<string, unknown>;
  }

  function errorFrom(what: string, reply: ProviderReply): AdapterError {
    let body: Record<string, unknown> = {};
    try {
      body = obj(JSON.parse(reply.text));
    } catch {
      // not JSON: decided by status below
    }
    const wxCode = str(body.code);
    const wxMessage = str(body.message);
    const known = wxCode ? ERROR_CODES[wxCode] : undefined;
    const said = wxCode ? `${wxCode}${wxMessage ? `: ${wxMessage}` : ''}` : `HTTP ${reply.status}: ${preview(reply.text)}`;
    let code: AdapterErrorCode;
    let hint: string;
    if (known) ({ code, hint } = known);
    else if (reply.status >= 500) [code, hint] = ['provider_busy', 'WeChat Pay had a server error; retry with the same parameters'];
    else if (reply.status === 429) [code, hint] = ['rate_limited', 'too many calls; slow down and retry later'];
    else if (reply.status === 401) [code, hint] = ['invalid_credentials', 'check the merchant id, certificate serial number and private key'];
    else [code, hint] = ['provider_error', 'see WeChat Pay\'s message'];
    return fail(code, `${what} failed (${said}); ${hint}`, { status: reply.status, ...(wxCode ? { providerCode: wxCode } : {}) });
  }

  return {
    mchId,
    appId,

    async jsapiOrder(input) {
      checkFen(input.amountFen, 'amountFen');
      if (!OUT_NO.test(input.outTradeNo)) {
        throw fail('invalid_request', `outTradeNo must be 6-32 characters of 0-9, A-Z, a-z, _ - | *; got "${input.outTradeNo}"`);
      }
      if (!input.description || input.description.length > 127) throw fail('invalid_request', 'description must be 1-127 characters');
      if (!input.payerOpenid) throw fail('invalid_request', 'payerOpenid is empty; pass the payer\'s openid under the mini-program AppID');
      const payload: Record<string, unknown> = {
        appid: appId,
        mchid: mchId,
        description: input.description,
        out_trade_no: input.outTradeNo,
        notify_url: notifyUrl,
        amount: { total: input.amountFen, currency: 'CNY' },
        payer: { openid: input.payerOpenid },
      };
      if (input.attach !== undefined) payload.attach = input.attach;
      if (input.timeExpire !== undefined) payload.time_expire = input.timeExpire instanceof Date ? toWechatPayTime(input.timeExpire) : input.timeExpire;
      if (input.profitSharing) payload.settle_info = { profit_sharing: true };
      const body = await call('WeChat Pay JSAPI order', 'POST', '/v3/pay/transactions/jsapi', payload);
      const prepayId = str(body.prepay_id);
      if (!prepayId) throw fail('provider_bad_response', 'WeChat Pay JSAPI order answered without a prepay_id');
      return { prepayId, payParams: await miniProgramPayParams({ appId, prepayId, privateKey: await privateKey() }) };
    },

    async queryOrder(outTradeNo) {
      if (!outTradeNo || !OUT_NO_LOOSE.test(outTradeNo)) throw fail('invalid_request', `"${outTradeNo}" is not an out_trade_no`);
      const body = await call('WeChat Pay order query', 'GET', `/v3/pay/transactions/out-trade-no/${encodeURIComponent(outTradeNo)}`, undefined, { mchid: mchId });
      return toWechatPayOrder(body);
    },

    async refund(input) {
      checkFen(input.refundFen, 'refundFen');
      checkFen(input.totalFen, 'totalFen');
      if (input.refundFen > input.totalFen) {
        throw fail('invalid_amount', `refundFen (${input.refundFen}) is more than the order total (${input.totalFen})`);
      }
      if (!input.outRefundNo || !OUT_NO_LOOSE.test(input.outRefundNo)) throw fail('invalid_request', `"${input.outRefundNo}" is not an out_refund_no`);
      const payload: Record<string, unknown> = {
        out_refund_no: input.outRefundNo,
        notify_url: notifyUrl,
        amount: { refund: input.refundFen, total: input.totalFen, currency: 'CNY' },
      };
      if (input.transactionId) payload.transaction_id = input.transactionId;
      else if (input.outTradeNo) payload.out_trade_no = input.outTradeNo;
      else throw fail('invalid_request', 'refund needs outTradeNo or transactionId');
      if (input.reason) payload.reason = input.reason;
      return toWechatPayRefund(await call('WeChat Pay refund', 'POST', '/v3/refund/domestic/refunds', payload));
    },

    async addProfitSharingReceiver(input) {
      if (!input.account) throw fail('invalid_request', 'account is empty');
      if (input.type === 'MERCHANT_ID' && !input.name) {
        throw fail('invalid_request', 'name (the receiver merchant\'s full registered name, 商户全称) is required for a MERCHANT_ID receiver');
      }
      if (input.relationType === 'CUSTOM' && !input.customRelation) throw fail('invalid_request', 'customRelation is required when relationType is CUSTOM');
      const payload: Record<string, unknown> = { appid: appId, type: input.type, account: input.account, relation_type: input.relationType };
      if (input.name) payload.name = await encryptSensitiveField(await encryptionKey(), input.name);
      if (input.customRelation) payload.custom_relation = input.customRelation;
      const body = await call('WeChat Pay add profit-sharing receiver', 'POST', '/v3/profitsharing/receivers/add', payload);
      return { type: input.type, account: str(body.account) ?? input.account, relationType: str(body.relation_type) ?? input.relationType };
    },

    async profitSharingOrder(input) {
      if (!input.transactionId) throw fail('invalid_request', 'transactionId is empty');
      if (!input.outOrderNo || !OUT_NO_LOOSE.test(input.outOrderNo)) throw fail('invalid_request', `"${input.outOrderNo}" is not an out_order_no`);
      if (input.receivers.length === 0) throw fail('invalid_request', 'profit sharing needs at least one receiver');
      for (const r of input.receivers) {
        checkFen(r.amountFen, `amountFen for receiver ${r.account}`);
        if (!r.description) throw fail('invalid_request', `description for receiver ${r.account} is empty`);
      }
      const body = await call('WeChat Pay profit sharing', 'POST', '/v3/profitsharing/orders', {
        appid: appId,
        transaction_id: input.transactionId,
        out_order_no: input.outOrderNo,
        receivers: input.receivers.map((r) => ({ type: r.type, account: r.account, amount: r.amountFen, description: r.description })),
        unfreeze_unsplit: input.unfreezeUnsplit,
      });
      const orderId = str(body.order_id);
      const state = str(body.state);
      if (!orderId || (state !== 'PROCESSING' && state !== 'FINISHED')) {
        throw fail('provider_bad_response', 'WeChat Pay profit sharing answered without order_id or a known state');
      }
      const receivers = (Array.isArray(body.receivers) ? body.receivers : []).map((item: unknown) => {
        const r = obj(item);
        const out: ProfitSharingOrderResult['receivers'][number] = {
          type: str(r.type) ?? '', account: str(r.account) ?? '', amountFen: num(r.amount) ?? 0, result: str(r.result) ?? '',
        };
        if (str(r.fail_reason)) out.failReason = str(r.fail_reason)!;
        if (str(r.detail_id)) out.detailId = str(r.detail_id)!;
        return out;
      });
      return { orderId, state, outOrderNo: str(body.out_order_no) ?? input.outOrderNo, transactionId: str(body.transaction_id) ?? input.transactionId, receivers, raw: body };
    },

    async parseNotification(input) {
      const what = 'The WeChat Pay notification';
      await verifySigned(what, input.headers, input.body, (input.now ?? new Date(now())).getTime(), 'stale_notification');
      let body: Record<string, unknown>;
      try {
        body = obj(JSON.parse(input.body));
      } catch (cause) {
        throw fail('provider_bad_response', `${what} body is not JSON: ${preview(input.body)}`, { cause });
      }
      const resource = obj(body.resource);
      const id = str(body.id);
      const eventType = str(body.event_type);
      if (!id || !eventType || typeof resource.ciphertext !== 'string' || typeof resource.nonce !== 'string') {
        throw fail('provider_bad_response', `${what} lacks id, event_type or resource.ciphertext/nonce`);
      }
      if (resource.algorithm !== 'AEAD_AES_256_GCM') {
        throw fail('decrypt_failed', `${what} uses resource.algorithm ${String(resource.algorithm)}; only AEAD_AES_256_GCM is supported`);
      }
      const plaintext = await decryptResource({
        apiV3Key,
        nonce: resource.nonce,
        associatedData: typeof resource.associated_data === 'string' ? resource.associated_data : '',
        ciphertext: resource.ciphertext,
      });
      let decrypted: unknown;
      try {
        decrypted = JSON.parse(plaintext);
      } catch (cause) {
        throw fail('provider_bad_response', `${what} resource decrypted to something that is not JSON`, { cause });
      }
      return {
        id,
        eventType,
        createTime: str(body.create_time) ?? '',
        summary: str(body.summary) ?? '',
        originalType: str(resource.original_type) ?? '',
        resource: obj(decrypted),
      };
    },
  };
}
