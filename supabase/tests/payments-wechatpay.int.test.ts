// WeChat Pay v3 through the gateway against the local fake (which checks our
// request signatures and signs and encrypts like the real one): JSAPI
// top-up orders, the payment callback (verified, decrypted, credited once),
// tampered and replayed callbacks, the order query for a lost callback, and
// profit sharing (分账) of a merchant's takings by the payment-jobs function.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { callFunction } from './setup/accounts.ts';
import { FAKE_CREDENTIALS, fakeControl } from './setup/fake-services.ts';
import { type PaymentOrg, type PayPerson, asService, balances, createPaymentOrg, ledgerCheck, ledgerCounts } from './setup/payment-fixture.ts';
import { adminDb, stackInfo } from './setup/personas.ts';

const q = async (sql: string, params: unknown[] = []) => (await adminDb().query(sql, params)).rows;
const control = <T>(path: string) => fakeControl<T>(inject('fakes').controlUrl, path);

interface Notification { url: string; headers: Record<string, string>; body: string }

async function postCallback(n: Notification, override: { headers?: Record<string, string>; body?: string } = {}) {
  const res = await fetch(`${stackInfo().apiUrl}/functions/v1/wechatpay-notify`, {
    method: 'POST', headers: { 'content-type': 'application/json', ...n.headers, ...override.headers }, body: override.body ?? n.body,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

let org: PaymentOrg;

/** A member who signed in with WeChat (the top-up is paid from that openid). */
async function wechatPerson(name: string): Promise<PayPerson & { openid: string }> {
  const person = await org.person(name);
  const openid = `o-${randomUUID().slice(0, 12)}`;
  await q(`insert into app_private.account_identities (provider, provider_app, subject, account_id) values ('wechat', $1, $2, $3)`,
    [FAKE_CREDENTIALS.wechat.appId, openid, person.accountId]);
  return { ...person, openid };
}

async function order(person: PayPerson, amountFen: number) {
  const res = await callFunction('wallet-topup', { token: person.token, body: { amount_fen: amountFen } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { order_id: string; out_trade_no: string; channel: string; pay_params: Record<string, string> };
}

beforeAll(async () => {
  org = await createPaymentOrg('微信支付测试');
});

describe('wallet-topup and wechatpay-notify', () => {
  it('creates a JSAPI order with pay params; the verified callback credits the cash wallet once', async () => {
    const ann = await wechatPerson('安');
    const created = await order(ann, 5000);
    expect(created.channel).toBe('wechatpay');
    expect(created.pay_params).toMatchObject({ package: expect.stringMatching(/^prepay_id=/), signType: 'RSA', paySign: expect.any(String) });
    const { orders } = await control<{ orders: Array<Record<string, unknown>> }>('/wechatpay/orders');
    expect(orders.find((o) => o.outTradeNo === created.out_trade_no)).toMatchObject({ amountFen: 5000, payerOpenid: ann.openid, profitSharing: true });

    const callback = await control<Notification>(`/wechatpay/pay?out_trade_no=${created.out_trade_no}`);
    const first = await postCallback(callback);
    expect(first.status, JSON.stringify(first.body)).toBe(204);
    expect(await balances(org.orgId, ann.memberId)).toMatchObject({ cash: 5000 });
    const before = await ledgerCounts(org.orgId);

    // WeChat Pay retries callbacks: the same one again changes nothing.
    expect((await postCallback(callback)).status).toBe(204);
    expect(await ledgerCounts(org.orgId)).toEqual(before);
    expect(await balances(org.orgId, ann.memberId)).toMatchObject({ cash: 5000 });
    const [tx] = await q(`select kind, amount_fen::int, detail->>'channel' as channel from ledger_transactions where request_id = $1`, [`topup:${created.out_trade_no}`]);
    expect(tx).toEqual({ kind: 'topup', amount_fen: 5000, channel: 'wechatpay' });
    const audit = await q(`select 1 from audit_log where action = 'topup.credit' and after->>'out_trade_no' = $1`, [created.out_trade_no]);
    expect(audit).toHaveLength(1);
    expect((await ledgerCheck(org.orgId)).ok).toBe(true);
  });

  it('refuses tampered, unsigned and foreign callbacks and leaves the ledger unchanged', async () => {
    const ben = await wechatPerson('本');
    const created = await order(ben, 3000);
    const callback = await control<Notification>(`/wechatpay/pay?out_trade_no=${created.out_trade_no}`);
    const before = await ledgerCounts(org.orgId);
    const tampered = await postCallback(callback, { body: callback.body.replace('"TRANSACTION.SUCCESS"', '"TRANSACTION.SUCCESS" ') });
    expect(tampered.status).toBe(401);
    expect(tampered.body).toMatchObject({ code: 'FAIL', error: { code: 'bad_signature' } });
    const unsigned = await postCallback(callback, { headers: { 'wechatpay-signature': '' } });
    expect(unsigned.status).toBe(401);
    const otherSerial = await postCallback(callback, { headers: { 'wechatpay-serial': 'PUB_KEY_ID_0000000000000000000000000000000000' } });
    expect(otherSerial.status).toBe(401);
    const stale = await postCallback(callback, { headers: { 'wechatpay-timestamp': String(Math.floor(Date.now() / 1000) - 3600) } });
    expect(stale.status).toBe(401);
    expect(await ledgerCounts(org.orgId)).toEqual(before);
    expect(await balances(org.orgId, ben.memberId)).toMatchObject({ cash: 0 });
    // The genuine one still works afterwards.
    expect((await postCallback(callback)).status).toBe(204);
    expect(await balances(org.orgId, ben.memberId)).toMatchObject({ cash: 3000 });
  });

  it('credits nothing for an unknown order or a different amount', async () => {
    const before = await ledgerCounts(org.orgId);
    await expect(asService(`select public.topup_credit('NOSUCHORDER01', 'TX1', 100, null, now(), 'wechatpay')`)).rejects.toThrow(/unknown top-up order/);
    const cat = await wechatPerson('凯特');
    const created = await order(cat, 1000);
    await expect(asService(`select public.topup_credit($1, 'TX2', 100000, null, now(), 'wechatpay')`, [created.out_trade_no]))
      .rejects.toThrow(/does not match the order amount/);
    expect(await ledgerCounts(org.orgId)).toEqual(before);
  });

  it('a lost callback is recovered by the order query (GET wallet-topup)', async () => {
    const dora = await wechatPerson('朵拉');
    const created = await order(dora, 2000);
    await control<Notification>(`/wechatpay/pay?out_trade_no=${created.out_trade_no}`); // paid, callback never delivered
    const status = await callFunction('wallet-topup', { token: dora.token, method: 'GET', path: `?out_trade_no=${created.out_trade_no}` });
    expect(status.status, JSON.stringify(status.body)).toBe(200);
    expect(status.body).toMatchObject({ status: 'paid', amount_fen: 2000, balances: { cash_fen: 2000 } });
    const other = await callFunction('wallet-topup', { token: org.admin.token, method: 'GET', path: `?out_trade_no=${created.out_trade_no}` });
    expect(other.status).toBe(404);
  });

  it('rejects bad amounts and members who never signed in with WeChat', async () => {
    const eve = await wechatPerson('伊芙');
    for (const amount_fen of [0, -100, 10.5, '100']) {
      const res = await callFunction('wallet-topup', { token: eve.token, body: { amount_fen } });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('invalid_body');
    }
    const noWechat = await org.person('没有微信');
    const res = await callFunction('wallet-topup', { token: noWechat.token, body: { amount_fen: 100 } });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('wechat_login_required');
  });
});

describe('payment-jobs profit sharing', () => {
  it("splits a merchant's cash takings of the day to its sub-merchant id out of paid top-ups, once", async () => {
    const stall = await org.stall({ mode: 'free' });
    const fay = await wechatPerson('菲');
    const created = await order(fay, 4000);
    expect((await postCallback(await control<Notification>(`/wechatpay/pay?out_trade_no=${created.out_trade_no}`))).status).toBe(204);
    for (const amount of [1200, 800]) {
      const paid = await callFunction('pay', { token: fay.token, body: { stall_id: stall, amount_fen: amount, request_id: randomUUID() } });
      expect(paid.status).toBe(200);
    }
    const [{ day }] = await q(`select to_char(now() at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as day`);
    const [{ cash }] = await q(`select sum(case when kind = 'refund' then -cash_fen else cash_fen end)::int as cash from ledger_transactions
      where org_id = $1 and merchant_id = $2 and kind in ('payment', 'offline_payment', 'refund')`, [org.orgId, org.merchantId]);
    const run = () => fetch(`${stackInfo().apiUrl}/functions/v1/payment-jobs`, {
      method: 'POST', headers: { authorization: `Bearer ${stackInfo().serviceRoleKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ org_id: org.orgId, day }),
    }).then(async (r) => ({ status: r.status, body: await r.json() }));
    const first = await run();
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.sharing.length).toBeGreaterThan(0);
    expect(first.body.sharing.every((s: { status: string }) => s.status === 'processing' || s.status === 'finished')).toBe(true);
    const { sharing, receivers } = await control<{ sharing: Array<{ receivers: Array<{ account: string; amount: number }> }>; receivers: Array<{ account: string }> }>('/wechatpay/sharing');
    const toMerchant = sharing.flatMap((s) => s.receivers).filter((r) => r.account === '1900000199');
    expect(toMerchant.reduce((sum, r) => sum + r.amount, 0)).toBe(cash);
    expect(receivers.some((r) => r.account === '1900000199')).toBe(true);
    const again = await run();
    expect(again.body.sharing).toEqual([]);
    // Only the scheduler may run jobs.
    const denied = await callFunction('payment-jobs', { token: org.admin.token, body: {} });
    expect(denied.status).toBe(403);
  });
});
