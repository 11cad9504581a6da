// WeChat mini-program login: wx.login code -> jscode2session -> openid ->
// our account -> session. POST { code, org_id? } -> session (see _shared/session.ts).
// An account with no membership yet gets a session with member = null and
// goes on to claim its card (card-claim).
import { z } from 'zod';
import { AdapterError } from '../_shared/adapters/index.ts';
import { code2Session } from '../_shared/adapters/wechat.adapter.ts';
import { adapterHttpError } from '../_shared/adapter-errors.ts';
import { throwDbError } from '../_shared/db-errors.ts';
import type { FunctionEnv } from '../_shared/env.ts';
import { HttpError, json, readJson, route } from '../_shared/http.ts';
import { issueSession } from '../_shared/session.ts';
import { serviceClient } from '../_shared/supabase.ts';

const Body = z.object({ code: z.string().min(1).max(128), org_id: z.string().uuid().optional() });

export function createHandler(env: FunctionEnv) {
  const db = serviceClient(env);
  return route({
    POST: async (req) => {
      const body = Body.safeParse(await readJson(req));
      if (!body.success) throw new HttpError(400, 'invalid_body', 'Body must be {"code": "<wx.login code>"}');
      const { appId, appSecret, apiBase } = env.wechat;
      if (!appId || !appSecret) {
        throw new HttpError(503, 'wechat_not_configured', 'WeChat login is not configured: set YIMA_WECHAT_APP_ID and YIMA_WECHAT_APP_SECRET');
      }
      let session;
      try {
        session = await code2Session({ appId, appSecret, code: body.data.code, baseUrl: apiBase });
      } catch (error) {
        if (error instanceof AdapterError) throw adapterHttpError(error);
        throw error;
      }
      const { data: accountId, error } = await db.rpc('auth_upsert_identity', {
        p_provider: 'wechat', p_app: appId, p_subject: session.openid, p_unionid: session.unionid ?? null,
      });
      if (error) throwDbError(error, 'auth_upsert_identity');
      return json(await issueSession(db, env, accountId as string, body.data.org_id));
    },
  });
}
