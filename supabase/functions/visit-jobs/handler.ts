// Scheduled visitor housekeeping (service role; pg_cron on Supabase, the
// local scheduler every minute): closes visits whose window passed and
// purges visitors' personal data after the retention period (visit_jobs).
//   POST { now? } -> { expired, no_show, checked_out, purged }
import { z } from 'zod';
import { requireServiceRole } from '../_shared/auth.ts';
import { throwDbError } from '../_shared/db-errors.ts';
import type { FunctionEnv } from '../_shared/env.ts';
import { json, parseBody, readJson, route } from '../_shared/http.ts';
import { serviceClient } from '../_shared/supabase.ts';

const Body = z.object({ now: z.iso.datetime({ offset: true }).optional() });

export function createHandler(env: FunctionEnv) {
  const db = serviceClient(env);
  return route({
    POST: async (req) => {
      requireServiceRole(req, env, 'Visit jobs');
      const body = parseBody(Body, await readJson(req).catch(() => ({})));
      const { data, error } = await db.rpc('visit_jobs', { p_now: body.now ?? new Date().toISOString() });
      if (error) throwDbError(error, 'visit_jobs');
      return json(data);
    },
  });
}
