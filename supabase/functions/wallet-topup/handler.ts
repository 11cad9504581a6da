// Topping up the cash wallet (在线充值) with WeChat Pay JSAPI from the
// mini-program.
//   POST { amount_fen }  -> { order_id, out_trade_no, channel: 'wechatpay', pay_params }  (pass pay_params to wx.requestPayment)
//                        -> { ..., channel: 'console', status: 'paid', balances }            (local stack without WeChat Pay)
//   GET ?out_trade_no=   -> { out_trade_no, status, amount_fen, balances }; an unpaid order is
//                           checked with WeChat Pay (query order) and credited if the callback was lost.
// The wallet is credited only by the verified callback (wechatpay-notify) or
// that query, never by the client saying it paid.
import { z } from 'zod';
import { AdapterError } from '../_shared/adapters/index.ts';
import { adapterHttpError } from '../_shared/adapter-errors.ts';
import { requireCaller } from '../_shared/auth.ts';
import { randomHex } from '../_shared/crypto.ts';
import { throwDbError } from '../_shared/db-errors.ts';
import type { FunctionEnv } from '../_shared/env.ts';
import { HttpError, json, parseBody, readJson, route } from '../_shared/http.ts';
import { throwPaymentError } from '../_shared/payments.ts';
import { serviceClient } from '../_shared/supabase.ts';
import { wechatPayFromEnv } from '../_shared/wechatpay.ts';

const Body = z.object({ amount_fen: z.number().int().min(1).max(100_000_000) });

function yuan(fen: number): string {
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}

export function createHandler(env: FunctionEnv) {
  const db = serviceClient(env);

  async function credit(outTradeNo: string, transactionId: string, amountFen: number, openid: string | null, paidAt: string, channel: string) {
    const { data, error } = await db.rpc('topup_credit', {
      p_out_trade_no: outTradeNo, p_transaction_id: transactionId, p_amount_fen: amountFen, p_openid: openid, p_paid_at: paidAt, p_channel: channel,
    });
    if (error) throwPaymentError(error, 'topup_credit');
    return data as { balances?: unknown };
  }

  return route({
    POST: async (req) => {
      const caller = await requireCaller(req, env);
      if (!caller.orgId) throw new HttpError(400, 'org_required', 'Choose an organisation (card) first');
      const { amount_fen } = parseBody(Body, await readJson(req), 'amount_fen must be a whole number of fen between 1 and 100000000');
      const wechatPay = wechatPayFromEnv(env);
      let openid: string | null = null;
      if (wechatPay) {
        const { data, error } = await db.rpc('topup_payer_openid', { p_account: caller.accountId, p_app_id: wechatPay.appId });
        if (error) throwDbError(error, 'topup_payer_openid');
        openid = data as string | null;
        if (!openid) throw new HttpError(409, 'wechat_login_required', '请在微信小程序中登录后再充值 (sign in with WeChat to pay with WeChat Pay)');
      } else if (!env.localMode) {
        throw new HttpError(503, 'payment_unavailable', 'WeChat Pay is not configured for this deployment (YIMA_WECHATPAY_*)');
      }
      const outTradeNo = `YM${randomHex(15)}`;
      const { data: order, error } = await db.rpc('topup_create', {
        p_org: caller.orgId, p_account: caller.accountId, p_out_trade_no: outTradeNo, p_amount_fen: amount_fen,
      });
      if (error) throwPaymentError(error, 'topup_create');
      const orderId = (order as { id: string }).id;
      if (!wechatPay) {
        // Console channel (local stack only): no money moves, the order is marked paid at once.
        console.log(`[wallet-topup] console channel: crediting ${yuan(amount_fen)} yuan for order ${outTradeNo}`);
        const done = await credit(outTradeNo, `CONSOLE${outTradeNo}`, amount_fen, null, new Date().toISOString(), 'console');
        return json({ order_id: orderId, out_trade_no: outTradeNo, channel: 'console', status: 'paid', balances: done.balances });
      }
      try {
        const { prepayId, payParams } = await wechatPay.client.jsapiOrder({
          outTradeNo, description: `一码通余额充值 ${yuan(amount_fen)}元`, amountFen: amount_fen, payerOpenid: openid!,
          profitSharing: true, timeExpire: new Date(Date.now() + 30 * 60_000),
        });
        const { error: prepayError } = await db.rpc('topup_set_prepay', { p_out_trade_no: outTradeNo, p_prepay_id: prepayId });
        if (prepayError) throwDbError(prepayError, 'topup_set_prepay');
        return json({ order_id: orderId, out_trade_no: outTradeNo, channel: 'wechatpay', pay_params: payParams });
      } catch (e) {
        if (e instanceof AdapterError) throw adapterHttpError(e);
        throw e;
      }
    },
    GET: async (req) => {
      const caller = await requireCaller(req, env);
      const outTradeNo = new URL(req.url).searchParams.get('out_trade_no') ?? '';
      const { data: order, error } = await db.from('topup_orders').select('id, org_id, member_id, out_trade_no, status, amount_fen')
        .eq('out_trade_no', outTradeNo).maybeSingle();
      if (error) throwDbError(error, 'topup_orders');
      const { data: owner, error: ownerError } = order
        ? await db.from('members').select('id').eq('id', order.member_id).eq('account_id', caller.accountId).maybeSingle()
        : { data: null, error: null };
      if (ownerError) throwDbError(ownerError, 'members');
      if (!order || !owner) throw new HttpError(404, 'order_not_found', 'No such top-up order of yours');
      let status = order.status as string;
      const wechatPay = wechatPayFromEnv(env);
      if (status === 'created' && wechatPay) {
        try {
          const remote = await wechatPay.client.queryOrder(outTradeNo);
          if (remote.tradeState === 'SUCCESS' && remote.transactionId && remote.amountFen !== undefined) {
            await credit(outTradeNo, remote.transactionId, remote.amountFen, remote.payerOpenid ?? null, remote.successTime ?? new Date().toISOString(), 'wechatpay-query');
            status = 'paid';
          }
        } catch (e) {
          if (e instanceof AdapterError) throw adapterHttpError(e);
          throw e;
        }
      }
      const { data: balances, error: balError } = await db.from('ledger_accounts').select('wallet, balance')
        .eq('org_id', order.org_id).eq('member_id', order.member_id).eq('kind', 'wallet');
      if (balError) throwDbError(balError, 'ledger_accounts');
      const of = (w: string) => Number(balances?.find((b) => b.wallet === w)?.balance ?? 0);
      return json({ out_trade_no: outTradeNo, status, amount_fen: order.amount_fen,
                    balances: { subsidy_fen: of('subsidy'), cash_fen: of('cash'), count: of('count') } });
    },
  });
}
