// Revocation sync for verifiers (protocol section 11): the org's changes after
// a cursor, in the delta shape RevocationList.apply takes.
//   GET ?org=<org id>&since=<seq, default 0>  with x-yima-device-key or a member's JWT
//     -> { since, version, entries: [{seq, op, target, id, until?}] }
// A full page (5,000 entries) ends at its last seq: ask again from `version`.
import { createPointResolver, requireOrgReader } from '../_shared/codes.ts';
import { throwDbError } from '../_shared/db-errors.ts';
import type { FunctionEnv } from '../_shared/env.ts';
import { HttpError, json, route } from '../_shared/http.ts';
import { serviceClient } from '../_shared/supabase.ts';

export function createHandler(env: FunctionEnv) {
  const db = serviceClient(env);
  const resolvePoint = createPointResolver(db);
  return route({
    GET: async (req) => {
      const params = new URL(req.url).searchParams;
      const orgId = await requireOrgReader(req, env, db, resolvePoint, params.get('org'));
      const sinceText = params.get('since') ?? '0';
      if (!/^\d{1,15}$/.test(sinceText)) throw new HttpError(400, 'invalid_since', 'since must be a non-negative integer (the version you hold)');
      const { data, error } = await db.rpc('code_revocations_since', { p_org: orgId, p_since: Number(sinceText), p_limit: 5000 });
      if (error) throwDbError(error, 'code_revocations_since');
      return json(data);
    },
  });
}
