// WeCom (企业微信) mini-program login: qy.login code -> the org's WeCom app
// token -> miniprogram/jscode2session -> corp userid -> the member with that
// WeCom userid, bound automatically -> session.
// POST { code, corp_id? } (corp_id defaults to YIMA_WECOM_DEFAULT_CORP_ID).
import { z } from 'zod';
import { AdapterError } from '../_shared/adapters/index.ts';
import type { WecomClient } from '../_shared/adapters/wecom.adapter.ts';
import { createWecomClients } from '../_shared/wecom-clients.ts';
import { adapterHttpError } from '../_shared/adapter-errors.ts';
import { throwDbError } from '../_shared/db-errors.ts';
import type { FunctionEnv } from '../_shared/env.ts';
import { HttpError, json, readJson, route } from '../_shared/http.ts';
import { issueSession } from '../_shared/session.ts';
import { serviceClient } from '../_shared/supabase.ts';

const Body = z.object({ code: z.string().min(1).max(128), corp_id: z.string().regex(/^[A-Za-z0-9]{4,64}$/).optional() });

export function createHandler(env: FunctionEnv) {
  const db = serviceClient(env);
  const wecomClients = createWecomClients(db, env);

  async function clientFor(corpId: string): Promise<{ client: WecomClient; orgId: string }> {
    const { orgId, wecom } = await wecomClients.forCorp(corpId);
    if (!orgId) throw new HttpError(404, 'wecom_org_not_found', `No organisation is set up for WeCom corp ${corpId}`);
    if (!wecom) throw new HttpError(503, 'wecom_not_configured', 'WeCom login is not configured for this organisation: an admin must set the WeCom app secret');
    return { client: wecom.client, orgId };
  }

  return route({
    POST: async (req) => {
      const body = Body.safeParse(await readJson(req));
      if (!body.success) throw new HttpError(400, 'invalid_body', 'Body must be {"code": "<qy.login code>", "corp_id": "<WeCom corp id>"}');
      const corpId = body.data.corp_id ?? env.wecom.defaultCorpId;
      if (!corpId) throw new HttpError(400, 'corp_id_required', 'corp_id is required (or set YIMA_WECOM_DEFAULT_CORP_ID)');
      const { client, orgId } = await clientFor(corpId);
      let wecom;
      try {
        wecom = await client.code2Session(body.data.code);
      } catch (error) {
        if (error instanceof AdapterError) throw adapterHttpError(error);
        throw error;
      }
      if (wecom.corpId !== corpId) throw new HttpError(403, 'wecom_corp_mismatch', 'This WeCom login belongs to another organisation');
      const { data: accountId, error } = await db.rpc('auth_upsert_identity', {
        p_provider: 'wecom', p_app: corpId, p_subject: wecom.userId, p_unionid: null,
      });
      if (error) throwDbError(error, 'auth_upsert_identity');
      const bound = await db.rpc('auth_wecom_bind', { p_corp_id: corpId, p_userid: wecom.userId, p_account: accountId });
      if (bound.error) throwDbError(bound.error, 'auth_wecom_bind');
      return json(await issueSession(db, env, accountId as string, orgId));
    },
  });
}
