// Scheduled payment jobs (service role only; pg_cron on Supabase, the local
// stack's scheduler every minute):
//   - subsidy_run for every org with an active plan: grants the current
//     period, zeroes finished periods of expiring plans (idempotent);
//   - profit sharing (分账) of yesterday's merchant takings, when WeChat Pay is
//     configured: profit_sharing_plan, then add receiver + request sharing
//     per order, recording WeChat Pay's answer (a failed order frees its
//     amount for the next run).
//   POST { org_id?, now?, day? } -> { subsidies: [{ org_id, granted, expired }], sharing: [{ id, status, error? }] }
import { z } from 'zod';
import { AdapterError } from '../_shared/adapters/index.ts';
import { requireServiceRole } from '../_shared/auth.ts';
import { throwDbError } from '../_shared/db-errors.ts';
import type { FunctionEnv } from '../_shared/env.ts';
import { json, parseBody, readJson, route } from '../_shared/http.ts';
import { serviceClient } from '../_shared/supabase.ts';
import { wechatPayFromEnv } from '../_shared/wechatpay.ts';

const Body = z.object({
  org_id: z.guid().optional(),
  now: z.iso.datetime({ offset: true }).optional(),
  day: z.iso.date().optional(),
});

interface SharingOrder { id: string; merchant_id: string; sub_mchid: string; transaction_id: string; amount_fen: number; out_order_no: string }

export function createHandler(env: FunctionEnv) {
  const db = serviceClient(env);

  async function share(orgId: string, day: string) {
    const wechatPay = wechatPayFromEnv(env);
    if (!wechatPay) return [];
    const { data, error } = await db.rpc('profit_sharing_plan', { p_org: orgId, p_day: day });
    if (error) throwDbError(error, 'profit_sharing_plan');
    const results: Array<{ id: string; status: string; error?: string }> = [];
    for (const order of data as SharingOrder[]) {
      let status = 'failed', wechatOrderId: string | null = null, message: string | null = null;
      try {
        const { data: merchant } = await db.from('merchants').select('name').eq('id', order.merchant_id).single();
        await wechatPay.client.addProfitSharingReceiver({ type: 'MERCHANT_ID', account: order.sub_mchid, name: merchant?.name ?? '', relationType: 'SUPPLIER' });
        const sent = await wechatPay.client.profitSharingOrder({
          transactionId: order.transaction_id, outOrderNo: order.out_order_no, unfreezeUnsplit: false,
          receivers: [{ type: 'MERCHANT_ID', account: order.sub_mchid, amountFen: order.amount_fen, description: `食堂结算 ${day}` }],
        });
        status = sent.state === 'FINISHED' ? 'finished' : 'processing';
        wechatOrderId = sent.orderId;
      } catch (e) {
        if (!(e instanceof AdapterError)) throw e;
        message = `${e.code}: ${e.message}`;
      }
      const { error: markError } = await db.rpc('profit_sharing_mark', { p_id: order.id, p_status: status, p_wechat_order_id: wechatOrderId, p_error: message });
      if (markError) throwDbError(markError, 'profit_sharing_mark');
      results.push({ id: order.id, status, ...(message ? { error: message } : {}) });
    }
    return results;
  }

  return route({
    POST: async (req) => {
      requireServiceRole(req, env, 'Payment jobs');
      const body = parseBody(Body, await readJson(req).catch(() => ({})));
      let orgIds: string[];
      if (body.org_id) {
        orgIds = [body.org_id];
      } else {
        const { data, error } = await db.from('subsidy_plans').select('org_id').eq('active', true);
        if (error) throwDbError(error, 'subsidy_plans');
        orgIds = [...new Set((data ?? []).map((r) => r.org_id as string))];
      }
      const subsidies = [];
      for (const orgId of orgIds) {
        const { data, error } = await db.rpc('subsidy_run', { p_org: orgId, p_now: body.now ?? new Date().toISOString() });
        if (error) throwDbError(error, 'subsidy_run');
        subsidies.push({ org_id: orgId, ...(data as object) });
      }
      const sharing = [];
      const day = body.day ?? new Date(Date.now() - 24 * 3600_000 + 8 * 3600_000).toISOString().slice(0, 10);
      let sharingOrgs = body.org_id ? [body.org_id] : [];
      if (!body.org_id && wechatPayFromEnv(env)) {
        const { data, error } = await db.from('merchants').select('org_id').eq('active', true).not('wechat_sub_mchid', 'is', null);
        if (error) throwDbError(error, 'merchants');
        sharingOrgs = [...new Set((data ?? []).map((r) => r.org_id as string))];
      }
      for (const orgId of sharingOrgs) sharing.push(...(await share(orgId, day)));
      return json({ subsidies, sharing });
    },
  });
}
