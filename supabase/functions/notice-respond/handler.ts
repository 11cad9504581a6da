// A recipient answers a form notice. The answers are validated with the
// shared form engine (the same rules the app shows) against the notice's
// form definition, then stored; a second submission replaces the first.
//   POST { notice_id, answers } with the member's bearer
//   -> { ok: true } | 400 { error: { code: 'invalid_answers', message, fields: [{key, message}] } }
import { parseFormDefinition, validateAnswers } from '@yima/shared';
import { z } from 'zod';
import { requireCaller } from '../_shared/auth.ts';
import { throwDbError } from '../_shared/db-errors.ts';
import type { FunctionEnv } from '../_shared/env.ts';
import { HttpError, json, parseBody, readJson, route } from '../_shared/http.ts';
import { serviceClient, userClient } from '../_shared/supabase.ts';

const Body = z.object({ notice_id: z.string().uuid(), answers: z.record(z.string(), z.unknown()) });

export function createHandler(env: FunctionEnv) {
  const db = serviceClient(env);
  return route({
    POST: async (req) => {
      const caller = await requireCaller(req, env);
      const body = parseBody(Body, await readJson(req), 'Body must be {"notice_id": "<uuid>", "answers": {...}}');
      // Read as the caller: RLS shows the notice only if it was sent to them.
      const asCaller = userClient(env, caller.token);
      const { data: notice, error } = await asCaller.from('notices').select('id, org_id, template, form_definition, status')
        .eq('id', body.notice_id).maybeSingle();
      if (error) throwDbError(error, 'notices');
      if (!notice) throw new HttpError(404, 'notice_not_found', 'No such notice was sent to you');
      if (notice.template !== 'form') throw new HttpError(400, 'not_a_form', 'This notice has no form to fill');
      const { data: recipient, error: rError } = await asCaller.from('notice_recipients').select('member_id')
        .eq('org_id', notice.org_id).eq('notice_id', notice.id).maybeSingle();
      if (rError) throwDbError(rError, 'notice_recipients');
      if (!recipient) throw new HttpError(404, 'notice_not_found', 'No such notice was sent to you');
      const result = validateAnswers(parseFormDefinition(notice.form_definition), body.answers);
      if (result.errors.length) {
        return json({ error: { code: 'invalid_answers', message: result.errors.map((e) => e.message).join('；'), fields: result.errors } }, 400);
      }
      const saved = await db.rpc('notice_save_response', { p_notice: notice.id, p_member: recipient.member_id, p_answers: result.answers });
      if (saved.error) throwDbError(saved.error, 'notice_save_response');
      return json({ ok: true });
    },
  });
}
