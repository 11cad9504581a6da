// A guard registers a walk-in visitor (临时登记): checked in at once.
//   POST { host_member_id | host_employee_no, name, phone?, id_card?, company?, identity_type?, purpose?, companions?, site_id?, window_from?, window_until? }
//     -> { visit }   (window defaults to now .. now + 4 h)
import { z } from 'zod';
import { requireCaller } from '../_shared/auth.ts';
import { throwDbError } from '../_shared/db-errors.ts';
import type { FunctionEnv } from '../_shared/env.ts';
import { HttpError, json, parseBody, readJson, route } from '../_shared/http.ts';
import { serviceClient } from '../_shared/supabase.ts';
import { createVisit, visitorSchema } from '../_shared/visits.ts';

const Body = visitorSchema({ phoneRequired: false }).extend({
  host_member_id: z.guid().optional(),
  /** The host's employee number, when the guard cannot see the host in the member list (outside their scope). */
  host_employee_no: z.string().trim().min(1).max(32).optional(),
  window_from: z.iso.datetime({ offset: true }).optional(),
  window_until: z.iso.datetime({ offset: true }).optional(),
});

export function createHandler(env: FunctionEnv) {
  const db = serviceClient(env);
  return route({
    POST: async (req) => {
      const caller = await requireCaller(req, env);
      if (!caller.orgId) throw new HttpError(400, 'org_required', 'Choose an organisation first');
      const body = parseBody(Body, await readJson(req));
      let hostMemberId = body.host_member_id;
      if (!hostMemberId) {
        if (!body.host_employee_no) throw new HttpError(400, 'host_required', '请选择被访人 (choose the person being visited)');
        const { data, error } = await db.from('members').select('id').eq('org_id', caller.orgId).eq('employee_no', body.host_employee_no)
          .eq('status', 'active').maybeSingle();
        if (error) throwDbError(error, 'members');
        if (!data) throw new HttpError(404, 'host_not_found', `没有工号为 ${body.host_employee_no} 的在职成员 (no active member with that employee number)`);
        hostMemberId = data.id as string;
      }
      const now = Date.now();
      const input = {
        ...body,
        window_from: body.window_from ?? new Date(now).toISOString(),
        window_until: body.window_until ?? new Date(now + 4 * 3600_000).toISOString(),
      };
      const { visit } = await createVisit(db, { env, orgId: caller.orgId, actor: caller.accountId, source: 'walk_in', hostMemberId, input, answers: {} });
      return json({ visit });
    },
  });
}
