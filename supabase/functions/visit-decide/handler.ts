// Approving or rejecting a visit application (审批): the host (level 1) or a
// site admin (level 2) decides as themselves (visit_decide checks whose step
// it is); on the final approval the visitor's pass is issued and texted.
//   POST { visit_id, decision: 'approved' | 'rejected', comment? } -> { visit, pass?: { pass_url, sms } }
import { z } from 'zod';
import { requireCaller } from '../_shared/auth.ts';
import { createSmsChannel, readSmsConfig, type SmsChannel } from '../_shared/adapters/sms.adapter.ts';
import type { FunctionEnv } from '../_shared/env.ts';
import { json, parseBody, readJson, route } from '../_shared/http.ts';
import { serviceClient, userClient } from '../_shared/supabase.ts';
import { type Visit, issuePass, throwVisitError } from '../_shared/visits.ts';

const Body = z.object({ visit_id: z.guid(), decision: z.enum(['approved', 'rejected']), comment: z.string().max(200).optional() });

export function createHandler(env: FunctionEnv, deps: { sms?: SmsChannel } = {}) {
  const db = serviceClient(env);
  let channel = deps.sms;
  const sms = () => (channel ??= createSmsChannel(readSmsConfig(env.get)));
  return route({
    POST: async (req) => {
      const caller = await requireCaller(req, env);
      const body = parseBody(Body, await readJson(req));
      const { data, error } = await userClient(env, caller.token).rpc('visit_decide', {
        p_visit: body.visit_id, p_decision: body.decision, p_comment: body.comment ?? null,
      });
      if (error) throwVisitError(error, 'visit_decide');
      const visit = data as Visit;
      const pass = visit.status === 'approved' ? await issuePass(db, env, sms, visit) : undefined;
      return json({ visit, ...(pass ? { pass } : {}) });
    },
  });
}
