// Claiming the card (领卡/激活): a signed-in account proves which member it
// is, by the org's configured method, and is bound to that member.
//   GET  ?org=<slug or id>  -> { org: {id, name}, method, fields: [...] }   (what to ask for)
//   POST { org, device_id, fields: { employee_no?, phone?, id_card?, name? } } -> session for that org
// Failed attempts count per account, device and member and lock out after
// the org's limit (claim_card RPC). With method 'api' the enterprise's own
// endpoint says yes or no first.
import { z } from 'zod';
import { AdapterError } from '../_shared/adapters/index.ts';
import { verifyWithEnterprise } from '../_shared/adapters/enterprise-verify.adapter.ts';
import { adapterHttpError } from '../_shared/adapter-errors.ts';
import { requireCaller } from '../_shared/auth.ts';
import { throwDbError } from '../_shared/db-errors.ts';
import type { FunctionEnv } from '../_shared/env.ts';
import { HttpError, json, parseBody, readJson, route } from '../_shared/http.ts';
import { issueSession } from '../_shared/session.ts';
import { serviceClient } from '../_shared/supabase.ts';

type Method = 'employee_no_phone' | 'employee_no_id_card' | 'name_id_card' | 'name_phone' | 'api';

/** The fields each method asks for, in form order. */
export const CLAIM_FIELDS: Record<Method, Array<'employee_no' | 'phone' | 'id_card' | 'name'>> = {
  employee_no_phone: ['employee_no', 'phone'],
  employee_no_id_card: ['employee_no', 'id_card'],
  name_id_card: ['name', 'id_card'],
  name_phone: ['name', 'phone'],
  api: ['employee_no', 'name'],
};

const Fields = z.object({
  employee_no: z.string().trim().max(32).optional(),
  phone: z.string().trim().regex(/^1[3-9]\d{9}$/, 'phone must be an 11-digit mainland mobile number').optional(),
  id_card: z.string().trim().regex(/^\d{17}[\dXx]$/, 'ID-card number must be 18 characters').optional(),
  name: z.string().trim().min(1).max(50).optional(),
});
const ClaimBody = z.object({
  org: z.string().min(1).max(64),
  device_id: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'device_id must be 8-64 letters, digits, _ or -'),
  fields: Fields,
});

interface ClaimResult { ok: boolean; code?: string; message?: string; remaining?: number; locked_until?: string; member_id?: string }

export function createHandler(env: FunctionEnv) {
  const db = serviceClient(env);

  async function findOrg(ref: string) {
    const column = /^[0-9a-f-]{36}$/i.test(ref) ? 'id' : 'slug';
    const { data, error } = await db.from('orgs')
      .select('id, name, org_auth_settings(claim_method, api_verify_url)').eq(column, ref).maybeSingle();
    if (error) throwDbError(error, 'orgs');
    if (!data) throw new HttpError(404, 'org_not_found', `No organisation "${ref}"; check the link you opened`);
    const settings = (Array.isArray(data.org_auth_settings) ? data.org_auth_settings[0] : data.org_auth_settings) as
      { claim_method: Method; api_verify_url: string | null };
    return { id: data.id as string, name: data.name as string, method: settings.claim_method, apiUrl: settings.api_verify_url };
  }

  async function claim(accountId: string, orgId: string, deviceId: string, fields: object, verifiedEmployeeNo: string | null) {
    const { data, error } = await db.rpc('claim_card', {
      p_account: accountId, p_org: orgId, p_device: deviceId, p_fields: fields, p_verified_employee_no: verifiedEmployeeNo,
    });
    if (error) throwDbError(error, 'claim_card');
    return data as ClaimResult;
  }

  const refuse = (r: ClaimResult) => {
    const status = r.code === 'locked' ? 429 : r.code === 'member_bound' || r.code === 'account_bound' ? 409 : r.code === 'missing_fields' ? 400 : 403;
    return json({ error: { code: r.code, message: r.message, remaining: r.remaining, locked_until: r.locked_until } }, status);
  };

  return route({
    GET: async (req) => {
      const ref = new URL(req.url).searchParams.get('org');
      if (!ref) throw new HttpError(400, 'org_required', 'Add ?org=<organisation slug or id>');
      const org = await findOrg(ref);
      return json({ org: { id: org.id, name: org.name }, method: org.method, fields: CLAIM_FIELDS[org.method] });
    },
    POST: async (req) => {
      const caller = await requireCaller(req, env);
      const body = parseBody(ClaimBody, await readJson(req));
      const org = await findOrg(body.org);
      let verified: string | null = null;
      if (org.method === 'api') {
        // Ask the database first whether this account or device is locked out.
        const pre = await claim(caller.accountId, org.id, body.device_id, body.fields, null);
        if (pre.code === 'locked') return refuse(pre);
        const secret = await db.rpc('org_secret', { p_org: org.id, p_name: 'api_verify_secret' });
        if (secret.error) throwDbError(secret.error, 'org_secret');
        if (!org.apiUrl || !secret.data) {
          throw new HttpError(503, 'api_verify_not_configured', 'This organisation verifies identity through its own system, which is not configured yet; contact the admin');
        }
        try {
          const answer = await verifyWithEnterprise({
            url: org.apiUrl, secret: secret.data as string, orgId: org.id,
            fields: Object.fromEntries(Object.entries(body.fields).filter(([, v]) => v !== undefined)) as Record<string, string>,
          });
          // A "no" is recorded as a failed attempt (empty employee number matches nobody).
          verified = answer.ok ? answer.employeeNo : '';
        } catch (error) {
          if (error instanceof AdapterError) throw adapterHttpError(error);
          throw error;
        }
      }
      const result = await claim(caller.accountId, org.id, body.device_id, body.fields, verified);
      if (!result.ok) return refuse(result);
      return json(await issueSession(db, env, caller.accountId, org.id));
    },
  });
}
