// Online verification (protocol section 14): a gate, door or POS (API key in
// x-yima-device-key) or a guard in the mini-program (JWT, cards permission)
// posts a scanned code. The shared CodeVerifier checks it exactly as an
// offline verifier would (signatures, key ring, synced revocations, validity,
// clock skew, scopes); then code_record_verification adds the live checks a
// code cannot carry (point still active, issuer key still usable, credential
// not revoked, member active and bound) and the replay check (a unique index
// on (credential, counter), so a replay is refused across instances), and
// records the access event.
//   POST { code: "YM1:...", point_id? }
//     -> { ok, reason?, credential_id?, member?: { name, department, photo }, visitor? }
// Visitor passes (kind visitor) are checked against their visit instead
// (visit_record_verification): cancelled/rejected -> revoked, over ->
// visit_closed; the first accepted pass checks the visitor in. A gate only
// accepts site-bound passes of its own site.
// A refused code is a verdict (HTTP 200, ok:false), not an error.
import type { SignatureBackend, VerifyResult } from '@yima/shared';
import { z } from 'zod';
import { requireCaller } from '../_shared/auth.ts';
import { pickVerifyBackend } from '../_shared/ed25519-native.ts';
import { DEVICE_KEY_HEADER, createPointResolver } from '../_shared/codes.ts';
import { createOrgVerifiers } from '../_shared/org-verifiers.ts';
import { throwDbError } from '../_shared/db-errors.ts';
import type { FunctionEnv } from '../_shared/env.ts';
import { HttpError, json, parseBody, readJson, route } from '../_shared/http.ts';
import { serviceClient } from '../_shared/supabase.ts';

const VerifyBody = z.object({
  code: z.string().min(1).max(1024),
  point_id: z.guid().optional(),
});

export interface CodeVerifyOptions {
  /**
   * Ed25519 backend for the verifier. Default: node:crypto when the runtime
   * has it (self-tested at start-up), else the SDK's pure JS; see
   * pickVerifyBackend in _shared/ed25519-native.ts.
   */
  backend?: SignatureBackend;
}

export function createHandler(env: FunctionEnv, options: CodeVerifyOptions = {}) {
  const db = serviceClient(env);
  const backend = options.backend ?? pickVerifyBackend(env.get('YIMA_CODE_VERIFY_BACKEND'));
  const resolvePoint = createPointResolver(db);
  const orgVerifiers = createOrgVerifiers(db, backend);

  /** Who is verifying, for which org and point, with which required scopes. */
  async function verifierContext(req: Request, pointId: string | undefined) {
    const apiKey = req.headers.get(DEVICE_KEY_HEADER);
    if (apiKey) {
      const point = await resolvePoint(apiKey);
      if (pointId && pointId.toLowerCase() !== point.pointId) {
        throw new HttpError(403, 'wrong_point', 'point_id does not match this API key');
      }
      return { orgId: point.orgId, pointId: point.pointId, requiredScopes: point.requiredScopes, guard: null };
    }
    const caller = await requireCaller(req, env);
    let orgId = caller.orgId;
    if (pointId) {
      const { data, error } = await db.from('verification_points').select('org_id').eq('id', pointId).maybeSingle();
      if (error) throwDbError(error, 'verification_points');
      if (!data) throw new HttpError(404, 'point_not_found', 'No such verification point');
      orgId = data.org_id as string;
    }
    if (!orgId) throw new HttpError(400, 'org_required', 'Switch to an organisation or pass point_id');
    const { data, error } = await db.rpc('code_guard_check', { p_account: caller.accountId, p_org: orgId, p_point: pointId ?? null });
    if (error) throwDbError(error, 'code_guard_check');
    return { orgId: orgId.toLowerCase(), pointId: pointId ?? null, requiredScopes: data as number, guard: caller.accountId };
  }

  /** The site of a gate (site-bound visitor passes are accepted only there), cached briefly. */
  const sites = new Map<string, { siteId: string | undefined; at: number }>();
  async function pointSite(pointId: string): Promise<string | undefined> {
    const hit = sites.get(pointId);
    if (hit && Date.now() - hit.at < 10_000) return hit.siteId;
    const { data, error } = await db.from('verification_points').select('site_id').eq('id', pointId).maybeSingle();
    if (error) throwDbError(error, 'verification_points');
    const siteId = (data?.site_id as string | null) ?? undefined;
    if (sites.size > 10_000) sites.clear();
    sites.set(pointId, { siteId, at: Date.now() });
    return siteId;
  }

  /** A visitor pass: live checks on the visit (not cancelled, not over), check-in on the first pass. */
  async function visitorVerdict(ctx: { orgId: string; pointId: string | null; guard: string | null }, result: VerifyResult, credential: NonNullable<VerifyResult['credential']>) {
    const { data, error } = await db.rpc('visit_record_verification', {
      p_org: ctx.orgId, p_point: ctx.pointId, p_guard: ctx.guard, p_visit: credential.memberId,
      p_credential: credential.credentialId, p_reason: result.ok ? null : result.reason,
    });
    if (error) throwDbError(error, 'visit_record_verification');
    const verdict = data as { ok: boolean; reason?: string; visitor?: { name: string; host_name: string; company?: string } };
    return json({
      ok: verdict.ok,
      ...(verdict.reason ? { reason: verdict.reason } : {}),
      credential_id: credential.credentialId,
      ...(verdict.visitor ? {
        visitor: verdict.visitor,
        member: { name: verdict.visitor.name, department: `访客 · 拜访 ${verdict.visitor.host_name}`, photo: null },
      } : {}),
    });
  }

  return route({
    POST: async (req) => {
      const started = performance.now();
      const body = parseBody(VerifyBody, await readJson(req));
      const ctx = await verifierContext(req, body.point_id);
      const verifyStarted = performance.now();
      const siteId = ctx.pointId ? await pointSite(ctx.pointId) : undefined;
      let result: VerifyResult = await orgVerifiers.verify(ctx.orgId, body.code, { requiredScopes: ctx.requiredScopes, siteId });
      if (!result.ok && result.reason === 'wrong_site' && ctx.guard && result.credential?.siteId) {
        // A guard with the phone is at the gate the visitor shows up at: the pass's own site.
        result = await orgVerifiers.verify(ctx.orgId, body.code, { requiredScopes: ctx.requiredScopes, siteId: result.credential.siteId });
      }
      // Ids are recorded only when authentic and of this org (never another tenant's ids).
      const credential = result.credential && result.credential.orgId === ctx.orgId ? result.credential : undefined;
      if (credential?.kind === 'visitor') return visitorVerdict(ctx, result, credential);
      const dbStarted = performance.now();
      const { data, error } = await db.rpc('code_record_verification', {
        p_org: ctx.orgId,
        p_point: ctx.pointId,
        p_guard: ctx.guard,
        p_credential: credential?.credentialId ?? null,
        p_member: credential?.memberId ?? null,
        p_key_id: credential?.issuerKeyId ?? null,
        p_counter: result.ok ? (result.counter ?? null) : null,
        p_upload_id: result.ok ? result.uploadId : null,
        p_reason: result.ok ? null : result.reason,
      });
      if (error) throwDbError(error, 'code_record_verification');
      const verdict = data as { ok: boolean; reason?: string; member?: { name: string; department: string } };
      const response = json({
        ok: verdict.ok,
        ...(verdict.reason ? { reason: verdict.reason } : {}),
        ...(credential ? { credential_id: credential.credentialId } : {}),
        ...(verdict.member ? { member: { ...verdict.member, photo: null } } : {}),
      });
      // Where the time went (caller lookup, signatures, live checks + record), for operators and the bench.
      const ms = (a: number, b: number) => (b - a).toFixed(2);
      const done = performance.now();
      response.headers.set('server-timing',
        `auth;dur=${ms(started, verifyStarted)}, verify;dur=${ms(verifyStarted, dbStarted)}, db;dur=${ms(dbStarted, done)}`);
      return response;
    },
  });
}
