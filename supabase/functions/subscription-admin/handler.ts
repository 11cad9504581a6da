// Tenant subscriptions for platform operators (计费): buy a term, renew it,
// cancel it with the prorated refund computed by the shared billing code
// (integer fen; refunds round down). The RPCs check the caller is an
// operator and that a refund never exceeds what was paid.
//   POST { action: 'create', org_id, seats, price_per_seat_fen?, starts_on, years? }
//   POST { action: 'renew', subscription_id, years?, seats? }
//   POST { action: 'quote_cancel' | 'cancel', subscription_id, cancel_on? }
//     -> { subscription?, refund?: { term_days, used_days, remaining_days, paid_fen, refund_fen } }
import { DEFAULT_SEAT_PRICE_FEN, proratedRefund, renewalTerm, termPriceFen } from '@yima/shared';
import { z } from 'zod';
import { requireCaller } from '../_shared/auth.ts';
import { throwDbError } from '../_shared/db-errors.ts';
import type { FunctionEnv } from '../_shared/env.ts';
import { HttpError, json, parseBody, readJson, route } from '../_shared/http.ts';
import { userClient } from '../_shared/supabase.ts';

const day = z.iso.date();
const Body = z.discriminatedUnion('action', [
  z.object({ action: z.literal('create'), org_id: z.guid(), seats: z.number().int().min(1).max(10_000_000),
             price_per_seat_fen: z.number().int().min(0).max(10_000_000).optional(), starts_on: day, years: z.number().int().min(1).max(10).optional() }),
  z.object({ action: z.literal('renew'), subscription_id: z.guid(), years: z.number().int().min(1).max(10).optional(), seats: z.number().int().min(1).optional() }),
  z.object({ action: z.enum(['quote_cancel', 'cancel']), subscription_id: z.guid(), cancel_on: day.optional() }),
]);

interface Row { id: string; org_id: string; seats: number; price_per_seat_fen: number; starts_on: string; ends_on: string; status: string }
const termOf = (s: Row) => ({ seats: s.seats, pricePerSeatFen: Number(s.price_per_seat_fen), startsOn: s.starts_on, endsOn: s.ends_on });

export function createHandler(env: FunctionEnv) {
  return route({
    POST: async (req) => {
      const caller = await requireCaller(req, env);
      const db = userClient(env, caller.token);
      const body = parseBody(Body, await readJson(req));
      const rpc = async (fn: string, args: Record<string, unknown>) => {
        const { data, error } = await db.rpc(fn, args);
        if (error) {
          if (error.code === 'YM811') throw new HttpError(409, 'subscription_state', error.message);
          if (error.code === 'YM812') throw new HttpError(400, 'invalid_subscription', error.message);
          throwDbError(error, fn);
        }
        return data;
      };
      if (body.action === 'create') {
        const price = body.price_per_seat_fen ?? DEFAULT_SEAT_PRICE_FEN;
        const start = new Date(`${body.starts_on}T00:00:00Z`);
        start.setUTCFullYear(start.getUTCFullYear() + (body.years ?? 1));
        const term = { seats: body.seats, pricePerSeatFen: price, startsOn: body.starts_on, endsOn: start.toISOString().slice(0, 10) };
        termPriceFen(term);
        const subscription = await rpc('subscription_create', {
          p_org: body.org_id, p_seats: term.seats, p_price_per_seat_fen: price, p_starts_on: term.startsOn, p_ends_on: term.endsOn,
        });
        return json({ subscription });
      }
      const { data: current, error } = await db.from('subscriptions').select('id, org_id, seats, price_per_seat_fen, starts_on, ends_on, status')
        .eq('id', body.subscription_id).maybeSingle();
      if (error) throwDbError(error, 'subscriptions');
      if (!current) throw new HttpError(404, 'subscription_not_found', 'No such subscription (or you are not a platform operator)');
      const row = current as Row;
      if (body.action === 'renew') {
        const next = renewalTerm(termOf(row), { years: body.years, seats: body.seats });
        const subscription = await rpc('subscription_create', {
          p_org: row.org_id, p_seats: next.seats, p_price_per_seat_fen: next.pricePerSeatFen, p_starts_on: next.startsOn, p_ends_on: next.endsOn, p_renewed_from: row.id,
        });
        return json({ subscription });
      }
      const cancelOn = body.cancel_on ?? new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
      const r = proratedRefund(termOf(row), cancelOn);
      const refund = { term_days: r.termDays, used_days: r.usedDays, remaining_days: r.remainingDays, paid_fen: r.paidFen, refund_fen: r.refundFen };
      if (body.action === 'quote_cancel') return json({ refund });
      const subscription = await rpc('subscription_cancel', { p_subscription: row.id, p_cancelled_on: cancelOn, p_refund_fen: r.refundFen });
      return json({ subscription, refund });
    },
  });
}
