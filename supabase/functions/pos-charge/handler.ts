// Charging a member's dynamic code at a POS (刷码消费): the POS (API key in
// x-yima-device-key, bound to a stall) or a merchant operator's phone (JWT,
// with stall_id of a merchant they operate) posts the scanned code and, for
// free and limited stalls, the amount.
//   POST { code, amount_fen?, stall_id? (operators) }
//     -> { transaction_id, replayed, member, amount_fen, paid, balances, ... }
// The code is verified like at a gate (signatures, keys, revocations, clock,
// the pay scope; then live status and replay in code_record_verification).
// The payment's idempotency key is the code itself (its upload id): a POS
// that retries after a timeout gets the first result back (replayed: true),
// and the same code uploaded later from the POS's offline queue is not
// charged twice. A refused code is 403 code_<reason> (code_expired, code_revoked, ...).
import { Scope } from '@yima/shared';
import { z } from 'zod';
import { requireCaller } from '../_shared/auth.ts';
import { DEVICE_KEY_HEADER, createPointResolver } from '../_shared/codes.ts';
import { throwDbError } from '../_shared/db-errors.ts';
import type { FunctionEnv } from '../_shared/env.ts';
import { HttpError, json, parseBody, readJson, route } from '../_shared/http.ts';
import { pickVerifyBackend } from '../_shared/ed25519-native.ts';
import { createOrgVerifiers } from '../_shared/org-verifiers.ts';
import { assertStallOpen, commitPayment, findPayment, loadPaymentContext, paymentResponse, pricePayment, refusalError } from '../_shared/payments.ts';
import { serviceClient } from '../_shared/supabase.ts';

const Body = z.object({
  code: z.string().min(1).max(1024),
  amount_fen: z.number().int().positive().max(100_000_000).optional(),
  stall_id: z.guid().optional(),
});

export function createHandler(env: FunctionEnv) {
  const db = serviceClient(env);
  const resolvePoint = createPointResolver(db);
  const orgVerifiers = createOrgVerifiers(db, pickVerifyBackend(env.get('YIMA_CODE_VERIFY_BACKEND')));

  /** Who charges: a POS (its point and stall) or an operator of the stall's merchant. */
  async function charger(req: Request, stallId: string | undefined) {
    const apiKey = req.headers.get(DEVICE_KEY_HEADER);
    if (apiKey) {
      const point = await resolvePoint(apiKey);
      return { orgId: point.orgId, pointId: point.pointId, stallId: undefined, requiredScopes: point.requiredScopes | Scope.pay, actor: null };
    }
    const caller = await requireCaller(req, env);
    if (!caller.orgId || !caller.memberId) throw new HttpError(400, 'org_required', 'Choose an organisation (card) first');
    if (!stallId) throw new HttpError(400, 'stall_required', 'Pick the stall you are collecting for (stall_id)');
    const { data: stall, error } = await db.from('stalls').select('merchant_id').eq('org_id', caller.orgId).eq('id', stallId).maybeSingle();
    if (error) throwDbError(error, 'stalls');
    if (!stall) throw new HttpError(404, 'stall_unavailable', 'No such stall in this organisation');
    const { data: op, error: opError } = await db.from('merchant_operators').select('member_id')
      .eq('merchant_id', stall.merchant_id).eq('member_id', caller.memberId).maybeSingle();
    if (opError) throwDbError(opError, 'merchant_operators');
    if (!op) throw new HttpError(403, 'not_operator', 'You do not collect for this stall; ask the payment administrator to add you as an operator');
    return { orgId: caller.orgId, pointId: null, stallId, requiredScopes: Scope.pay, actor: caller.accountId };
  }

  return route({
    POST: async (req) => {
      const body = parseBody(Body, await readJson(req), 'Body must be {"code", "amount_fen"?, "stall_id"?}');
      const who = await charger(req, body.stall_id);
      const result = await orgVerifiers.verify(who.orgId, body.code, { requiredScopes: who.requiredScopes });
      const credential = result.credential && result.credential.orgId === who.orgId ? result.credential : undefined;
      const { data, error } = await db.rpc('code_record_verification', {
        p_org: who.orgId, p_point: who.pointId, p_guard: who.actor,
        p_credential: credential?.credentialId ?? null, p_member: credential?.memberId ?? null, p_key_id: credential?.issuerKeyId ?? null,
        p_counter: result.ok ? (result.counter ?? null) : null, p_upload_id: result.ok ? result.uploadId : null,
        p_reason: result.ok ? null : result.reason,
      });
      if (error) throwDbError(error, 'code_record_verification');
      const verdict = data as { ok: boolean; reason?: string };
      const requestId = result.ok ? `code:${result.uploadId}` : '';
      if (!verdict.ok && verdict.reason !== 'replayed') {
        throw new HttpError(403, `code_${verdict.reason}`, `这个码不能付款 (${verdict.reason}); ask the payer to refresh the code`);
      }
      const ctx = await loadPaymentContext(db, {
        orgId: who.orgId, memberId: credential!.memberId, pointId: who.pointId ?? undefined, stallId: who.stallId,
      });
      if (!verdict.ok) {
        // The same code again: the first charge's result if it was charged, else a refusal.
        const earlier = await findPayment(db, who.orgId, requestId, ctx);
        if (earlier) return json(earlier);
        throw new HttpError(403, 'code_replayed', '这个码已经用过，请刷新付款码 (this code was already used; refresh it)');
      }
      assertStallOpen(ctx);
      const priced = pricePayment(ctx, { amountFen: body.amount_fen, at: new Date() });
      if (!priced.quote.ok) throw refusalError(priced.quote);
      const committed = await commitPayment(db, {
        orgId: who.orgId, ctx, priced: { ...priced, quote: priced.quote }, requestId,
        pointId: who.pointId, actorAccountId: who.actor,
        detail: { source: who.pointId ? 'pos' : 'operator', credential_id: credential!.credentialId, counter: result.ok ? result.counter : null },
      });
      return json(paymentResponse(ctx, priced.quote, committed));
    },
  });
}
