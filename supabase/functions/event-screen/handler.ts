// The organiser's big screen (签到大屏): the current rotating sign-in (or
// sign-out) code of an event, to be shown as a QR and fetched again when it
// expires. Only organisers (the events app, or super admins) may fetch it.
//   GET ?event_id=&action=in|out -> { code, step, step_seconds, expires_at }
import { eventStep, makeEventCode } from '@yima/shared';
import { z } from 'zod';
import { requireCaller } from '../_shared/auth.ts';
import { throwDbError } from '../_shared/db-errors.ts';
import type { FunctionEnv } from '../_shared/env.ts';
import { createEventKeys } from '../_shared/events.ts';
import { HttpError, json, parseBody, route } from '../_shared/http.ts';
import { serviceClient } from '../_shared/supabase.ts';

const Query = z.object({ event_id: z.guid(), action: z.enum(['in', 'out']).default('in') });

export function createHandler(env: FunctionEnv) {
  const db = serviceClient(env);
  const eventKey = createEventKeys(db);
  return route({
    GET: async (req) => {
      const caller = await requireCaller(req, env);
      const q = parseBody(Query, Object.fromEntries(new URL(req.url).searchParams), 'Query must have event_id and action=in|out');
      const { data: allowed, error } = await db.rpc('event_organiser_check', { p_account: caller.accountId, p_event: q.event_id });
      if (error) throwDbError(error, 'event_organiser_check');
      if (!allowed) throw new HttpError(403, 'not_organiser', '只有活动管理员可以打开签到大屏 (only event organisers can show the sign-in screen)');
      const key = await eventKey(q.event_id);
      const now = Date.now() / 1000;
      const step = eventStep(now, key.step_seconds);
      return json({
        code: makeEventCode(key.secret, q.event_id, q.action, step),
        step, step_seconds: key.step_seconds,
        expires_at: new Date((step + 1) * key.step_seconds * 1000).toISOString(),
      });
    },
  });
}
