// "What would this person pay at this stall at 12:05, and why?" for payment
// administrators (the console's price explainer). Books nothing.
//   GET ?member_id=&stall_id=&at=<ISO time, default now>&amount_fen=
//     -> { member, stall, at, local: { date, time }, quote, explain: { 'zh-CN': [...], en: [...] } }
// Uses the caller's token: payment_explain_context checks the payment function.
import { formatExplain } from '@yima/shared';
import { z } from 'zod';
import { requireCaller } from '../_shared/auth.ts';
import type { FunctionEnv } from '../_shared/env.ts';
import { json, parseBody, route } from '../_shared/http.ts';
import { type PaymentContext, pricePayment, throwPaymentError } from '../_shared/payments.ts';
import { userClient } from '../_shared/supabase.ts';

const Query = z.object({
  member_id: z.guid(),
  stall_id: z.guid(),
  at: z.iso.datetime({ offset: true }).optional(),
  amount_fen: z.coerce.number().int().positive().max(100_000_000).optional(),
});

export function createHandler(env: FunctionEnv) {
  return route({
    GET: async (req) => {
      const caller = await requireCaller(req, env);
      const params = Object.fromEntries(new URL(req.url).searchParams);
      const q = parseBody(Query, { ...params, amount_fen: params.amount_fen || undefined, at: params.at || undefined },
        'Query must have member_id, stall_id and optionally at (ISO time) and amount_fen');
      const db = userClient(env, caller.token);
      const { data, error } = await db.rpc('payment_explain_context', { p_member: q.member_id, p_stall: q.stall_id });
      if (error) throwPaymentError(error, 'payment_explain_context');
      const ctx = data as PaymentContext;
      const at = q.at ? new Date(q.at) : new Date();
      const { quote, clock } = pricePayment(ctx, { amountFen: q.amount_fen, at });
      const hh = String(Math.floor(clock.minuteOfDay / 60)).padStart(2, '0');
      const mm = String(clock.minuteOfDay % 60).padStart(2, '0');
      return json({
        member: { id: ctx.member.id, name: ctx.member.name, identity: ctx.member.identity },
        stall: { id: ctx.stall.id, name: ctx.stall.name, merchant_name: ctx.stall.merchant_name },
        at: at.toISOString(),
        local: { date: clock.dateKey, time: `${hh}:${mm}`, timezone: ctx.timezone },
        balances: ctx.balances,
        quote,
        explain: { 'zh-CN': formatExplain(quote.steps, 'zh-CN'), en: formatExplain(quote.steps, 'en') },
      });
    },
  });
}
