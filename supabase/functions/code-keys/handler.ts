// The org's issuer public keys for verifiers (protocol section 3.2): every
// key with its status, so a gate accepts active keys and refuses retired ones.
//   GET ?org=<org id>  with x-yima-device-key (a verification point, its own
//   org) or a member's JWT  -> { org_id, keys: [{keyId, orgId, publicKey, status, notAfter?}] }
import { createPointResolver, loadIssuerKeys, requireOrgReader } from '../_shared/codes.ts';
import type { FunctionEnv } from '../_shared/env.ts';
import { json, route } from '../_shared/http.ts';
import { serviceClient } from '../_shared/supabase.ts';

export function createHandler(env: FunctionEnv) {
  const db = serviceClient(env);
  const resolvePoint = createPointResolver(db);
  return route({
    GET: async (req) => {
      const orgId = await requireOrgReader(req, env, db, resolvePoint, new URL(req.url).searchParams.get('org'));
      return json({ org_id: orgId, keys: await loadIssuerKeys(db, orgId) });
    },
  });
}
