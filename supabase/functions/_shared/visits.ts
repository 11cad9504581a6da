// Shared by the visit-* functions: validating what a host, visitor or guard
// types (phone, ID-card checksum, window, custom form answers), the signed
// apply link a host shares, and issuing the visitor pass (a static pass:
// docs/code-protocol.md section 13) behind an unguessable SMS link.
import type { SupabaseClient } from '@supabase/supabase-js';
import {
  Scope, base64urlDecode, base64urlEncode, hexToBytes, idCardProblem, isValidMobile, keyIdFromPublicKey, makeStaticPass,
  parseFormDefinition, signCredential, validateAnswers,
} from '@yima/shared';
import { z } from 'zod';
import { addIssuerKey } from './codes.ts';
import { hmac, sha256Hex, timingSafeEqual } from './crypto.ts';
import { throwDbError } from './db-errors.ts';
import type { FunctionEnv } from './env.ts';
import { HttpError } from './http.ts';
import type { SmsChannel } from './adapters/sms.adapter.ts';

const VISIT_ERRORS: Record<string, [number, string]> = {
  YM501: [400, 'invalid_visit'], YM502: [409, 'visit_state'], YM503: [403, 'not_your_decision'], YM504: [404, 'invalid_link'],
};

export function throwVisitError(error: { code?: string; message: string }, context: string): never {
  const known = error.code ? VISIT_ERRORS[error.code] : undefined;
  if (known) throw new HttpError(known[0], known[1], error.message);
  throwDbError(error, context);
}

const ID_CARD_MESSAGES = {
  format: '身份证号应为 18 位 (an ID-card number has 18 characters)',
  birth_date: '身份证号中的出生日期无效 (the birth date in the ID-card number is invalid)',
  checksum: '身份证号校验位错误，请核对 (the ID-card number fails its checksum; check it)',
} as const;

const when = z.iso.datetime({ offset: true });

/** The visitor fields every way in shares; phone optional only for walk-ins. */
export function visitorSchema(opts: { phoneRequired: boolean }) {
  const phone = z.string().trim().refine(isValidMobile, '手机号格式不正确 (enter an 11-digit mainland mobile number)');
  return z.object({
    name: z.string().trim().min(1, '请填写访客姓名 (enter the visitor name)').max(50),
    phone: opts.phoneRequired ? phone : phone.optional(),
    id_card: z.string().trim().toUpperCase().optional().superRefine((v, ctx) => {
      const problem = v ? idCardProblem(v) : null;
      if (problem) ctx.addIssue({ code: 'custom', message: ID_CARD_MESSAGES[problem] });
    }),
    company: z.string().trim().max(100).optional(),
    identity_type: z.string().trim().max(20).optional(),
    purpose: z.string().trim().max(200).optional(),
    companions: z.number().int().min(0).max(50).optional(),
    site_id: z.guid().optional(),
    window_from: when,
    window_until: when,
    answers: z.record(z.string(), z.unknown()).optional(),
  });
}
export type VisitorInput = z.output<ReturnType<typeof visitorSchema>>;

/** Checks the custom form answers against the org's apply form (shared form engine). */
export function checkAnswers(form: unknown, answers: Record<string, unknown> | undefined): Record<string, unknown> {
  if (!form) return {};
  const definition = parseFormDefinition(form);
  const { answers: clean, errors } = validateAnswers(definition, answers ?? {});
  if (errors.length) {
    throw new HttpError(400, 'invalid_answers', errors.map((e) => e.message).join('；'));
  }
  return clean as Record<string, unknown>;
}

export async function createVisit(db: SupabaseClient, args: {
  env: FunctionEnv; orgId: string; actor: string | null; source: 'invite' | 'apply' | 'walk_in'; hostMemberId: string; input: VisitorInput; answers: Record<string, unknown>;
}) {
  const { input } = args;
  const id = crypto.randomUUID();
  const token = await visitorToken(args.env, id);
  const { data, error } = await db.rpc('visit_create', {
    p_id: id, p_token_hash: await sha256Hex(token), p_org: args.orgId, p_actor: args.actor, p_source: args.source, p_host: args.hostMemberId, p_site: input.site_id ?? null,
    p_visitor: {
      name: input.name, phone: input.phone ?? null, id_card: input.id_card ?? null, company: input.company ?? null,
      identity_type: input.identity_type || null, purpose: input.purpose ?? null, companions: input.companions ?? 0,
    },
    p_answers: args.answers, p_window_from: input.window_from, p_window_until: input.window_until,
  });
  if (error) throwVisitError(error, 'visit_create');
  return { visit: data as Visit, visitorUrl: passUrl(args.env, token) };
}

/** The visitor's link token: HMAC of the visit id (stable, unguessable; only its hash is stored). */
export async function visitorToken(env: FunctionEnv, visitId: string): Promise<string> {
  return base64urlEncode(new Uint8Array(await hmac('SHA-256', `yima-visit-pass:${env.jwtSecret}`, visitId)));
}

export interface Visit {
  id: string; org_id: string; site_id: string | null; status: string; source: string; visitor_name: string; visitor_phone: string | null;
  window_from: string; window_until: string; host_name: string; site_name: string | null; org_name: string;
  [key: string]: unknown;
}

// ---------------------------------------------------------------- apply links
const LINK_TTL_SECONDS = 30 * 24 * 3600;

async function linkSignature(env: FunctionEnv, payload: string): Promise<string> {
  return base64urlEncode(new Uint8Array(await hmac('SHA-256', `yima-visit-apply:${env.jwtSecret}`, payload)));
}

/** A host's shareable apply link token: {org, host, expiry} signed with a key derived from the JWT secret. */
export async function signApplyToken(env: FunctionEnv, orgId: string, hostMemberId: string, now = Date.now()): Promise<string> {
  const payload = base64urlEncode(new TextEncoder().encode(JSON.stringify({ o: orgId, h: hostMemberId, e: Math.floor(now / 1000) + LINK_TTL_SECONDS })));
  return `${payload}.${await linkSignature(env, payload)}`;
}

export async function readApplyToken(env: FunctionEnv, token: string | null): Promise<{ orgId: string; hostMemberId: string }> {
  const invalid = new HttpError(400, 'invalid_link', '访客申请链接无效或已被修改，请向被访人重新索取 (this link is invalid; ask your host for a new one)');
  const [payload, signature] = (token ?? '').split('.');
  if (!payload || !signature || payload.length > 400) throw invalid;
  if (!timingSafeEqual(signature, await linkSignature(env, payload))) throw invalid;
  let claims: { o?: string; h?: string; e?: number };
  try {
    claims = JSON.parse(new TextDecoder().decode(base64urlDecode(payload)));
  } catch {
    throw invalid;
  }
  if (!claims.o || !claims.h || typeof claims.e !== 'number') throw invalid;
  if (claims.e < Date.now() / 1000) throw new HttpError(410, 'link_expired', '访客申请链接已过期，请向被访人重新索取 (this link has expired)');
  return { orgId: claims.o, hostMemberId: claims.h };
}

export function applyUrl(env: FunctionEnv, token: string): string {
  return `${env.publicAppUrl}#/pages/visitor/apply?t=${encodeURIComponent(token)}`;
}
export function passUrl(env: FunctionEnv, token: string): string {
  return `${env.publicAppUrl}#/pages/visitor/pass?t=${encodeURIComponent(token)}`;
}

// ---------------------------------------------------------------- passes
/** Minutes before the window a pass already opens the gate (early arrivals). */
const EARLY_MINUTES = 30;

/**
 * Signs a static visitor pass for an approved visit (visit window, site,
 * door|visitor scopes, valid until the window ends), stores it, and texts
 * the visitor's link (the same link that showed the application's status). Returns the link
 * (the host may forward it) and how the SMS went.
 */
export async function issuePass(db: SupabaseClient, env: FunctionEnv, sms: () => SmsChannel, visit: Visit) {
  let key = await signingKey(db, visit.org_id);
  if (!key) {
    await addIssuerKey(db, visit.org_id);
    key = await signingKey(db, visit.org_id);
    if (!key) throw new HttpError(500, 'issuer_key_unavailable', 'Could not create the organisation issuer key');
  }
  const from = Math.floor(Date.parse(visit.window_from) / 1000);
  const until = Math.floor(Date.parse(visit.window_until) / 1000);
  const credentialId = crypto.randomUUID();
  const secretKey = hexToBytes(key.secret_key);
  const credential = signCredential({
    kind: 'visitor',
    issuerKeyId: keyIdFromPublicKey(hexToBytes(key.public_key)),
    orgId: visit.org_id,
    memberId: visit.id,
    cardId: visit.id,
    credentialId,
    scopes: Scope.door | Scope.visitor,
    notBefore: from - EARLY_MINUTES * 60,
    expiresAt: until,
    offlineCapFen: 0,
    visitWindow: { from: from - EARLY_MINUTES * 60, until },
    ...(visit.site_id ? { siteId: visit.site_id } : {}),
  }, secretKey);
  secretKey.fill(0);
  const { error } = await db.rpc('visit_set_pass', { p_visit: visit.id, p_credential_id: credentialId, p_credential: base64urlEncode(credential) });
  if (error) throwVisitError(error, 'visit_set_pass');
  const url = passUrl(env, await visitorToken(env, visit.id));
  let smsStatus: 'sent' | 'failed' | 'no_phone' = 'no_phone';
  if (visit.visitor_phone) {
    try {
      const time = new Date(Date.parse(visit.window_from)).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }).slice(0, -3);
      await sms().send({ phone: visit.visitor_phone, template: 'visitor_pass', params: { host: visit.host_name, time, link: url } });
      smsStatus = 'sent';
    } catch (e) {
      console.error('[visits] visitor pass SMS failed', e);
      smsStatus = 'failed';
    }
  }
  return { pass_url: url, sms: smsStatus, credential_id: credentialId };
}

async function signingKey(db: SupabaseClient, orgId: string) {
  const { data, error } = await db.rpc('visit_signing_key', { p_org: orgId });
  if (error) throwDbError(error, 'visit_signing_key');
  return data as { key_id: number; public_key: string; secret_key: string } | null;
}

/** The static pass text (YM1:...) for a stored credential. */
export function passCode(credential: string): string {
  return makeStaticPass(base64urlDecode(credential)).text;
}
