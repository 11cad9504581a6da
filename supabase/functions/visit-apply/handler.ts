// A visitor applies through a host's link (访客申请; no sign-in: the link is
// the authority, signed by us and bound to org and host).
//   GET  ?t=<link token> -> { org_name, host: { name }, sites, identity_types, require_id_card, max_window_hours, apply_form }
//   POST { t, name, phone, id_card?, company?, identity_type?, purpose?, companions?, site_id?, window_from, window_until, answers? }
//     -> { visit: { id, status: 'pending', ... }, visitor_url }  (the host approves in the mini-program;
//        visitor_url shows the status, then the pass)
import { z } from 'zod';
import { throwDbError } from '../_shared/db-errors.ts';
import type { FunctionEnv } from '../_shared/env.ts';
import { HttpError, json, parseBody, readJson, route } from '../_shared/http.ts';
import { serviceClient } from '../_shared/supabase.ts';
import { checkAnswers, createVisit, readApplyToken, visitorSchema } from '../_shared/visits.ts';

interface ApplyContext { apply_form: unknown; [key: string]: unknown }

export function createHandler(env: FunctionEnv) {
  const db = serviceClient(env);
  const Body = visitorSchema({ phoneRequired: true }).extend({ t: z.string().min(1).max(600) });

  async function context(orgId: string, hostMemberId: string): Promise<ApplyContext> {
    const { data, error } = await db.rpc('visit_apply_context', { p_org: orgId, p_host: hostMemberId });
    if (error) throwDbError(error, 'visit_apply_context');
    if (!data) throw new HttpError(410, 'host_unavailable', '被访人已不在该单位，无法申请 (the person you visit is no longer available)');
    return data as ApplyContext;
  }

  return route({
    GET: async (req) => {
      const link = await readApplyToken(env, new URL(req.url).searchParams.get('t'));
      return json(await context(link.orgId, link.hostMemberId));
    },
    POST: async (req) => {
      const raw = await readJson(req);
      const link = await readApplyToken(env, typeof (raw as { t?: unknown })?.t === 'string' ? (raw as { t: string }).t : null);
      const input = parseBody(Body, raw);
      const ctx = await context(link.orgId, link.hostMemberId);
      const answers = checkAnswers(ctx.apply_form, input.answers);
      const { visit, visitorUrl } = await createVisit(db, { env, orgId: link.orgId, actor: null, source: 'apply', hostMemberId: link.hostMemberId, input, answers });
      // The visitor keeps this link: it shows the application's status, then the pass once approved.
      return json({ visit: { id: visit.id, status: visit.status, host_name: visit.host_name, site_name: visit.site_name,
                             org_name: visit.org_name, window_from: visit.window_from, window_until: visit.window_until },
                    visitor_url: visitorUrl });
    },
  });
}
