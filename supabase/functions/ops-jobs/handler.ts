// Scheduled operations job (service role; every minute locally, pg_cron on
// Supabase): finds support tickets past their SLA limits, records the
// breach, escalates, and alerts the platform operators by SMS (the console
// channel locally) through the same SMS adapter notices use.
//   POST { now? } -> { escalated: [{ id, severity, escalation_level, missed }], alerts_sent }
import { z } from 'zod';
import { createSmsChannel, readSmsConfig, type SmsChannel } from '../_shared/adapters/sms.adapter.ts';
import { requireServiceRole } from '../_shared/auth.ts';
import { throwDbError } from '../_shared/db-errors.ts';
import type { FunctionEnv } from '../_shared/env.ts';
import { json, parseBody, readJson, route } from '../_shared/http.ts';
import { serviceClient } from '../_shared/supabase.ts';

const Body = z.object({ now: z.iso.datetime({ offset: true }).optional() });
interface Escalation { id: string; severity: string; organisation_name: string; escalation_level: number; missed: 'respond' | 'resolve' }

export function createHandler(env: FunctionEnv, deps: { sms?: SmsChannel } = {}) {
  const db = serviceClient(env);
  let channel = deps.sms;
  const sms = () => (channel ??= createSmsChannel(readSmsConfig(env.get)));
  return route({
    POST: async (req) => {
      requireServiceRole(req, env, 'Operations jobs');
      const body = parseBody(Body, await readJson(req).catch(() => ({})));
      const { data, error } = await db.rpc('ticket_sla_sweep', { p_now: body.now ?? new Date().toISOString() });
      if (error) throwDbError(error, 'ticket_sla_sweep');
      const escalated = data as Escalation[];
      let alertsSent = 0;
      if (escalated.length) {
        const { data: phones, error: phoneError } = await db.rpc('platform_operator_phones');
        if (phoneError) throwDbError(phoneError, 'platform_operator_phones');
        for (const t of escalated) {
          for (const phone of phones as string[]) {
            try {
              await sms().send({ phone, template: 'notice', params: {
                org: '一码通运维',
                title: `工单超时：${t.organisation_name}（${t.missed === 'respond' ? '响应' : '解决'}时限，升级 ${t.escalation_level} 级）`,
              } });
              alertsSent += 1;
            } catch (e) {
              console.error('[ops-jobs] SLA alert SMS failed', e);
            }
          }
        }
      }
      return json({ escalated, alerts_sent: alertsSent });
    },
  });
}
