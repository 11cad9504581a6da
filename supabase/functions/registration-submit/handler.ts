// Registering at a registration point (实名登记): scanning the point's QR
// (yima:reg:<point id>) opens its form; the answers are checked with the
// shared form engine and recorded if the member is designated there.
//   GET  ?point_id=                -> { point: { id, name, purpose }, form }
//   POST { point_id, answers }     -> { record: { id, at } }
import { parseFormDefinition, validateAnswers } from '@yima/shared';
import { z } from 'zod';
import { requireCaller } from '../_shared/auth.ts';
import { throwDbError } from '../_shared/db-errors.ts';
import type { FunctionEnv } from '../_shared/env.ts';
import { HttpError, json, parseBody, readJson, route } from '../_shared/http.ts';
import { serviceClient } from '../_shared/supabase.ts';

const Body = z.object({ point_id: z.guid(), answers: z.record(z.string(), z.unknown()) });

export function createHandler(env: FunctionEnv) {
  const db = serviceClient(env);

  async function load(pointId: string) {
    const { data, error } = await db.from('registration_points').select('id, org_id, name, purpose, form, active').eq('id', pointId).maybeSingle();
    if (error) throwDbError(error, 'registration_points');
    if (!data || !data.active) throw new HttpError(404, 'point_not_found', '登记点不存在或已停用 (no such registration point, or it is closed)');
    return data;
  }

  return route({
    GET: async (req) => {
      await requireCaller(req, env);
      const pointId = parseBody(z.guid(), new URL(req.url).searchParams.get('point_id'), 'point_id must be the id from the QR');
      const p = await load(pointId);
      return json({ point: { id: p.id, name: p.name, purpose: p.purpose }, form: p.form });
    },
    POST: async (req) => {
      const caller = await requireCaller(req, env);
      const body = parseBody(Body, await readJson(req));
      const p = await load(body.point_id);
      const { data: member, error } = await db.from('members').select('id').eq('org_id', p.org_id).eq('account_id', caller.accountId).maybeSingle();
      if (error) throwDbError(error, 'members');
      if (!member) throw new HttpError(403, 'not_designated', '你不在该登记点的登记范围内 (you are not designated to register here)');
      const { answers, errors } = validateAnswers(parseFormDefinition(p.form), body.answers);
      if (errors.length) throw new HttpError(400, 'invalid_answers', errors.map((e) => e.message).join('；'));
      const { data, error: recordError } = await db.rpc('registration_record', { p_point: p.id, p_member: member.id, p_answers: answers });
      if (recordError) {
        if (recordError.code === 'YM623') throw new HttpError(403, 'not_designated', recordError.message);
        throwDbError(recordError, 'registration_record');
      }
      const r = data as { id: number; at: string };
      return json({ record: { id: r.id, at: r.at } });
    },
  });
}
