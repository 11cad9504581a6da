// The notice outbox dispatcher. Called on a schedule with the service role
// (pg_cron + pg_net on Supabase; the local stack's scheduler every 5 s):
// claims due deliveries, sends each on its channel, reports the outcomes.
// The database decides retries (30 s, 2 min, 8 min) and the fallback to the
// next channel in the notice's push order.
//   POST {} -> { claimed, sent, failed, skipped }
import { AdapterError } from '../_shared/adapters/index.ts';
import { createSmsChannel, readSmsConfig, type SmsChannel } from '../_shared/adapters/sms.adapter.ts';
import { WechatMessenger } from '../_shared/adapters/wechat-subscribe.adapter.ts';
import { requireServiceRole } from '../_shared/auth.ts';
import { throwDbError } from '../_shared/db-errors.ts';
import type { FunctionEnv } from '../_shared/env.ts';
import { json, route } from '../_shared/http.ts';
import { serviceClient } from '../_shared/supabase.ts';
import { createWecomClients } from '../_shared/wecom-clients.ts';

interface Due {
  delivery_id: number;
  org_id: string;
  notice_id: string;
  member_id: string;
  channel: 'wecom' | 'wechat' | 'sms' | 'app';
  title: string;
  phone: string | null;
  wecom_userid: string | null;
  wechat_openid: string | null;
  org_name: string;
}
type Outcome = { delivery_id: number; outcome: 'sent' | 'failed' | 'skipped'; error?: string };

export function createHandler(env: FunctionEnv, deps: { sms?: SmsChannel } = {}) {
  const db = serviceClient(env);
  const wecom = createWecomClients(db, env);
  let channel = deps.sms;
  const sms = () => (channel ??= createSmsChannel(readSmsConfig(env.get)));
  const link = (noticeId: string) => `${env.publicAppUrl}#/pages/notice/index?id=${noticeId}`;
  // Subscribe messages need the mini-program's credentials and a notice template
  // (YIMA_WECHAT_NOTICE_TEMPLATE_ID, fields thing1 = title, thing2 = organisation).
  const templateId = env.get('YIMA_WECHAT_NOTICE_TEMPLATE_ID');
  const wechat = env.wechat.appId && env.wechat.appSecret && templateId
    ? new WechatMessenger({ appId: env.wechat.appId, appSecret: env.wechat.appSecret, baseUrl: env.wechat.apiBase })
    : undefined;
  const clip = (text: string) => (text.length > 20 ? `${text.slice(0, 19)}…` : text);

  async function send(d: Due): Promise<Outcome> {
    const skip = (error: string): Outcome => ({ delivery_id: d.delivery_id, outcome: 'skipped', error });
    try {
      switch (d.channel) {
        case 'app':
          return { delivery_id: d.delivery_id, outcome: 'sent' };
        case 'sms':
          if (!d.phone) return skip('member has no phone number');
          await sms().send({ phone: d.phone, template: 'notice', params: { org: d.org_name, title: d.title } });
          return { delivery_id: d.delivery_id, outcome: 'sent' };
        case 'wecom': {
          if (!d.wecom_userid) return skip('member has no WeCom userid');
          const org = await wecom.forOrg(d.org_id);
          if (!org?.agentId) return skip('WeCom messages are not configured for this organisation (corp id, secret, AgentId)');
          const result = await org.client.sendAppMessage({ toUser: d.wecom_userid, agentId: org.agentId, text: `【${d.org_name}】${d.title}\n${link(d.notice_id)}` });
          return result.invalidUsers.includes(d.wecom_userid) ? skip('WeCom says this user is invalid') : { delivery_id: d.delivery_id, outcome: 'sent' };
        }
        case 'wechat':
          if (!wechat || !templateId) return skip('WeChat subscribe messages are not configured (YIMA_WECHAT_NOTICE_TEMPLATE_ID)');
          if (!d.wechat_openid) return skip('member has not signed in with WeChat');
          await wechat.sendSubscribeMessage({
            toUser: d.wechat_openid, templateId, page: `pages/notice/index?id=${d.notice_id}`,
            data: { thing1: clip(d.title), thing2: clip(d.org_name) },
          });
          return { delivery_id: d.delivery_id, outcome: 'sent' };
      }
    } catch (error) {
      // Not subscribed is not an outage: fall back to the next channel at once.
      if (error instanceof AdapterError && error.code === 'user_not_subscribed') return skip(error.message);
      const message = error instanceof AdapterError ? `${error.code}: ${error.message}` : String(error);
      return { delivery_id: d.delivery_id, outcome: 'failed', error: message.slice(0, 500) };
    }
  }

  return route({
    POST: async (req) => {
      requireServiceRole(req, env, 'The dispatcher runs');
      const { data, error } = await db.rpc('notice_dispatch_claim', { p_limit: 200 });
      if (error) throwDbError(error, 'notice_dispatch_claim');
      const due = (data ?? []) as Due[];
      const outcomes: Outcome[] = [];
      // A few at a time: providers rate-limit, and the lease covers 5 minutes.
      for (let i = 0; i < due.length; i += 10) outcomes.push(...(await Promise.all(due.slice(i, i + 10).map(send))));
      if (outcomes.length) {
        const reported = await db.rpc('notice_dispatch_report', { p_results: outcomes });
        if (reported.error) throwDbError(reported.error, 'notice_dispatch_report');
      }
      const count = (o: Outcome['outcome']) => outcomes.filter((x) => x.outcome === o).length;
      return json({ claimed: due.length, sent: count('sent'), failed: count('failed'), skipped: count('skipped') });
    },
  });
}
