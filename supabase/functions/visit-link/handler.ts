// A member's shareable apply link (分享申请链接): visitors open it, fill the
// org's application form, and the member approves.
//   POST {} -> { url, token, expires_in }
import { requireCaller } from '../_shared/auth.ts';
import { throwDbError } from '../_shared/db-errors.ts';
import type { FunctionEnv } from '../_shared/env.ts';
import { HttpError, json, route } from '../_shared/http.ts';
import { serviceClient } from '../_shared/supabase.ts';
import { applyUrl, signApplyToken } from '../_shared/visits.ts';

export function createHandler(env: FunctionEnv) {
  const db = serviceClient(env);
  return route({
    POST: async (req) => {
      const caller = await requireCaller(req, env);
      if (!caller.orgId) throw new HttpError(400, 'org_required', 'Choose an organisation (card) first');
      const { data: host, error } = await db.from('members').select('id, status').eq('org_id', caller.orgId).eq('account_id', caller.accountId).maybeSingle();
      if (error) throwDbError(error, 'members');
      if (!host || host.status !== 'active') throw new HttpError(403, 'not_member', 'You have no active card in this organisation');
      const token = await signApplyToken(env, caller.orgId, host.id);
      return json({ url: applyUrl(env, token), token, expires_in: 30 * 24 * 3600 });
    },
  });
}
