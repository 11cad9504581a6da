// SMS one-time-code login, for visitors and admins on the web.
//   POST /auth-sms/send   { phone }          -> { sent: true, expires_in, retry_after }
//   POST /auth-sms/verify { phone, code, org_id? } -> session
// Codes: 6 digits, valid 5 minutes, 5 tries; stored as a peppered SHA-256.
// Rate limits (in the database): 1 per phone per 60 s, 10 per phone per day,
// 30 per IP per hour.
import { z } from 'zod';
import { AdapterError } from '../_shared/adapters/index.ts';
import { createSmsChannel, readSmsConfig, type SmsChannel } from '../_shared/adapters/sms.adapter.ts';
import { adapterHttpError } from '../_shared/adapter-errors.ts';
import { clientIp } from '../_shared/auth.ts';
import { randomDigits, sha256Hex } from '../_shared/crypto.ts';
import { retryAfter, throwDbError } from '../_shared/db-errors.ts';
import type { FunctionEnv } from '../_shared/env.ts';
import { HttpError, json, parseBody, readJson, route } from '../_shared/http.ts';
import { issueSession } from '../_shared/session.ts';
import { serviceClient } from '../_shared/supabase.ts';

const CODE_TTL_SECONDS = 300;
const Phone = z.string().regex(/^1[3-9]\d{9}$/, 'phone must be an 11-digit mainland mobile number');
const SendBody = z.object({ phone: Phone });
const VerifyBody = z.object({ phone: Phone, code: z.string().regex(/^\d{6}$/, 'code must be 6 digits'), org_id: z.string().uuid().optional() });


export function createHandler(env: FunctionEnv, deps: { sms?: SmsChannel } = {}) {
  const db = serviceClient(env);
  let channel = deps.sms;
  const sms = () => (channel ??= createSmsChannel(readSmsConfig(env.get)));
  const hashCode = (phone: string, code: string) => sha256Hex(`${phone}:${code}:${env.jwtSecret}`);

  async function send(req: Request): Promise<Response> {
    const { phone } = parseBody(SendBody, await readJson(req));
    const code = randomDigits(6);
    const { error } = await db.rpc('sms_code_create', {
      p_phone: phone, p_purpose: 'login', p_code_hash: await hashCode(phone, code), p_ip: clientIp(req) ?? null, p_ttl_seconds: CODE_TTL_SECONDS,
    });
    if (error) {
      if (error.code === 'YM120') {
        return json({ error: { code: 'rate_limited', message: error.message, retry_after: retryAfter(error) } }, 429);
      }
      throwDbError(error, 'sms_code_create');
    }
    try {
      await sms().send({ phone, template: 'login_code', params: { code, minutes: String(CODE_TTL_SECONDS / 60) } });
    } catch (e) {
      if (e instanceof AdapterError) throw adapterHttpError(e);
      throw e;
    }
    return json({ sent: true, expires_in: CODE_TTL_SECONDS, retry_after: 60 });
  }

  async function verify(req: Request): Promise<Response> {
    const body = parseBody(VerifyBody, await readJson(req));
    const { data, error } = await db.rpc('sms_code_consume', {
      p_phone: body.phone, p_purpose: 'login', p_code_hash: await hashCode(body.phone, body.code),
    });
    if (error) throwDbError(error, 'sms_code_consume');
    const result = data as { ok: boolean; code?: string; message?: string; remaining?: number };
    if (!result.ok) {
      return json({ error: { code: result.code, message: result.message, remaining: result.remaining } }, 400);
    }
    const account = await db.rpc('auth_upsert_identity', { p_provider: 'phone', p_app: '', p_subject: body.phone, p_unionid: null });
    if (account.error) throwDbError(account.error, 'auth_upsert_identity');
    return json(await issueSession(db, env, account.data as string, body.org_id));
  }

  return route({
    POST: async (req) => {
      const action = new URL(req.url).pathname.split('/').filter(Boolean).at(-1);
      if (action === 'send') return send(req);
      if (action === 'verify') return verify(req);
      throw new HttpError(404, 'not_found', 'Use POST /auth-sms/send or POST /auth-sms/verify');
    },
  });
}
