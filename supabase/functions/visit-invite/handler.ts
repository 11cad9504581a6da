// A member invites a visitor (邀约): fills the visitor's details; the visit is
// approved at once (or goes to the site admins when the org wants invitations
// approved), and the visitor gets an SMS link to the pass.
//   POST { name, phone, id_card?, company?, identity_type?, purpose?, companions?, site_id?, window_from, window_until, answers? }
//     -> { visit, visitor_url, pass?: { pass_url, sms } }
import { requireCaller } from '../_shared/auth.ts';
import { createSmsChannel, readSmsConfig, type SmsChannel } from '../_shared/adapters/sms.adapter.ts';
import { throwDbError } from '../_shared/db-errors.ts';
import type { FunctionEnv } from '../_shared/env.ts';
import { HttpError, json, parseBody, readJson, route } from '../_shared/http.ts';
import { serviceClient } from '../_shared/supabase.ts';
import { checkAnswers, createVisit, issuePass, visitorSchema } from '../_shared/visits.ts';

export function createHandler(env: FunctionEnv, deps: { sms?: SmsChannel } = {}) {
  const db = serviceClient(env);
  let channel = deps.sms;
  const sms = () => (channel ??= createSmsChannel(readSmsConfig(env.get)));
  const Body = visitorSchema({ phoneRequired: true });

  return route({
    POST: async (req) => {
      const caller = await requireCaller(req, env);
      if (!caller.orgId) throw new HttpError(400, 'org_required', 'Choose an organisation (card) first');
      const input = parseBody(Body, await readJson(req));
      const { data: host, error } = await db.from('members').select('id').eq('org_id', caller.orgId).eq('account_id', caller.accountId).maybeSingle();
      if (error) throwDbError(error, 'members');
      if (!host) throw new HttpError(403, 'not_member', 'You have no card in this organisation');
      const { data: settings, error: settingsError } = await db.from('visitor_settings').select('apply_form').eq('org_id', caller.orgId).single();
      if (settingsError) throwDbError(settingsError, 'visitor_settings');
      const answers = checkAnswers(settings.apply_form, input.answers);
      const { visit, visitorUrl } = await createVisit(db, { env, orgId: caller.orgId, actor: caller.accountId, source: 'invite', hostMemberId: host.id, input, answers });
      const pass = visit.status === 'approved' ? await issuePass(db, env, sms, visit) : undefined;
      return json({ visit, visitor_url: visitorUrl, ...(pass ? { pass } : {}) });
    },
  });
}
