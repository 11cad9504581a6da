// WeChat Pay callback (支付成功回调通知): WeChat Pay posts here when a top-up
// is paid. The signature (微信支付公钥), serial and timestamp are verified and
// the resource decrypted (AEAD_AES_256_GCM, APIv3 key) before anything is
// believed; then the order is credited once (topup_credit is idempotent, so
// WeChat Pay's retries change nothing). Answers as WeChat Pay expects: 204 on
// success, 4xx/5xx with {code: 'FAIL', message} so it retries later (our
// usual {error} object rides along for operators).
import { AdapterError } from '../_shared/adapters/index.ts';
import type { FunctionEnv } from '../_shared/env.ts';
import { corsHeaders } from '../_shared/http.ts';
import { rateLimited } from '../_shared/rate-limit.ts';
import { serviceClient } from '../_shared/supabase.ts';
import { wechatPayFromEnv } from '../_shared/wechatpay.ts';

function fail(status: number, code: string, message: string): Response {
  return new Response(JSON.stringify({ code: 'FAIL', message, error: { code, message } }), {
    status, headers: { ...corsHeaders, 'content-type': 'application/json; charset=utf-8' },
  });
}

interface TransactionResource {
  mchid?: string;
  appid?: string;
  out_trade_no?: string;
  transaction_id?: string;
  trade_state?: string;
  success_time?: string;
  payer?: { openid?: string };
  amount?: { total?: number; currency?: string };
}

export function createHandler(env: FunctionEnv) {
  const db = serviceClient(env);
  return async (req: Request): Promise<Response> => {
    const limited = rateLimited(req);
    if (limited) return limited;
    if (req.method !== 'POST') return fail(405, 'method_not_allowed', 'WeChat Pay callbacks are POSTed');
    const wechatPay = wechatPayFromEnv(env);
    if (!wechatPay) return fail(404, 'payment_unavailable', 'WeChat Pay is not configured for this deployment');
    const body = await req.text();
    let event;
    try {
      event = await wechatPay.client.parseNotification({ headers: req.headers, body });
    } catch (e) {
      if (e instanceof AdapterError) return fail(401, e.code, `callback refused: ${e.message}`);
      throw e;
    }
    if (event.eventType !== 'TRANSACTION.SUCCESS') return new Response(null, { status: 204 });
    const r = event.resource as TransactionResource;
    if (r.mchid !== wechatPay.mchId || r.appid !== wechatPay.appId) {
      return fail(400, 'wrong_merchant', 'callback is for another merchant or app');
    }
    if (r.trade_state !== 'SUCCESS' || !r.out_trade_no || !r.transaction_id || !Number.isSafeInteger(r.amount?.total) || (r.amount?.currency ?? 'CNY') !== 'CNY') {
      return fail(400, 'invalid_resource', 'callback resource lacks a successful CNY transaction');
    }
    const { error } = await db.rpc('topup_credit', {
      p_out_trade_no: r.out_trade_no, p_transaction_id: r.transaction_id, p_amount_fen: r.amount!.total,
      p_openid: r.payer?.openid ?? null, p_paid_at: r.success_time ?? new Date().toISOString(), p_channel: 'wechatpay',
    });
    if (error) {
      if (error.code === 'YM408') return fail(400, 'topup_order_invalid', error.message);
      console.error('[wechatpay-notify] topup_credit failed', error);
      return fail(500, 'database_error', 'could not record the payment; retry later');
    }
    return new Response(null, { status: 204 });
  };
}
