// Scheduled housekeeping of the scenario apps (service role; pg_cron on
// Supabase, the local scheduler every minute): releases resource bookings
// nobody checked in to 15 minutes after the start (no_show) and expires
// undecided requests (resource_jobs); marks meal bookings never redeemed by
// the end of the meal as no-shows (meal_jobs).
//   POST { now? } -> { resources: { no_show, expired }, meals: { no_show } }
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
      requireServiceRole(req, env, 'Scenario jobs');
      const body = parseBody(Body, await readJson(req).catch(() => ({})));
      const now = body.now ?? new Date().toISOString();
      const [resources, meals] = await Promise.all([
        db.rpc('resource_jobs', { p_now: now }),
        db.rpc('meal_jobs', { p_now: now }),
      ]);
      if (resources.error) throwDbError(resources.error, 'resource_jobs');
      if (meals.error) throwDbError(meals.error, 'meal_jobs');
      return json({ resources: resources.data, meals: meals.data });
    },
  });
}
