// Dev login for the local stack: signs in as a seeded persona without any
// external identity provider. Refuses to work unless YIMA_LOCAL_MODE=1, so a
// deployed project can never mint tokens through it.
//   GET  -> { personas: [{ key, name, org_name, role_label }] }
//   POST { persona } -> the same session body as every auth-* function (_shared/session.ts)
import { z } from 'zod';
import type { FunctionEnv } from '../_shared/env.ts';
import { HttpError, json, readJson, route } from '../_shared/http.ts';
import { serviceClient } from '../_shared/supabase.ts';
import { issueSession } from '../_shared/session.ts';
import { PERSONAS } from './personas.ts';

const LoginBody = z.object({ persona: z.string().min(1).max(50) });

interface MemberRow {
  id: string;
  org_id: string;
  name: string;
  department_id: string;
  account_id: string;
  orgs: { name: string } | null;
}

export function createHandler(env: FunctionEnv) {
  const db = serviceClient(env);

  async function membersByAccount(): Promise<Map<string, MemberRow>> {
    const { data, error } = await db
      .from('members')
      .select('id, org_id, name, department_id, account_id, orgs(name)')
      .in('account_id', PERSONAS.map((p) => p.accountId))
      .eq('status', 'active')
      .returns<MemberRow[]>();
    if (error) throw new Error(`member lookup failed: ${error.message}`);
    return new Map(data.map((m) => [m.account_id, m]));
  }

  const ensureLocal = () => {
    if (!env.localMode) throw new HttpError(404, 'dev_login_disabled', 'Dev login exists only on the local stack');
  };

  return route({
    GET: async () => {
      ensureLocal();
      const members = await membersByAccount();
      return json({
        personas: PERSONAS.flatMap((p) => {
          const m = members.get(p.accountId);
          return m ? [{ key: p.key, name: m.name, org_name: m.orgs?.name ?? '', role_label: p.roleLabel }] : [];
        }),
      });
    },
    POST: async (req) => {
      ensureLocal();
      const body = LoginBody.safeParse(await readJson(req));
      if (!body.success) throw new HttpError(400, 'invalid_body', 'Body must be {"persona": "<key>"}');
      const persona = PERSONAS.find((p) => p.key === body.data.persona);
      if (!persona) {
        throw new HttpError(404, 'unknown_persona', `No persona "${body.data.persona}"; try one of ${PERSONAS.map((p) => p.key).join(', ')}`);
      }
      const member = (await membersByAccount()).get(persona.accountId);
      if (!member) throw new HttpError(404, 'persona_not_seeded', 'That persona is not in the database; run npm run reset');
      return json(await issueSession(db, env, persona.accountId, member.org_id));
    },
  });
}
