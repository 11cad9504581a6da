// Offline logs from gates and POS (protocol: verifiers upload when online).
//   POST { events: [{ code, at (unix seconds), result: 'accepted'|'refused', reason? }] (1-500) }
//   with the point's API key (x-yima-device-key)
//   -> { recorded, duplicates, rejected: [{ index, reason }] }
// Every code is verified again here at the time the gate reports, with the
// org's keys and revocations, so a log cannot invent a member: an event is
// recorded under a member only when the code's signatures check out. What
// the gate decided is kept (ok/reason); a code the server would have refused
// at that time is recorded as refused with the server's reason.
import { codeUploadId, decodeCodeText } from '@yima/shared';
import { z } from 'zod';
import { DEVICE_KEY_HEADER, createPointResolver } from '../_shared/codes.ts';
import { throwDbError } from '../_shared/db-errors.ts';
import type { FunctionEnv } from '../_shared/env.ts';
import { HttpError, json, parseBody, readJson, route } from '../_shared/http.ts';
import { pickVerifyBackend } from '../_shared/ed25519-native.ts';
import { createOrgVerifiers } from '../_shared/org-verifiers.ts';
import { serviceClient } from '../_shared/supabase.ts';

const MAX_AGE_SECONDS = 30 * 24 * 3600;
const Body = z.object({
  events: z.array(z.object({
    code: z.string().min(1).max(1024),
    at: z.number().int().positive(),
    result: z.enum(['accepted', 'refused']),
    reason: z.string().max(40).optional(),
  })).min(1).max(500),
});

export function createHandler(env: FunctionEnv) {
  const db = serviceClient(env);
  const resolvePoint = createPointResolver(db);
  const orgVerifiers = createOrgVerifiers(db, pickVerifyBackend(env.get('YIMA_CODE_VERIFY_BACKEND')));

  return route({
    POST: async (req) => {
      const apiKey = req.headers.get(DEVICE_KEY_HEADER);
      if (!apiKey) throw new HttpError(401, 'device_key_required', `Send the verification point's API key in ${DEVICE_KEY_HEADER}`);
      const point = await resolvePoint(apiKey);
      const { events } = parseBody(Body, await readJson(req), 'Body must be {"events": [{"code", "at", "result"}]} with 1-500 events');
      const now = Date.now() / 1000;
      const rows: Array<Record<string, unknown>> = [];
      const rejected: Array<{ index: number; reason: string }> = [];
      for (const [index, e] of events.entries()) {
        if (e.at > now + 300 || e.at < now - MAX_AGE_SECONDS) {
          rejected.push({ index, reason: 'time_out_of_range' });
          continue;
        }
        let uploadId: string;
        try {
          uploadId = codeUploadId(decodeCodeText(e.code));
        } catch {
          rejected.push({ index, reason: 'malformed' });
          continue;
        }
        const result = await orgVerifiers.verify(point.orgId, e.code, { now: e.at, requiredScopes: point.requiredScopes });
        const credential = result.credential && result.credential.orgId === point.orgId ? result.credential : undefined;
        if (!credential) {
          rejected.push({ index, reason: result.ok ? 'wrong_org' : result.reason });
          continue;
        }
        const ok = result.ok && e.result === 'accepted';
        rows.push({
          at: new Date(e.at * 1000).toISOString(), ok, reason: ok ? null : (result.ok ? e.reason ?? 'refused_by_point' : result.reason),
          credential_id: credential.credentialId, member_id: credential.memberId, counter: result.ok ? result.counter ?? null : null, upload_id: uploadId,
        });
      }
      let recorded = 0;
      let duplicates = 0;
      if (rows.length) {
        const { data, error } = await db.rpc('code_record_offline', { p_org: point.orgId, p_point: point.pointId, p_events: rows });
        if (error) throwDbError(error, 'code_record_offline');
        ({ recorded, duplicates } = data as { recorded: number; duplicates: number });
      }
      return json({ recorded, duplicates, rejected });
    },
  });
}
