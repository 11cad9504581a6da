// The visitor pass page's data (H5, opened from the SMS link; no sign-in:
// the unguessable token is the authority, only its hash is stored).
//   GET ?t=<token> -> { visit: { visitor_name, host_name, site_name, org_name, window_from, window_until, status }, code }
//   (code null while the application is pending)
// Refused: unknown token 404; rejected 409 visit_rejected; cancelled 409
// visit_cancelled; over (checked out, no-show, expired, purged) 410 pass_expired.
import { sha256Hex } from '../_shared/crypto.ts';
import { throwDbError } from '../_shared/db-errors.ts';
import type { FunctionEnv } from '../_shared/env.ts';
import { HttpError, json, route } from '../_shared/http.ts';
import { serviceClient } from '../_shared/supabase.ts';
import { passCode } from '../_shared/visits.ts';

interface PassRow {
  id: string; status: string; visitor_name: string; host_name: string; site_name: string | null; org_name: string;
  window_from: string; window_until: string; companions: number; pass_credential: string | null; purged_at: string | null;
  reject_reason: string | null;
}

export function createHandler(env: FunctionEnv) {
  const db = serviceClient(env);
  return route({
    GET: async (req) => {
      const token = new URL(req.url).searchParams.get('t') ?? '';
      if (!/^[A-Za-z0-9_-]{43}$/.test(token)) throw new HttpError(404, 'invalid_link', '通行证链接无效 (this pass link is invalid)');
      const { data, error } = await db.rpc('visit_pass', { p_token_hash: await sha256Hex(token) });
      if (error) throwDbError(error, 'visit_pass');
      const v = data as PassRow | null;
      if (!v) throw new HttpError(404, 'invalid_link', '通行证链接无效 (this pass link is invalid)');
      if (v.status === 'rejected') throw new HttpError(409, 'visit_rejected', `您的访问申请未通过${v.reject_reason ? `：${v.reject_reason}` : ''} (your visit was not approved)`);
      if (v.status === 'cancelled') throw new HttpError(409, 'visit_cancelled', '该访问已取消 (this visit was cancelled)');
      const open = v.status === 'pending' || ((v.status === 'approved' || v.status === 'checked_in') && v.pass_credential);
      if (!open || v.purged_at || Date.parse(v.window_until) <= Date.now()) {
        throw new HttpError(410, 'pass_expired', '通行证已过期 (this pass has expired)');
      }
      return json({
        visit: { id: v.id, status: v.status, visitor_name: v.visitor_name, host_name: v.host_name, site_name: v.site_name,
                 org_name: v.org_name, window_from: v.window_from, window_until: v.window_until, companions: v.companions },
        // Pending: no pass yet (the page says 等待审批 and polls).
        code: v.status === 'pending' ? null : passCode(v.pass_credential!),
      });
    },
  });
}
