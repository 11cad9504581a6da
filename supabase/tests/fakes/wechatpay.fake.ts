// Fake WeChat Pay API v3 (api.mch.weixin.qq.com) for one direct merchant.
// Like the real one it:
//   - checks every request's Authorization (签名生成: WECHATPAY2-SHA256-RSA2048
//     mchid, serial_no, timestamp within 5 minutes, RSA-SHA256 signature over
//     "METHOD\nURL\ntimestamp\nnonce\nbody\n" with the merchant public key)
//     -> 401 SIGN_ERROR; a Wechatpay-Serial request header other than the
//     微信支付公钥 id -> 400 INVALID_REQUEST;
//   - signs every response with the WeChat Pay private key (签名验证 headers
//     Wechatpay-Timestamp/-Nonce/-Signature/-Serial/-Signature-Type);
//   - implements JSAPI下单, 商户订单号查询订单, 退款申请, 添加分账接收方 (name
//     decrypted with the WeChat Pay private key, 敏感信息加密) and 请求分账, with
//     the business checks that matter to us (amounts, duplicate numbers, paid or
//     closed orders, receivers added, shareable amount);
//   - produces callbacks (支付成功回调通知, 退款结果回调通知) exactly shaped like
//     WeChat Pay's: signed, resource encrypted with AEAD_AES_256_GCM under the
//     APIv3 key. Tests trigger them with pay() / completeRefund() and post them
//     with deliver().
import { startFakeServer, type FakeReply, type FakeRequest } from './fake-http.ts';
import {
  decryptSensitiveField, encryptResource, importMerchantPrivateKey, importWechatpayPublicKey, parseAuthorization,
  requestSignatureMessage, rsaSha256Verify, signWechatpayResponse, WECHATPAY_MAX_CLOCK_SKEW_S,
} from '../../functions/_shared/adapters/wechatpay-sign.ts';

export interface WechatPayFakeOptions {
  mchId: string;
  /** SPKI PEM of the merchant API certificate's key: checks request signatures. */
  merchantPublicKeyPem: string;
  /** Serial number of that certificate (serial_no in Authorization). */
  merchantSerialNo: string;
  /** PKCS#8 PEM of the 微信支付公钥's private half: signs responses and callbacks. */
  platformPrivateKeyPem: string;
  /** "PUB_KEY_ID_..." sent as Wechatpay-Serial. */
  platformPublicKeyId: string;
  apiV3Key: string;
  /** The mini-program AppID bound to the merchant. */
  appId: string;
}

export interface WechatPayFakeOrder {
  outTradeNo: string;
  prepayId: string;
  description: string;
  amountFen: number;
  payerOpenid: string;
  attach?: string;
  notifyUrl: string;
  timeExpire?: string;
  profitSharing: boolean;
  tradeState: 'NOTPAY' | 'SUCCESS' | 'REFUND' | 'CLOSED';
  transactionId?: string;
  successTime?: string;
  refundedFen: number;
  sharedFen: number;
  /** unfreeze_unsplit was sent: no more sharing on this transaction. */
  sharingFinished: boolean;
}

export interface WechatPayFakeRefund {
  refundId: string;
  outRefundNo: string;
  outTradeNo: string;
  transactionId: string;
  refundFen: number;
  totalFen: number;
  reason?: string;
  notifyUrl?: string;
  status: 'PROCESSING' | 'SUCCESS';
  createTime: string;
  successTime?: string;
}

export interface WechatPayFakeReceiver {
  type: string;
  account: string;
  /** Decrypted name. */
  name?: string;
  relationType: string;
  customRelation?: string;
}

export interface WechatPayFakeSharingOrder {
  orderId: string;
  outOrderNo: string;
  transactionId: string;
  receivers: Array<{ type: string; account: string; amount: number; description: string; detailId: string }>;
  unfreezeUnsplit: boolean;
}

/** A callback as WeChat Pay would POST it to notify_url. */
export interface WechatPayFakeNotification {
  /** notify_url of the order or refund. */
  url: string;
  headers: Record<string, string>;
  body: string;
}

export type WechatPayFakeMisbehaviour =
  /** Body changed after signing. */
  | 'tamper-body'
  /** Signature made with another key. */
  | 'bad-signature'
  /** Wechatpay-Serial of another key. */
  | 'wrong-serial'
  /** No Wechatpay-* headers at all. */
  | 'unsigned';

export interface WechatPayFake {
  url: string;
  readonly orders: WechatPayFakeOrder[];
  readonly refunds: WechatPayFakeRefund[];
  readonly receivers: WechatPayFakeReceiver[];
  readonly sharingOrders: WechatPayFakeSharingOrder[];
  /** Requests received, and those refused with SIGN_ERROR. */
  readonly calls: number;
  readonly signErrors: number;
  /** Marks the order paid (SUCCESS, transaction_id) and returns its TRANSACTION.SUCCESS callback. */
  pay(outTradeNo: string, openid?: string): Promise<WechatPayFakeNotification>;
  /** Marks the order CLOSED (as after time_expire or a close call). */
  close(outTradeNo: string): void;
  /** Marks a refund SUCCESS and returns its REFUND.SUCCESS callback. */
  completeRefund(outRefundNo: string): Promise<WechatPayFakeNotification>;
  /** POSTs a callback to url (default: its notify_url) and returns the merchant's answer. */
  deliver(notification: WechatPayFakeNotification, url?: string): Promise<{ status: number; text: string }>;
  /** The next API call answers this error (e.g. 500 SYSTEMERROR, 403 NOT_ENOUGH, 429 FREQUENCY_LIMITED). */
  failNext(status: number, code: string, message?: string): void;
  /** The next API answer is signed wrongly in this way. */
  misbehaveNext(kind: WechatPayFakeMisbehaviour): void;
  /** Milliseconds to wait before answering (timeouts). */
  delayMs: number;
  stop(): Promise<void>;
}

const OUT_NO = /^[0-9A-Za-z_\-|*]{6,32}$/;
const RELATIONS = new Set(['SERVICE_PROVIDER', 'STORE', 'STAFF', 'STORE_OWNER', 'PARTNER', 'HEADQUARTER', 'BRAND', 'DISTRIBUTOR', 'USER', 'SUPPLIER', 'CUSTOM']);

/** RFC 3339 in China time, as WeChat Pay writes times. */
function cnTime(date = new Date()): string {
  return `${new Date(date.getTime() + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`;
}

function digits(n: number): string {
  let out = '';
  for (const byte of crypto.getRandomValues(new Uint8Array(n))) out += String(byte % 10);
  return out;
}

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
/** An API answer before signing. */
interface Answer {
  status: number;
  json: Json;
}
const isFen = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v > 0;

export async function startWechatPayFake(opts: WechatPayFakeOptions): Promise<WechatPayFake> {
  const merchantKey = await importWechatpayPublicKey(opts.merchantPublicKeyPem);
  const platformKey = await importMerchantPrivateKey(opts.platformPrivateKeyPem);
  // Signs "misbehaving" answers with a key nobody trusts.
  const strangerKey = (await crypto.subtle.generateKey(
    { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) },
    false,
    ['sign'],
  )).privateKey;

  const orders: WechatPayFakeOrder[] = [];
  const refunds: WechatPayFakeRefund[] = [];
  const receivers: WechatPayFakeReceiver[] = [];
  const sharingOrders: WechatPayFakeSharingOrder[] = [];
  const failures: Array<{ status: number; code: string; message: string }> = [];
  const misbehaviours: WechatPayFakeMisbehaviour[] = [];
  let calls = 0;
  let signErrors = 0;
  let delayMs = 0;

  const error = (status: number, code: string, message: string): Answer => ({ status, json: { code, message } });
  const ok = (json: Json): Answer => ({ status: 200, json });
  const orderByNo = (no: string) => orders.find((o) => o.outTradeNo === no);
  const orderByTx = (tx: string) => orders.find((o) => o.transactionId === tx);

  async function signed(status: number, payload: Json | undefined): Promise<FakeReply> {
    let text = payload === undefined ? '' : JSON.stringify(payload);
    const kind = misbehaviours.shift();
    if (kind === 'unsigned') return { status, text, headers: { 'content-type': 'application/json; charset=utf-8' } };
    const { timestamp, nonce, signature } = await signWechatpayResponse({ privateKey: kind === 'bad-signature' ? strangerKey : platformKey, body: text });
    if (kind === 'tamper-body') text = text.replace(/\d/, (d) => String((Number(d) + 1) % 10)) || ' ';
    return {
      status,
      text,
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'request-id': crypto.randomUUID(),
        'wechatpay-timestamp': timestamp,
        'wechatpay-nonce': nonce,
        'wechatpay-signature': signature,
        'wechatpay-serial': kind === 'wrong-serial' ? `PUB_KEY_ID_${digits(32)}` : opts.platformPublicKeyId,
        'wechatpay-signature-type': 'WECHATPAY2-SHA256-RSA2048',
      },
    };
  }

  /** undefined when the Authorization is good, else the error answer. */
  async function checkAuth(req: FakeRequest): Promise<Answer | undefined> {
    const headerValue = req.headers.authorization;
    const auth = parseAuthorization(Array.isArray(headerValue) ? headerValue[0] : headerValue);
    const signError = (why: string) => {
      signErrors++;
      return error(401, 'SIGN_ERROR', `签名错误，请检查后再试 (${why})`);
    };
    if (!auth) return signError('Authorization 头缺失或格式错误');
    if (auth.mchid !== opts.mchId) return signError('商户号与签名不匹配');
    if (auth.serial_no !== opts.merchantSerialNo) return signError('商户证书序列号有误');
    const ts = Number(auth.timestamp);
    if (!/^\d+$/.test(auth.timestamp) || Math.abs(Date.now() / 1000 - ts) > WECHATPAY_MAX_CLOCK_SKEW_S) return signError('时间戳过期');
    const message = requestSignatureMessage(req.method, req.rawPath, auth.timestamp, auth.nonce_str, req.body);
    if (!(await rsaSha256Verify(merchantKey, message, auth.signature))) return signError('签名验证失败');
    const serial = req.headers['wechatpay-serial'];
    if (serial !== undefined && serial !== opts.platformPublicKeyId) return error(400, 'INVALID_REQUEST', 'Wechatpay-Serial 对应的公钥不存在');
    return undefined;
  }

  function transactionJson(o: WechatPayFakeOrder): Json {
    const paid = o.tradeState === 'SUCCESS' || o.tradeState === 'REFUND';
    const desc = { NOTPAY: '订单未支付', SUCCESS: '支付成功', REFUND: '转入退款', CLOSED: '订单已关闭' }[o.tradeState];
    return {
      appid: opts.appId,
      mchid: opts.mchId,
      out_trade_no: o.outTradeNo,
      ...(paid ? { transaction_id: o.transactionId, trade_type: 'JSAPI', bank_type: 'OTHERS', success_time: o.successTime } : {}),
      trade_state: o.tradeState,
      trade_state_desc: desc,
      attach: o.attach ?? '',
      payer: paid ? { openid: o.payerOpenid } : {},
      amount: paid
        ? { total: o.amountFen, payer_total: o.amountFen, currency: 'CNY', payer_currency: 'CNY' }
        : { total: o.amountFen, currency: 'CNY', payer_currency: 'CNY' },
    };
  }

  function refundJson(r: WechatPayFakeRefund): Json {
    return {
      refund_id: r.refundId,
      out_refund_no: r.outRefundNo,
      transaction_id: r.transactionId,
      out_trade_no: r.outTradeNo,
      channel: 'ORIGINAL',
      user_received_account: '支付用户零钱',
      ...(r.successTime ? { success_time: r.successTime } : {}),
      create_time: r.createTime,
      status: r.status,
      funds_account: 'AVAILABLE',
      amount: {
        total: r.totalFen, refund: r.refundFen, payer_total: r.totalFen, payer_refund: r.refundFen,
        settlement_total: r.totalFen, settlement_refund: r.refundFen, discount_refund: 0, currency: 'CNY', refund_fee: 0,
      },
      promotion_detail: [],
    };
  }

  function jsapi(body: Json): Answer {
    if (body.appid !== opts.appId) return error(400, 'APPID_MCHID_NOT_MATCH', 'appid和mch_id不匹配');
    if (body.mchid !== opts.mchId) return error(400, 'PARAM_ERROR', 'mchid与请求头中的商户号不一致');
    const outTradeNo = body.out_trade_no;
    if (typeof outTradeNo !== 'string' || !OUT_NO.test(outTradeNo)) return error(400, 'PARAM_ERROR', '输入源"/body/out_trade_no"映射到字段"商户订单号"长度或格式不正确');
    if (typeof body.description !== 'string' || !body.description || body.description.length > 127) return error(400, 'PARAM_ERROR', '输入源"/body/description"映射到字段"商品描述"长度不正确');
    let notifyUrl: URL | undefined;
    try {
      notifyUrl = typeof body.notify_url === 'string' ? new URL(body.notify_url) : undefined;
    } catch {
      notifyUrl = undefined;
    }
    if (!notifyUrl || !/^https?:$/.test(notifyUrl.protocol) || notifyUrl.search) return error(400, 'PARAM_ERROR', '输入源"/body/notify_url"映射到字段"通知地址"格式不正确(须为不带参数的URL)');
    const amount = isObj(body.amount) ? body.amount : {};
    if (!isFen(amount.total)) return error(400, 'PARAM_ERROR', '输入源"/body/amount/total"映射到字段"总金额"格式不正确');
    if (amount.currency !== undefined && amount.currency !== 'CNY') return error(400, 'PARAM_ERROR', '输入源"/body/amount/currency"映射到字段"货币类型"不正确');
    const openid = isObj(body.payer) ? body.payer.openid : undefined;
    if (typeof openid !== 'string' || !openid) return error(400, 'PARAM_ERROR', '输入源"/body/payer/openid"映射到字段"用户标识"必填性规则校验失败');
    if (body.attach !== undefined && (typeof body.attach !== 'string' || body.attach.length > 128)) return error(400, 'PARAM_ERROR', '输入源"/body/attach"映射到字段"附加数据"长度不正确');
    const profitSharing = isObj(body.settle_info) && body.settle_info.profit_sharing === true;

    const existing = orderByNo(outTradeNo);
    if (existing) {
      if (existing.tradeState === 'SUCCESS' || existing.tradeState === 'REFUND') return error(400, 'ORDERPAID', '该订单已支付');
      if (existing.tradeState === 'CLOSED') return error(400, 'ORDER_CLOSED', '订单已关闭');
      if (existing.amountFen !== amount.total || existing.payerOpenid !== openid || existing.description !== body.description) {
        return error(400, 'INVALID_REQUEST', '201 商户订单号重复，请求参数与原订单不一致');
      }
      return ok({ prepay_id: existing.prepayId });
    }
    const order: WechatPayFakeOrder = {
      outTradeNo,
      prepayId: `wx${cnTime().replace(/\D/g, '').slice(0, 14)}${digits(20)}`,
      description: body.description,
      amountFen: amount.total,
      payerOpenid: openid,
      notifyUrl: notifyUrl.toString(),
      profitSharing,
      tradeState: 'NOTPAY',
      refundedFen: 0,
      sharedFen: 0,
      sharingFinished: false,
    };
    if (typeof body.attach === 'string') order.attach = body.attach;
    if (typeof body.time_expire === 'string') order.timeExpire = body.time_expire;
    orders.push(order);
    return ok({ prepay_id: order.prepayId });
  }

  function refund(body: Json): Answer {
    const order = typeof body.transaction_id === 'string' ? orderByTx(body.transaction_id)
      : typeof body.out_trade_no === 'string' ? orderByNo(body.out_trade_no) : undefined;
    if (body.transaction_id === undefined && body.out_trade_no === undefined) return error(400, 'PARAM_ERROR', 'transaction_id和out_trade_no必须二选一进行传参');
    if (!order) return error(404, 'RESOURCE_NOT_EXISTS', '订单不存在');
    if (order.tradeState !== 'SUCCESS' && order.tradeState !== 'REFUND') return error(400, 'INVALID_REQUEST', '订单未支付，不能发起退款');
    const outRefundNo = body.out_refund_no;
    if (typeof outRefundNo !== 'string' || !/^[0-9A-Za-z_\-|*@]{1,64}$/.test(outRefundNo)) return error(400, 'PARAM_ERROR', '输入源"/body/out_refund_no"映射到字段"商户退款单号"格式不正确');
    const amount = isObj(body.amount) ? body.amount : {};
    if (!isFen(amount.refund) || !isFen(amount.total)) return error(400, 'PARAM_ERROR', '输入源"/body/amount"映射到字段"金额信息"格式不正确');
    if (amount.currency !== 'CNY') return error(400, 'PARAM_ERROR', '输入源"/body/amount/currency"映射到字段"退款币种"必填性规则校验失败');
    if (amount.total !== order.amountFen) return error(400, 'PARAM_ERROR', '订单金额与原订单金额不一致');
    const existing = refunds.find((r) => r.outRefundNo === outRefundNo);
    if (existing) {
      if (existing.outTradeNo !== order.outTradeNo || existing.refundFen !== amount.refund) return error(400, 'INVALID_REQUEST', '商户退款单号重复，请求参数与原退款单不一致');
      return ok(refundJson(existing));
    }
    if (amount.refund > order.amountFen - order.refundedFen - order.sharedFen) return error(400, 'INVALID_REQUEST', '申请退款金额超过订单可退金额');
    const created: WechatPayFakeRefund = {
      refundId: `50${digits(30)}`,
      outRefundNo,
      outTradeNo: order.outTradeNo,
      transactionId: order.transactionId!,
      refundFen: amount.refund,
      totalFen: amount.total,
      status: 'PROCESSING',
      createTime: cnTime(),
    };
    if (typeof body.reason === 'string') created.reason = body.reason;
    if (typeof body.notify_url === 'string') created.notifyUrl = body.notify_url;
    refunds.push(created);
    order.refundedFen += amount.refund;
    order.tradeState = 'REFUND';
    return ok(refundJson(created));
  }

  async function addReceiver(req: FakeRequest, body: Json): Promise<Answer> {
    if (body.appid !== opts.appId) return error(400, 'PARAM_ERROR', 'appid与商户号不匹配');
    const { type, account, relation_type: relationType } = body;
    if (type !== 'MERCHANT_ID' && type !== 'PERSONAL_OPENID') return error(400, 'PARAM_ERROR', '输入源"/body/type"映射到字段"分账接收方类型"不正确');
    if (typeof account !== 'string' || !account) return error(400, 'PARAM_ERROR', '输入源"/body/account"映射到字段"分账接收方账号"必填性规则校验失败');
    if (typeof relationType !== 'string' || !RELATIONS.has(relationType)) return error(400, 'PARAM_ERROR', '输入源"/body/relation_type"映射到字段"与分账方的关系类型"不正确');
    if (relationType === 'CUSTOM' && typeof body.custom_relation !== 'string') return error(400, 'PARAM_ERROR', '关系类型为CUSTOM时custom_relation必填');
    if (type === 'MERCHANT_ID' && typeof body.name !== 'string') return error(400, 'PARAM_ERROR', '分账接收方类型为MERCHANT_ID时name必填');
    let name: string | undefined;
    if (typeof body.name === 'string') {
      if (req.headers['wechatpay-serial'] !== opts.platformPublicKeyId) return error(400, 'PARAM_ERROR', '请求头中缺少Wechatpay-Serial，无法解密敏感信息');
      try {
        name = await decryptSensitiveField(opts.platformPrivateKeyPem, body.name);
      } catch {
        return error(400, 'PARAM_ERROR', '敏感信息解密失败，请使用微信支付公钥加密');
      }
    }
    const receiver: WechatPayFakeReceiver = { type, account, relationType };
    if (name !== undefined) receiver.name = name;
    if (typeof body.custom_relation === 'string') receiver.customRelation = body.custom_relation;
    const index = receivers.findIndex((r) => r.type === type && r.account === account);
    if (index >= 0) receivers[index] = receiver;
    else receivers.push(receiver);
    return ok({ type, account, relation_type: relationType, ...(receiver.customRelation ? { custom_relation: receiver.customRelation } : {}) });
  }

  function sharingJson(s: WechatPayFakeSharingOrder): Json {
    return {
      transaction_id: s.transactionId,
      out_order_no: s.outOrderNo,
      order_id: s.orderId,
      state: 'PROCESSING',
      receivers: s.receivers.map((r) => ({
        amount: r.amount, description: r.description, type: r.type, account: r.account,
        result: 'PENDING', create_time: cnTime(), finish_time: cnTime(), detail_id: r.detailId,
      })),
    };
  }

  function shareOrder(body: Json): Answer {
    if (body.appid !== opts.appId) return error(400, 'PARAM_ERROR', 'appid与商户号不匹配');
    if (typeof body.transaction_id !== 'string') return error(400, 'PARAM_ERROR', '输入源"/body/transaction_id"映射到字段"微信订单号"必填性规则校验失败');
    if (typeof body.out_order_no !== 'string' || !/^[0-9A-Za-z_\-|*@]{1,64}$/.test(body.out_order_no)) return error(400, 'PARAM_ERROR', '输入源"/body/out_order_no"映射到字段"商户分账单号"格式不正确');
    if (typeof body.unfreeze_unsplit !== 'boolean') return error(400, 'PARAM_ERROR', '输入源"/body/unfreeze_unsplit"映射到字段"是否解冻剩余未分资金"必填性规则校验失败');
    const order = orderByTx(body.transaction_id);
    if (!order) return error(404, 'RESOURCE_NOT_EXISTS', '订单不存在');
    const existing = sharingOrders.find((s) => s.outOrderNo === body.out_order_no);
    if (existing) return ok(sharingJson(existing));
    if (!order.profitSharing) return error(400, 'INVALID_REQUEST', '该笔订单不支持分账（下单时未指定 settle_info.profit_sharing）');
    if (order.sharingFinished) return error(400, 'INVALID_REQUEST', '订单已分账完结，不能再分账');
    const list = Array.isArray(body.receivers) ? body.receivers : [];
    if (list.length === 0 || list.length > 50) return error(400, 'PARAM_ERROR', '输入源"/body/receivers"映射到字段"分账接收方列表"长度不正确');
    const accepted: WechatPayFakeSharingOrder['receivers'] = [];
    for (const item of list) {
      if (!isObj(item) || typeof item.type !== 'string' || typeof item.account !== 'string' || !isFen(item.amount) || typeof item.description !== 'string' || !item.description) {
        return error(400, 'PARAM_ERROR', '输入源"/body/receivers"映射到字段"分账接收方"格式不正确');
      }
      if (!receivers.some((r) => r.type === item.type && r.account === item.account)) {
        return error(400, 'INVALID_REQUEST', `分账接收方 ${item.account} 未添加，请先调用添加分账接收方接口`);
      }
      accepted.push({ type: item.type, account: item.account, amount: item.amount, description: item.description, detailId: `36${digits(30)}` });
    }
    const sum = accepted.reduce((total, r) => total + r.amount, 0);
    if (sum > order.amountFen - order.sharedFen - order.refundedFen) return error(403, 'NOT_ENOUGH', '分账金额超出订单剩余可分金额');
    order.sharedFen += sum;
    if (body.unfreeze_unsplit) order.sharingFinished = true;
    const created: WechatPayFakeSharingOrder = {
      orderId: `30${digits(30)}`,
      outOrderNo: body.out_order_no,
      transactionId: body.transaction_id,
      receivers: accepted,
      unfreezeUnsplit: body.unfreeze_unsplit,
    };
    sharingOrders.push(created);
    return ok(sharingJson(created));
  }

  async function route(req: FakeRequest): Promise<Answer> {
    const path = req.url.pathname;
    let body: Json = {};
    if (req.method === 'POST') {
      try {
        const parsed: unknown = JSON.parse(req.body);
        if (!isObj(parsed)) throw new TypeError('not an object');
        body = parsed;
      } catch {
        return error(400, 'PARAM_ERROR', '请求体不是合法的JSON');
      }
    }
    if (req.method === 'POST' && path === '/v3/pay/transactions/jsapi') return jsapi(body);
    const query = /^\/v3\/pay\/transactions\/out-trade-no\/([^/]+)$/.exec(path);
    if (req.method === 'GET' && query) {
      if (req.url.searchParams.get('mchid') !== opts.mchId) return error(400, 'PARAM_ERROR', 'mchid与请求头中的商户号不一致');
      const order = orderByNo(decodeURIComponent(query[1]!));
      return order ? ok(transactionJson(order)) : error(404, 'ORDER_NOT_EXIST', '订单不存在');
    }
    if (req.method === 'POST' && path === '/v3/refund/domestic/refunds') return refund(body);
    if (req.method === 'POST' && path === '/v3/profitsharing/receivers/add') return addReceiver(req, body);
    if (req.method === 'POST' && path === '/v3/profitsharing/orders') return shareOrder(body);
    return error(404, 'NOT_FOUND', `${req.method} ${path} 不存在`);
  }

  const server = await startFakeServer(async (req) => {
    calls++;
    const refused = await checkAuth(req);
    if (refused) return signed(refused.status, refused.json);
    const injected = failures.shift();
    if (injected) return signed(injected.status, { code: injected.code, message: injected.message });
    const answer = await route(req);
    return signed(answer.status, answer.json);
  }, { delayMs: () => delayMs });

  async function notification(url: string, eventType: string, summary: string, originalType: string, resource: Json): Promise<WechatPayFakeNotification> {
    const sealed = await encryptResource({ apiV3Key: opts.apiV3Key, plaintext: JSON.stringify(resource), associatedData: originalType });
    const body = JSON.stringify({
      id: crypto.randomUUID(),
      create_time: cnTime(),
      resource_type: 'encrypt-resource',
      event_type: eventType,
      summary,
      resource: {
        original_type: originalType,
        algorithm: 'AEAD_AES_256_GCM',
        ciphertext: sealed.ciphertext,
        associated_data: sealed.associatedData,
        nonce: sealed.nonce,
      },
    });
    const { timestamp, nonce, signature } = await signWechatpayResponse({ privateKey: platformKey, body });
    return {
      url,
      body,
      headers: {
        'content-type': 'application/json',
        'wechatpay-timestamp': timestamp,
        'wechatpay-nonce': nonce,
        'wechatpay-signature': signature,
        'wechatpay-serial': opts.platformPublicKeyId,
        'wechatpay-signature-type': 'WECHATPAY2-SHA256-RSA2048',
      },
    };
  }

  return {
    url: server.url,
    orders,
    refunds,
    receivers,
    sharingOrders,
    get calls() {
      return calls;
    },
    get signErrors() {
      return signErrors;
    },
    async pay(outTradeNo, openid) {
      const order = orderByNo(outTradeNo);
      if (!order) throw new Error(`fake WeChat Pay: no order ${outTradeNo}`);
      if (order.tradeState !== 'NOTPAY') throw new Error(`fake WeChat Pay: order ${outTradeNo} is ${order.tradeState}, not NOTPAY`);
      if (openid) order.payerOpenid = openid;
      order.tradeState = 'SUCCESS';
      order.transactionId = `42${digits(26)}`;
      order.successTime = cnTime();
      return notification(order.notifyUrl, 'TRANSACTION.SUCCESS', '支付成功', 'transaction', transactionJson(order));
    },
    close(outTradeNo) {
      const order = orderByNo(outTradeNo);
      if (!order) throw new Error(`fake WeChat Pay: no order ${outTradeNo}`);
      if (order.tradeState !== 'NOTPAY') throw new Error(`fake WeChat Pay: order ${outTradeNo} is ${order.tradeState}, cannot close`);
      order.tradeState = 'CLOSED';
    },
    async completeRefund(outRefundNo) {
      const found = refunds.find((r) => r.outRefundNo === outRefundNo);
      if (!found) throw new Error(`fake WeChat Pay: no refund ${outRefundNo}`);
      found.status = 'SUCCESS';
      found.successTime = cnTime();
      const order = orderByNo(found.outTradeNo)!;
      return notification(found.notifyUrl ?? order.notifyUrl, 'REFUND.SUCCESS', '退款成功', 'refund', {
        mchid: opts.mchId,
        out_trade_no: found.outTradeNo,
        transaction_id: found.transactionId,
        out_refund_no: found.outRefundNo,
        refund_id: found.refundId,
        refund_status: 'SUCCESS',
        success_time: found.successTime,
        user_received_account: '支付用户零钱',
        amount: { total: found.totalFen, refund: found.refundFen, payer_total: found.totalFen, payer_refund: found.refundFen },
      });
    },
    async deliver(n, url) {
      const res = await fetch(url ?? n.url, { method: 'POST', headers: { ...n.headers, 'user-agent': 'Mozilla/4.0' }, body: n.body });
      return { status: res.status, text: await res.text() };
    },
    failNext(status, code, message = 'injected failure') {
      failures.push({ status, code, message });
    },
    misbehaveNext(kind) {
      misbehaviours.push(kind);
    },
    get delayMs() {
      return delayMs;
    },
    set delayMs(ms: number) {
      delayMs = ms;
    },
    stop: server.stop,
  };
}
