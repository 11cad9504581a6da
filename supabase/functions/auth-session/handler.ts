// Session upkeep:
//   POST /auth-session/refresh    { refresh_token }   -> new session (rotated refresh token)
//   POST /auth-session/switch-org { org_id } + bearer -> session for another of the caller's orgs
//   POST /auth-session/logout     { refresh_token }   -> { ok: true }
import { z } from 'zod';
import { requireCaller } from '../_shared/auth.ts';
import { randomToken, sha256Hex } from '../_shared/crypto.ts';
import { throwDbError } from '../_shared/db-errors.ts';
import type { FunctionEnv } from '../_shared/env.ts';
import { HttpError, json, parseBody, readJson, route } from '../_shared/http.ts';
import { buildSession, issueSession, REFRESH_TTL_SECONDS } from '../_shared/session.ts';
import { serviceClient } from '../_shared/supabase.ts';

const RefreshBody = z.object({ refresh_token: z.string().min(20).max(200) });
const SwitchBody = z.object({ org_id: z.string().uuid() });


export function createHandler(env: FunctionEnv) {
  const db = serviceClient(env);

  async function refresh(req: Request): Promise<Response> {
    const { refresh_token } = parseBody(RefreshBody, await readJson(req), 'Body must be {"refresh_token": "..."}');
    const next = randomToken();
    const { data, error } = await db.rpc('refresh_token_rotate', {
      p_old_hash: await sha256Hex(refresh_token), p_new_hash: await sha256Hex(next), p_ttl_seconds: REFRESH_TTL_SECONDS,
    });
    if (error) throwDbError(error, 'refresh_token_rotate');
    const row = (data as Array<{ account_id: string; org_id: string | null; status: 'ok' | 'invalid' | 'reused' }>)[0]!;
    if (row.status === 'invalid') throw new HttpError(401, 'refresh_token_invalid', 'Your session has ended; sign in again');
    if (row.status === 'reused') {
      throw new HttpError(401, 'refresh_token_reused', 'This sign-in was already renewed elsewhere, so every session was signed out for safety; sign in again');
    }
    return json(await buildSession(db, env, row.account_id, row.org_id, next));
  }

  async function switchOrg(req: Request): Promise<Response> {
    const caller = await requireCaller(req, env);
    const { org_id } = parseBody(SwitchBody, await readJson(req), 'Body must be {"org_id": "<uuid>"}');
    const session = await issueSession(db, env, caller.accountId, org_id);
    if (session.member?.org_id !== org_id) throw new HttpError(403, 'not_a_member', 'You are not a member of that organisation');
    return json(session);
  }

  async function logout(req: Request): Promise<Response> {
    const { refresh_token } = parseBody(RefreshBody, await readJson(req), 'Body must be {"refresh_token": "..."}');
    const { error } = await db.rpc('refresh_token_revoke', { p_hash: await sha256Hex(refresh_token) });
    if (error) throwDbError(error, 'refresh_token_revoke');
    return json({ ok: true });
  }

  return route({
    POST: async (req) => {
      const action = new URL(req.url).pathname.split('/').filter(Boolean).at(-1);
      if (action === 'refresh') return refresh(req);
      if (action === 'switch-org') return switchOrg(req);
      if (action === 'logout') return logout(req);
      throw new HttpError(404, 'not_found', 'Use POST /auth-session/refresh, /switch-org or /logout');
    },
  });
}
