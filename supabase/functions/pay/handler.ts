// Paying by scanning a stall's collection code (食堂收款码): the member's
// mini-program sends the stall id (from the code), the amount for free and
// limited stalls, and a fresh request id per attempt.
//   GET  ?stall_id=&amount_fen=     -> the quote: what you would pay and why (nothing booked)
//   POST { stall_id, amount_fen?, request_id }
//     -> { transaction_id, replayed, amount_fen, list_fen, adjustments, paid, balances, ... }
// Retrying with the same request_id returns the first result (replayed: true);
// refusals are errors with the reason as code (insufficient_balance 402,
// day_limit 409, closed 409, ...).
import { formatExplain } from '@yima/shared';
import { z } from 'zod';
import { requireCaller } from '../_shared/auth.ts';
import type { FunctionEnv } from '../_shared/env.ts';
import { HttpError, json, parseBody, readJson, route } from '../_shared/http.ts';
import { assertStallOpen, checkRequestId, commitPayment, findPayment, loadPaymentContext, paymentResponse, pricePayment, refusalError } from '../_shared/payments.ts';
import { serviceClient } from '../_shared/supabase.ts';

const Amount = z.number().int().positive().max(100_000_000);
const PayBody = z.object({
  stall_id: z.guid(),
  amount_fen: Amount.optional(),
  request_id: z.string(),
});

export function createHandler(env: FunctionEnv) {
  const db = serviceClient(env);

  async function callerOrg(req: Request) {
    const caller = await requireCaller(req, env);
    if (!caller.orgId) throw new HttpError(400, 'org_required', 'Choose an organisation (card) first');
    return { caller, orgId: caller.orgId };
  }

  return route({
    GET: async (req) => {
      const { caller, orgId } = await callerOrg(req);
      const url = new URL(req.url);
      const stallId = parseBody(z.guid(), url.searchParams.get('stall_id'), 'stall_id must be the id from the collection code');
      const rawAmount = url.searchParams.get('amount_fen');
      const amountFen = rawAmount === null || rawAmount === '' ? undefined
        : parseBody(Amount, Number(rawAmount), 'amount_fen must be a positive whole number of fen');
      const ctx = await loadPaymentContext(db, { orgId, accountId: caller.accountId, stallId });
      const { quote } = pricePayment(ctx, { amountFen, at: new Date() });
      return json({
        stall: { id: ctx.stall.id, name: ctx.stall.name, merchant_name: ctx.stall.merchant_name, active: ctx.stall.active },
        quote,
        explain: { 'zh-CN': formatExplain(quote.steps, 'zh-CN'), en: formatExplain(quote.steps, 'en') },
        balances: ctx.balances,
      });
    },
    POST: async (req) => {
      const { caller, orgId } = await callerOrg(req);
      const body = parseBody(PayBody, await readJson(req), 'Body must be {"stall_id", "amount_fen"?, "request_id"}');
      const requestId = checkRequestId(body.request_id);
      const ctx = await loadPaymentContext(db, { orgId, accountId: caller.accountId, stallId: body.stall_id });
      assertStallOpen(ctx);
      const priced = pricePayment(ctx, { amountFen: body.amount_fen, at: new Date() });
      const scopedId = `m:${ctx.member.id}:${requestId}`;
      if (!priced.quote.ok) {
        // A retry of a payment that went through is refused by now (the balance
        // is spent): answer with the first result instead.
        const earlier = await findPayment(db, orgId, scopedId, ctx);
        if (earlier) return json({ ...earlier, replayed: true });
        throw refusalError(priced.quote);
      }
      const result = await commitPayment(db, {
        orgId, ctx, priced: { ...priced, quote: priced.quote },
        requestId: scopedId,
        actorAccountId: caller.accountId,
        detail: { source: 'scan' },
      });
      return json(paymentResponse(ctx, priced.quote, result));
    },
  });
}
