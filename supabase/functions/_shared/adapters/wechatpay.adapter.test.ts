// WeChat Pay API v3: the crypto helpers (checked against node:crypto as an
// independent implementation and against the documented message formats),
// callback parsing, and the client against the local fake.
import { createCipheriv, createVerify, privateDecrypt, constants as cryptoConstants } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeServer, startWechatPayFake, type FakeRequest, type WechatPayFake } from '../../../tests/fakes/index.ts';
import { adapterError } from './test-helpers.ts';
import {
  buildAuthorization, decryptResource, encryptResource, encryptSensitiveField, generateRsaKeyPairPem, miniProgramPayParams,
  requestSignatureMessage, signWechatpayResponse, verifyWechatpaySignature,
} from './wechatpay-sign.ts';
import { createWechatPayClient, type WechatPayClient, type WechatPayClientOptions } from './wechatpay.adapter.ts';

const mchId = '1900009191';
const serialNo = '1DDE55AD98ED71D6EDD4A4A16996DE7B47773A8C';
const platformPublicKeyId = 'PUB_KEY_ID_0119000091912025010100000000000001';
const apiV3Key = 'abcdefghijABCDEFGHIJ0123456789ab';
const appId = 'wx1234567890abcdef';
const notifyUrl = 'https://yima.example.com/functions/v1/pay-notify';

let merchant: { privateKeyPem: string; publicKeyPem: string };
let platform: { privateKeyPem: string; publicKeyPem: string };
let fake: WechatPayFake;
let options: WechatPayClientOptions;
let client: WechatPayClient;
let seq = 0;
const orderNo = () => `YM${Date.now()}${String(++seq).padStart(4, '0')}`;

beforeAll(async () => {
  [merchant, platform] = await Promise.all([generateRsaKeyPairPem(), generateRsaKeyPairPem()]);
  fake = await startWechatPayFake({
    mchId, merchantPublicKeyPem: merchant.publicKeyPem, merchantSerialNo: serialNo,
    platformPrivateKeyPem: platform.privateKeyPem, platformPublicKeyId, apiV3Key, appId,
  });
  options = {
    mchId, serialNo, privateKeyPem: merchant.privateKeyPem, platformPublicKeyPem: platform.publicKeyPem,
    platformPublicKeyId, apiV3Key, appId, notifyUrl, baseUrl: fake.url,
  };
  client = createWechatPayClient(options);
});
afterAll(() => fake?.stop());

function nodeVerify(publicKeyPem: string, message: string, signature: string): boolean {
  return createVerify('RSA-SHA256').update(message, 'utf8').verify(publicKeyPem, signature, 'base64');
}

describe('WeChat Pay signatures (签名生成 / 签名验证)', () => {
  it('builds the documented request message and Authorization header (known answer)', async () => {
    // The example of 签名生成: GET /v3/certificates at 1554208460 with nonce 593BEC0C930BF1AFEB40B4A08C8FB242.
    const message = requestSignatureMessage('GET', '/v3/certificates', '1554208460', '593BEC0C930BF1AFEB40B4A08C8FB242', '');
    expect(message).toBe('GET\n/v3/certificates\n1554208460\n593BEC0C930BF1AFEB40B4A08C8FB242\n\n');

    const header = await buildAuthorization({
      mchId, serialNo, privateKey: merchant.privateKeyPem, method: 'GET', pathWithQuery: '/v3/certificates',
      body: '', timestamp: '1554208460', nonce: '593BEC0C930BF1AFEB40B4A08C8FB242',
    });
    const match = /^WECHATPAY2-SHA256-RSA2048 mchid="1900009191",nonce_str="593BEC0C930BF1AFEB40B4A08C8FB242",signature="([A-Za-z0-9+/]+={0,2})",timestamp="1554208460",serial_no="1DDE55AD98ED71D6EDD4A4A16996DE7B47773A8C"$/.exec(header);
    expect(match).not.toBeNull();
    const signature = match![1]!;
    expect(Buffer.from(signature, 'base64')).toHaveLength(256);
    expect(nodeVerify(merchant.publicKeyPem, message, signature)).toBe(true);
    // PKCS#1 v1.5 is deterministic: the same input gives the same header.
    expect(await buildAuthorization({
      mchId, serialNo, privateKey: merchant.privateKeyPem, method: 'GET', pathWithQuery: '/v3/certificates',
      body: '', timestamp: '1554208460', nonce: '593BEC0C930BF1AFEB40B4A08C8FB242',
    })).toBe(header);
  });

  it('signs a POST over method, path with query, timestamp, nonce and the exact body', async () => {
    const body = '{"appid":"wx1","description":"一码通 饭卡充值"}';
    const header = await buildAuthorization({
      mchId, serialNo, privateKey: merchant.privateKeyPem, method: 'post', pathWithQuery: '/v3/pay/transactions/jsapi?x=1',
      body, timestamp: '1700000000', nonce: 'n0nce',
    });
    const signature = /signature="([^"]+)"/.exec(header)![1]!;
    expect(nodeVerify(merchant.publicKeyPem, `POST\n/v3/pay/transactions/jsapi?x=1\n1700000000\nn0nce\n${body}\n`, signature)).toBe(true);
    expect(nodeVerify(merchant.publicKeyPem, `POST\n/v3/pay/transactions/jsapi\n1700000000\nn0nce\n${body}\n`, signature)).toBe(false);
  });

  it('verifies a response signature over "timestamp\\nnonce\\nbody\\n" and nothing else', async () => {
    const body = '{"prepay_id":"wx26112221580621e9b071c00d9e093b0000"}';
    const signed = await signWechatpayResponse({ privateKey: platform.privateKeyPem, body, timestamp: '1554209980', nonce: 'c5ac7061fccab6bf3e254dcf98995b8c' });
    expect(nodeVerify(platform.publicKeyPem, `1554209980\nc5ac7061fccab6bf3e254dcf98995b8c\n${body}\n`, signed.signature)).toBe(true);
    const input = { publicKey: platform.publicKeyPem, timestamp: signed.timestamp, nonce: signed.nonce, body, signature: signed.signature };
    expect(await verifyWechatpaySignature(input)).toBe(true);
    expect(await verifyWechatpaySignature({ ...input, body: body.replace('0000', '0001') })).toBe(false);
    expect(await verifyWechatpaySignature({ ...input, timestamp: '1554209981' })).toBe(false);
    expect(await verifyWechatpaySignature({ ...input, publicKey: merchant.publicKeyPem })).toBe(false);
    // WeChat Pay's probe signatures must fail.
    expect(await verifyWechatpaySignature({ ...input, signature: 'WECHATPAY/SIGNTEST/9AgJ1E+D4s9X2jYcBP5Ka9BxA==' })).toBe(false);
    expect(await verifyWechatpaySignature({ ...input, signature: '' })).toBe(false);
  });

  it('makes wx.requestPayment params with paySign over "appId\\ntimeStamp\\nnonceStr\\npackage\\n"', async () => {
    const params = await miniProgramPayParams({
      appId, prepayId: 'wx201410272009395522657a690389285100', privateKey: merchant.privateKeyPem,
      timestamp: '1414561699', nonce: '5K8264ILTKCH16CQ2502SI8ZNMTM67VS',
    });
    expect(params).toMatchObject({
      timeStamp: '1414561699', nonceStr: '5K8264ILTKCH16CQ2502SI8ZNMTM67VS',
      package: 'prepay_id=wx201410272009395522657a690389285100', signType: 'RSA',
    });
    const message = `${appId}\n1414561699\n5K8264ILTKCH16CQ2502SI8ZNMTM67VS\nprepay_id=wx201410272009395522657a690389285100\n`;
    expect(nodeVerify(merchant.publicKeyPem, message, params.paySign)).toBe(true);
  });

  it('encrypts sensitive fields with RSA-OAEP SHA-1 (what WeChat Pay decrypts)', async () => {
    const ciphertext = await encryptSensitiveField(platform.publicKeyPem, '深圳一码通科技有限公司');
    const plain = privateDecrypt({ key: platform.privateKeyPem, padding: cryptoConstants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' }, Buffer.from(ciphertext, 'base64'));
    expect(plain.toString('utf8')).toBe('深圳一码通科技有限公司');
  });
});

describe('WeChat Pay callback resource (AEAD_AES_256_GCM)', () => {
  const plaintext = JSON.stringify({ out_trade_no: 'YM0001', trade_state: 'SUCCESS', note: '支付成功' });

  it('decrypts what node:crypto AES-256-GCM produced (ciphertext || 16-byte tag)', async () => {
    const cipher = createCipheriv('aes-256-gcm', Buffer.from(apiV3Key, 'ascii'), Buffer.from('fdasflkja484', 'ascii'));
    cipher.setAAD(Buffer.from('transaction', 'ascii'));
    const sealed = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]).toString('base64');
    expect(await decryptResource({ apiV3Key, nonce: 'fdasflkja484', associatedData: 'transaction', ciphertext: sealed })).toBe(plaintext);
  });

  it('round-trips encryptResource and refuses a tampered tag, ciphertext, AAD, nonce or key', async () => {
    const sealed = await encryptResource({ apiV3Key, plaintext, associatedData: 'transaction' });
    expect(sealed.nonce).toMatch(/^[A-Za-z0-9]{12}$/);
    const input = { apiV3Key, nonce: sealed.nonce, associatedData: 'transaction', ciphertext: sealed.ciphertext };
    expect(await decryptResource(input)).toBe(plaintext);

    const bytes = Buffer.from(sealed.ciphertext, 'base64');
    const flip = (at: number) => {
      const copy = Buffer.from(bytes);
      copy[at] = copy[at]! ^ 0x01;
      return copy.toString('base64');
    };
    for (const bad of [
      { ...input, ciphertext: flip(bytes.length - 1) }, // tag
      { ...input, ciphertext: flip(0) }, // ciphertext
      { ...input, associatedData: 'refund' },
      { ...input, nonce: 'AAAAAAAAAAAA' },
      { ...input, apiV3Key: 'ABCDEFGHIJABCDEFGHIJ0123456789ab' },
      { ...input, ciphertext: 'AAAA' },
    ]) {
      expect((await adapterError(decryptResource(bad))).code).toBe('decrypt_failed');
    }
    const short = await adapterError(decryptResource({ ...input, apiV3Key: 'too-short' }));
    expect(short).toMatchObject({ code: 'decrypt_failed' });
    expect(short.message).toMatch(/32/);
  });
});

describe('WeChat Pay parseNotification', () => {
  async function paidNotification() {
    const no = orderNo();
    await client.jsapiOrder({ outTradeNo: no, description: '饭卡充值', amountFen: 1000, payerOpenid: 'o-payer-1', attach: 'card:42' });
    return { no, notification: await fake.pay(no) };
  }

  it('accepts a genuine TRANSACTION.SUCCESS callback and returns the decrypted transaction', async () => {
    const { no, notification } = await paidNotification();
    expect(notification.url).toBe(notifyUrl);
    const parsed = await client.parseNotification({ headers: new Headers(notification.headers), body: notification.body });
    expect(parsed).toMatchObject({ eventType: 'TRANSACTION.SUCCESS', originalType: 'transaction', summary: '支付成功' });
    expect(parsed.id).toBeTruthy();
    expect(parsed.resource).toMatchObject({
      mchid: mchId, appid: appId, out_trade_no: no, trade_type: 'JSAPI', trade_state: 'SUCCESS', attach: 'card:42',
      transaction_id: fake.orders.find((o) => o.outTradeNo === no)!.transactionId,
      payer: { openid: 'o-payer-1' },
      amount: { total: 1000, payer_total: 1000, currency: 'CNY', payer_currency: 'CNY' },
    });
    expect(String(parsed.resource.success_time)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);
    const raw = JSON.parse(notification.body) as { resource_type: string; resource: Record<string, string> };
    expect(raw.resource_type).toBe('encrypt-resource');
    expect(raw.resource).toMatchObject({ original_type: 'transaction', algorithm: 'AEAD_AES_256_GCM', associated_data: 'transaction' });
  });

  it('rejects a tampered body, a wrong or missing signature header and a foreign serial with bad_signature', async () => {
    const { notification } = await paidNotification();
    const headers = () => new Headers(notification.headers);
    const tampered = notification.body.replace('"summary":"支付成功"', '"summary":"支付成功 "');
    expect(tampered).not.toBe(notification.body);
    expect((await adapterError(client.parseNotification({ headers: headers(), body: tampered }))).code).toBe('bad_signature');

    const wrongSerial = headers();
    wrongSerial.set('wechatpay-serial', 'PUB_KEY_ID_0000000000000000000000000000000000');
    const serialError = await adapterError(client.parseNotification({ headers: wrongSerial, body: notification.body }));
    expect(serialError.code).toBe('bad_signature');
    expect(serialError.message).toMatch(/YIMA_WECHATPAY_PUBLIC_KEY_ID/);

    const probe = headers();
    probe.set('wechatpay-signature', 'WECHATPAY/SIGNTEST/9AgJ1E+D4s9X2jYcBP5Ka9BxA==');
    expect((await adapterError(client.parseNotification({ headers: probe, body: notification.body }))).code).toBe('bad_signature');

    const missing = headers();
    missing.delete('wechatpay-signature');
    expect((await adapterError(client.parseNotification({ headers: missing, body: notification.body }))).code).toBe('bad_signature');
  });

  it('rejects a notification more than 300 s from now as stale_notification', async () => {
    const { notification } = await paidNotification();
    const sent = Number(notification.headers['wechatpay-timestamp']) * 1000;
    const parse = (now: number) => client.parseNotification({ headers: new Headers(notification.headers), body: notification.body, now: new Date(now) });
    expect((await parse(sent + 299_000)).eventType).toBe('TRANSACTION.SUCCESS');
    expect((await adapterError(parse(sent + 301_000))).code).toBe('stale_notification');
    expect((await adapterError(parse(sent - 301_000))).code).toBe('stale_notification');
  });

  it('fails with decrypt_failed under another APIv3 key or an unknown algorithm', async () => {
    const { notification } = await paidNotification();
    const other = createWechatPayClient({ ...options, apiV3Key: '0123456789abcdefghijABCDEFGHIJ01' });
    expect((await adapterError(other.parseNotification({ headers: new Headers(notification.headers), body: notification.body }))).code).toBe('decrypt_failed');

    const body = notification.body.replace('"AEAD_AES_256_GCM"', '"AEAD_SM4_GCM"');
    const signed = await signWechatpayResponse({ privateKey: platform.privateKeyPem, body });
    const headers = new Headers({
      'wechatpay-timestamp': signed.timestamp, 'wechatpay-nonce': signed.nonce,
      'wechatpay-signature': signed.signature, 'wechatpay-serial': platformPublicKeyId,
    });
    const error = await adapterError(client.parseNotification({ headers, body }));
    expect(error.code).toBe('decrypt_failed');
    expect(error.message).toMatch(/AEAD_AES_256_GCM/);
  });

  it('delivers a callback to a notify endpoint with the signed headers and raw body', async () => {
    const received: FakeRequest[] = [];
    const endpoint = await startFakeServer((req) => {
      received.push(req);
      return { status: 204, text: '' };
    });
    try {
      const { notification } = await paidNotification();
      const answer = await fake.deliver(notification, `${endpoint.url}/pay-notify`);
      expect(answer.status).toBe(204);
      const req = received[0]!;
      expect(req.method).toBe('POST');
      expect(req.body).toBe(notification.body);
      const headers = new Headers(Object.entries(req.headers).map(([k, v]) => [k, String(v)] as [string, string]));
      expect((await client.parseNotification({ headers, body: req.body })).eventType).toBe('TRANSACTION.SUCCESS');
    } finally {
      await endpoint.stop();
    }
  });
});

describe('WeChat Pay client against the fake', () => {
  it('places a JSAPI order with the documented body and signed wx.requestPayment params', async () => {
    const no = orderNo();
    const result = await client.jsapiOrder({ outTradeNo: no, description: '一码通 饭卡充值', amountFen: 2500, payerOpenid: 'o-payer-2', timeExpire: new Date('2030-01-01T00:00:00Z') });
    expect(result.prepayId).toMatch(/^wx\d+/);
    expect(result.payParams).toMatchObject({ package: `prepay_id=${result.prepayId}`, signType: 'RSA' });
    const { timeStamp, nonceStr, paySign } = result.payParams;
    expect(nodeVerify(merchant.publicKeyPem, `${appId}\n${timeStamp}\n${nonceStr}\nprepay_id=${result.prepayId}\n`, paySign)).toBe(true);
    expect(fake.orders.find((o) => o.outTradeNo === no)).toMatchObject({
      amountFen: 2500, payerOpenid: 'o-payer-2', notifyUrl, tradeState: 'NOTPAY', profitSharing: false, timeExpire: '2030-01-01T08:00:00+08:00',
    });
    // Same order again: same prepay_id; other amount: INVALID_REQUEST.
    expect((await client.jsapiOrder({ outTradeNo: no, description: '一码通 饭卡充值', amountFen: 2500, payerOpenid: 'o-payer-2' })).prepayId).toBe(result.prepayId);
    const changed = await adapterError(client.jsapiOrder({ outTradeNo: no, description: '一码通 饭卡充值', amountFen: 2600, payerOpenid: 'o-payer-2' }));
    expect(changed).toMatchObject({ provider: 'wechatpay', code: 'invalid_request', providerCode: 'INVALID_REQUEST', status: 400 });
  });

  it('rejects bad amounts and order numbers before calling WeChat Pay', async () => {
    const before = fake.calls;
    for (const amountFen of [0, -1, 1.5, Number.NaN, 2 ** 60]) {
      const error = await adapterError(client.jsapiOrder({ outTradeNo: orderNo(), description: 'x', amountFen, payerOpenid: 'o' }));
      expect(error.code).toBe('invalid_amount');
      expect(error.message).toMatch(/fen/);
    }
    expect((await adapterError(client.jsapiOrder({ outTradeNo: 'bad no!', description: 'x', amountFen: 1, payerOpenid: 'o' }))).code).toBe('invalid_request');
    expect((await adapterError(client.refund({ outTradeNo: 'YM000001', outRefundNo: 'R1', refundFen: 101, totalFen: 100 }))).code).toBe('invalid_amount');
    expect(fake.calls).toBe(before);
  });

  it('queries an order before and after payment, including numbers with | and *', async () => {
    const no = `YM|${Date.now()}*1`;
    await client.jsapiOrder({ outTradeNo: no, description: '饭卡充值', amountFen: 990, payerOpenid: 'o-payer-3', attach: 'a' });
    expect(await client.queryOrder(no)).toMatchObject({ outTradeNo: no, tradeState: 'NOTPAY', amountFen: 990 });
    await fake.pay(no, 'o-payer-3b');
    const paid = await client.queryOrder(no);
    expect(paid).toMatchObject({
      outTradeNo: no, tradeState: 'SUCCESS', amountFen: 990, payerTotalFen: 990, payerOpenid: 'o-payer-3b', attach: 'a',
      transactionId: fake.orders.find((o) => o.outTradeNo === no)!.transactionId,
    });
    expect(paid.successTime).toMatch(/\+08:00$/);
    expect((await adapterError(client.jsapiOrder({ outTradeNo: no, description: '饭卡充值', amountFen: 990, payerOpenid: 'o-payer-3' })))).toMatchObject({ code: 'order_paid', providerCode: 'ORDERPAID' });
    expect(await adapterError(client.queryOrder('YM-no-such-order'))).toMatchObject({ code: 'order_not_found', status: 404 });
  });

  it('reports a closed order', async () => {
    const no = orderNo();
    await client.jsapiOrder({ outTradeNo: no, description: '饭卡充值', amountFen: 100, payerOpenid: 'o' });
    fake.close(no);
    expect((await client.queryOrder(no)).tradeState).toBe('CLOSED');
    expect((await adapterError(client.jsapiOrder({ outTradeNo: no, description: '饭卡充值', amountFen: 100, payerOpenid: 'o' }))).code).toBe('order_closed');
  });

  it('refunds partly by out_trade_no and by transaction_id, checks amounts, and parses the refund callback', async () => {
    const no = orderNo();
    await client.jsapiOrder({ outTradeNo: no, description: '饭卡充值', amountFen: 1000, payerOpenid: 'o-payer-4' });
    expect((await adapterError(client.refund({ outTradeNo: no, outRefundNo: `R${no}`, refundFen: 100, totalFen: 1000 }))).code).toBe('invalid_request');
    await fake.pay(no);
    const transactionId = fake.orders.find((o) => o.outTradeNo === no)!.transactionId!;

    const first = await client.refund({ outTradeNo: no, outRefundNo: `R${no}a`, refundFen: 300, totalFen: 1000, reason: '多充' });
    expect(first).toMatchObject({ outRefundNo: `R${no}a`, outTradeNo: no, transactionId, status: 'PROCESSING', refundFen: 300, totalFen: 1000 });
    expect(first.refundId).toBeTruthy();
    const second = await client.refund({ transactionId, outRefundNo: `R${no}b`, refundFen: 700, totalFen: 1000 });
    expect(second.refundFen).toBe(700);
    expect((await adapterError(client.refund({ outTradeNo: no, outRefundNo: `R${no}c`, refundFen: 1, totalFen: 1000 })))).toMatchObject({ code: 'invalid_request', providerCode: 'INVALID_REQUEST' });
    expect((await adapterError(client.refund({ outTradeNo: no, outRefundNo: `R${no}d`, refundFen: 1, totalFen: 999 }))).code).toBe('invalid_request');
    expect(fake.refunds.filter((r) => r.outTradeNo === no).map((r) => r.refundFen)).toEqual([300, 700]);
    expect((await client.queryOrder(no)).tradeState).toBe('REFUND');

    const callback = await fake.completeRefund(`R${no}a`);
    const parsed = await client.parseNotification({ headers: new Headers(callback.headers), body: callback.body });
    expect(parsed).toMatchObject({ eventType: 'REFUND.SUCCESS', originalType: 'refund' });
    expect(parsed.resource).toMatchObject({ out_refund_no: `R${no}a`, refund_status: 'SUCCESS', amount: { total: 1000, refund: 300 } });

    fake.failNext(403, 'NOT_ENOUGH', '基本账户余额不足，请充值后重新发起');
    const broke = await adapterError(client.refund({ outTradeNo: no, outRefundNo: `R${no}e`, refundFen: 1, totalFen: 1000 }));
    expect(broke).toMatchObject({ code: 'insufficient_funds', providerCode: 'NOT_ENOUGH', status: 403 });
    expect(broke.message).toMatch(/top up/);
  });

  it('adds a profit-sharing receiver (name encrypted) and shares up to what is left', async () => {
    const partner = { type: 'MERCHANT_ID' as const, account: '1900000109', name: '深圳一码通科技有限公司' };
    expect((await adapterError(client.addProfitSharingReceiver({ type: 'MERCHANT_ID', account: '1900000109', relationType: 'PARTNER' }))).code).toBe('invalid_request');

    const no = orderNo();
    await client.jsapiOrder({ outTradeNo: no, description: '饭卡充值', amountFen: 1000, payerOpenid: 'o-payer-5', profitSharing: true });
    await fake.pay(no);
    const transactionId = (await client.queryOrder(no)).transactionId!;
    const receivers = (amountFen: number) => [{ type: 'MERCHANT_ID' as const, account: partner.account, amountFen, description: '平台服务费' }];

    const notAdded = await adapterError(client.profitSharingOrder({ transactionId, outOrderNo: `P${no}0`, receivers: receivers(100), unfreezeUnsplit: false }));
    expect(notAdded).toMatchObject({ code: 'invalid_request', providerCode: 'INVALID_REQUEST' });

    expect(await client.addProfitSharingReceiver({ ...partner, relationType: 'PARTNER' })).toEqual({ type: 'MERCHANT_ID', account: partner.account, relationType: 'PARTNER' });
    expect(fake.receivers.find((r) => r.account === partner.account)).toMatchObject({ name: partner.name, relationType: 'PARTNER' });

    const shared = await client.profitSharingOrder({ transactionId, outOrderNo: `P${no}1`, receivers: receivers(300), unfreezeUnsplit: false });
    expect(shared).toMatchObject({ outOrderNo: `P${no}1`, transactionId, state: 'PROCESSING' });
    expect(shared.orderId).toBeTruthy();
    expect(shared.receivers).toEqual([expect.objectContaining({ account: partner.account, amountFen: 300, result: 'PENDING' })]);

    const tooMuch = await adapterError(client.profitSharingOrder({ transactionId, outOrderNo: `P${no}2`, receivers: receivers(701), unfreezeUnsplit: false }));
    expect(tooMuch).toMatchObject({ code: 'insufficient_funds', providerCode: 'NOT_ENOUGH' });
    await client.profitSharingOrder({ transactionId, outOrderNo: `P${no}3`, receivers: receivers(700), unfreezeUnsplit: true });
    expect(fake.sharingOrders.filter((s) => s.transactionId === transactionId).map((s) => s.receivers[0]!.amount)).toEqual([300, 700]);

    // An order placed without settle_info.profit_sharing cannot be shared.
    const plain = orderNo();
    await client.jsapiOrder({ outTradeNo: plain, description: '饭卡充值', amountFen: 1000, payerOpenid: 'o-payer-5' });
    await fake.pay(plain);
    const plainTx = (await client.queryOrder(plain)).transactionId!;
    expect((await adapterError(client.profitSharingOrder({ transactionId: plainTx, outOrderNo: `P${plain}`, receivers: receivers(1), unfreezeUnsplit: true }))).code).toBe('invalid_request');
  });

  it('maps a request the fake cannot verify (wrong key or serial) to invalid_credentials SIGN_ERROR', async () => {
    const other = await generateRsaKeyPairPem();
    const before = fake.signErrors;
    for (const over of [{ privateKeyPem: other.privateKeyPem }, { serialNo: 'FFFF' }, { mchId: '1900000001' }]) {
      const error = await adapterError(createWechatPayClient({ ...options, ...over }).queryOrder('YM00000001'));
      expect(error).toMatchObject({ code: 'invalid_credentials', providerCode: 'SIGN_ERROR', status: 401 });
      expect(error.message).toMatch(/YIMA_WECHATPAY_PRIVATE_KEY/);
    }
    expect(fake.signErrors).toBe(before + 3);
  });

  it('refuses answers that are unsigned, re-signed by another key, tampered or from another key id', async () => {
    for (const kind of ['unsigned', 'bad-signature', 'tamper-body', 'wrong-serial'] as const) {
      fake.misbehaveNext(kind);
      const error = await adapterError(client.jsapiOrder({ outTradeNo: orderNo(), description: 'x', amountFen: 1, payerOpenid: 'o' }));
      expect(error.code, kind).toBe('bad_signature');
    }
    // A client configured with a public key that is not WeChat Pay's refuses genuine answers.
    const wrongKey = createWechatPayClient({ ...options, platformPublicKeyPem: merchant.publicKeyPem });
    expect((await adapterError(wrongKey.queryOrder('YM00000001'))).code).toBe('bad_signature');
    // ... and one with a wrong key id too (WeChat Pay answers INVALID_REQUEST, signed with its real id).
    const wrongId = createWechatPayClient({ ...options, platformPublicKeyId: 'PUB_KEY_ID_0000000000000000000000000000000000' });
    expect((await adapterError(wrongId.queryOrder('YM00000001'))).code).toBe('bad_signature');
  });

  it('refuses an answer whose timestamp is far from our clock', async () => {
    const skewed = createWechatPayClient({ ...options, now: () => Date.now() + 10 * 60_000 });
    expect((await adapterError(skewed.queryOrder('YM00000001'))).code).toBe('bad_signature');
  });

  it('maps SYSTEMERROR / 5xx to provider_busy and FREQUENCY_LIMITED to rate_limited', async () => {
    fake.failNext(500, 'SYSTEMERROR', '系统错误');
    expect(await adapterError(client.queryOrder('YM00000001'))).toMatchObject({ code: 'provider_busy', providerCode: 'SYSTEMERROR', status: 500 });
    fake.failNext(502, 'UNKNOWN_THING', '网关错误');
    expect((await adapterError(client.queryOrder('YM00000001'))).code).toBe('provider_busy');
    fake.failNext(429, 'FREQUENCY_LIMITED', '频率超限');
    expect((await adapterError(client.queryOrder('YM00000001'))).code).toBe('rate_limited');
    fake.failNext(400, 'PARAM_ERROR', '输入源"/body/description"映射到字段"商品描述"长度不正确');
    const param = await adapterError(client.queryOrder('YM00000001'));
    expect(param).toMatchObject({ code: 'invalid_request', providerCode: 'PARAM_ERROR' });
    expect(param.message).toContain('商品描述');
  });

  it('gives up after timeoutMs with provider_timeout', async () => {
    fake.delayMs = 400;
    try {
      const quick = createWechatPayClient({ ...options, timeoutMs: 80 });
      expect((await adapterError(quick.queryOrder('YM00000001'))).code).toBe('provider_timeout');
    } finally {
      fake.delayMs = 0;
    }
  });

  it('refuses incomplete configuration up front and an unreadable key on first use', async () => {
    expect(() => createWechatPayClient({ ...options, apiV3Key: 'short' })).toThrow(/32/);
    expect(() => createWechatPayClient({ ...options, mchId: '' })).toThrow(/mchId/);
    const broken = createWechatPayClient({ ...options, privateKeyPem: '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----' });
    expect((await adapterError(broken.queryOrder('YM00000001'))).code).toBe('invalid_credentials');
  });
});
