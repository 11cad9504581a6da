// Double-offline payments (双离线): a POS with no network accepted `pay`
// codes up to each credential's offline cap (decideOfflinePayment in
// shared); when back online it uploads its queue here.
//   POST { payments: [{ code, amount_fen, count?, at (unix seconds) }] (1-200) }
//   with the POS's API key (x-yima-device-key)
//   -> { settled, duplicates, overdrafts, rejected: [{ index, reason }] }
// Each code is verified again at the time the POS reports. Authentic codes
// settle into the ledger idempotently (key: the code's upload id, the same
// key an online charge of that code used, so nothing is charged twice),
// even from a credential revoked meanwhile: the POS already handed over the
// goods. What the wallets cannot cover is booked to the overdraft account
// and flagged for admins, never dropped. Codes that are not authentic are
// refused and flagged.
import { Scope, codeUploadId, decodeCodeText, validateStallPricing } from '@yima/shared';
import { z } from 'zod';
import { DEVICE_KEY_HEADER, createPointResolver } from '../_shared/codes.ts';
import { throwDbError } from '../_shared/db-errors.ts';
import type { FunctionEnv } from '../_shared/env.ts';
import { HttpError, json, parseBody, readJson, route } from '../_shared/http.ts';
import { pickVerifyBackend } from '../_shared/ed25519-native.ts';
import { createOrgVerifiers } from '../_shared/org-verifiers.ts';
import { loadPaymentContext } from '../_shared/payments.ts';
import { serviceClient } from '../_shared/supabase.ts';

const MAX_AGE_SECONDS = 30 * 24 * 3600;
/** Refusals that still prove the code authentic (signatures are checked before these). */
const SETTLE_DESPITE = new Set<string>(['revoked', 'expired', 'not_yet_valid', 'clock_skew']);
const Body = z.object({
  payments: z.array(z.object({
    code: z.string().min(1).max(1024),
    amount_fen: z.number().int().min(0).max(100_000_000),
    count: z.number().int().min(0).max(100).optional(),
    at: z.number().int().positive(),
  }).refine((p) => p.amount_fen > 0 || (p.count ?? 0) > 0, 'a payment needs amount_fen or count')).min(1).max(200),
});

export function createHandler(env: FunctionEnv) {
  const db = serviceClient(env);
  const resolvePoint = createPointResolver(db);
  const orgVerifiers = createOrgVerifiers(db, pickVerifyBackend(env.get('YIMA_CODE_VERIFY_BACKEND')));

  async function flag(orgId: string, memberId: string | null, amountFen: number, detail: Record<string, unknown>) {
    const { error } = await db.rpc('payment_flag_add', { p_org: orgId, p_kind: 'rejected_upload', p_member: memberId, p_amount_fen: amountFen, p_detail: detail });
    if (error) throwDbError(error, 'payment_flag_add');
  }

  return route({
    POST: async (req) => {
      const apiKey = req.headers.get(DEVICE_KEY_HEADER);
      if (!apiKey) throw new HttpError(401, 'device_key_required', `Send the POS's API key in ${DEVICE_KEY_HEADER}`);
      const point = await resolvePoint(apiKey);
      const { payments } = parseBody(Body, await readJson(req), 'Body must be {"payments": [{"code", "amount_fen", "at"}]} with 1-200 payments');
      const now = Date.now() / 1000;
      let settled = 0, duplicates = 0, overdrafts = 0;
      const rejected: Array<{ index: number; reason: string }> = [];
      const accessEvents: Array<Record<string, unknown>> = [];
      for (const [index, p] of payments.entries()) {
        if (p.at > now + 300 || p.at < now - MAX_AGE_SECONDS) {
          rejected.push({ index, reason: 'time_out_of_range' });
          continue;
        }
        let uploadId: string;
        try {
          uploadId = codeUploadId(decodeCodeText(p.code));
        } catch {
          rejected.push({ index, reason: 'malformed' });
          await flag(point.orgId, null, p.amount_fen, { reason: 'malformed', point_id: point.pointId, at: p.at });
          continue;
        }
        const result = await orgVerifiers.verify(point.orgId, p.code, { now: p.at, requiredScopes: point.requiredScopes | Scope.pay });
        // Settled: codes that verify, and authentic codes (both signatures good) the POS could
        // not have known to refuse offline (revoked meanwhile, clock off). Anything else is refused.
        const authentic = result.ok || SETTLE_DESPITE.has(result.reason);
        const credential = authentic && result.credential && result.credential.orgId === point.orgId ? result.credential : undefined;
        if (!credential) {
          const reason = result.ok ? 'wrong_org' : result.reason;
          rejected.push({ index, reason });
          await flag(point.orgId, null, p.amount_fen, { reason, upload_id: uploadId, point_id: point.pointId, at: p.at });
          continue;
        }
        const ctx = await loadPaymentContext(db, { orgId: point.orgId, memberId: credential.memberId, pointId: point.pointId });
        const pricing = validateStallPricing(ctx.stall.pricing);
        const { data, error } = await db.rpc('payment_commit', {
          p_org: point.orgId, p_member: credential.memberId, p_stall: ctx.stall.id, p_request_id: `code:${uploadId}`,
          p_kind: 'offline_payment', p_pay_fen: p.amount_fen, p_count: p.count ?? 0,
          p_wallet_order: pricing.ok ? (pricing.value.walletOrder ?? ['subsidy', 'cash']) : ['subsidy', 'cash'],
          p_checks: {}, p_meal_period: null, p_point: point.pointId, p_actor: null,
          p_detail: {
            source: 'offline', accepted_at: new Date(p.at * 1000).toISOString(), credential_id: credential.credentialId,
            counter: result.ok ? (result.counter ?? null) : null, ...(result.ok ? {} : { server_verdict: result.reason }),
            ...(p.amount_fen > credential.offlineCapFen ? { over_offline_cap: credential.offlineCapFen } : {}),
          },
        });
        if (error?.code === 'YM403') {
          rejected.push({ index, reason: 'conflict' });
          await flag(point.orgId, credential.memberId, p.amount_fen, { reason: 'conflict', upload_id: uploadId, point_id: point.pointId, at: p.at });
          continue;
        }
        if (error) throwDbError(error, 'payment_commit');
        const booked = data as { replayed: boolean; overdraft_fen: number };
        if (booked.replayed) duplicates += 1;
        else settled += 1;
        if (!booked.replayed && booked.overdraft_fen > 0) overdrafts += 1;
        accessEvents.push({
          at: new Date(p.at * 1000).toISOString(), ok: true, reason: null, credential_id: credential.credentialId,
          member_id: credential.memberId, counter: result.ok ? (result.counter ?? null) : null, upload_id: uploadId,
        });
      }
      if (accessEvents.length) {
        const { error } = await db.rpc('code_record_offline', { p_org: point.orgId, p_point: point.pointId, p_events: accessEvents });
        if (error) throwDbError(error, 'code_record_offline');
      }
      return json({ settled, duplicates, overdrafts, rejected });
    },
  });
}
