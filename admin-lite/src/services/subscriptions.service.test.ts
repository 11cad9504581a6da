import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { adminSession, ORG_ID } from '../test/fixtures.ts';
import { callsTo, fakeFetch, jsonResponse, type FakeHandler } from '../test/fake-fetch.ts';
import { saveSession } from './session.service.ts';
import { cancelSubscription, chinaDay, createSubscription, isPlatformOperator, quoteCancel, renewSubscription, subscriptionsOverview } from './subscriptions.service.ts';
import { initBackend } from './supabase-client.ts';

let fetchMock: ReturnType<typeof fakeFetch>;
const use = (handler: FakeHandler) => {
  fetchMock = fakeFetch(handler);
  vi.stubGlobal('fetch', fetchMock);
};
beforeEach(() => {
  initBackend({ supabaseUrl: 'http://gw.test', anonKey: 'anon-key', localMode: true });
  saveSession(adminSession());
});
afterEach(() => vi.unstubAllGlobals());

const FN = '/functions/v1/subscription-admin';
const OVERVIEW = { org_id: ORG_ID, org_name: '示范科技有限公司', subscription_id: 's1', seats: 200, seats_in_use: '205', starts_on: '2026-01-01', ends_on: '2027-01-01', status: 'active', amount_fen: 600000, days_left: 20 };
const SUB = { id: 's2', org_id: ORG_ID, plan: 'standard', seats: 200, price_per_seat_fen: 3000, amount_fen: 600000, starts_on: '2027-01-01', ends_on: '2028-01-01', status: 'active', refund_fen: null };
const REFUND = { term_days: 365, used_days: 182, remaining_days: 183, paid_fen: 600000, refund_fen: 300821 };

describe('subscriptions service', () => {
  it('reads the overview (bigints as numbers) and knows an operator from a refusal', async () => {
    use(() => jsonResponse([OVERVIEW, { ...OVERVIEW, org_id: 'o2', subscription_id: null, seats: null, seats_in_use: 0, starts_on: null, ends_on: null, status: 'none', amount_fen: null, days_left: null }]));
    const rows = await subscriptionsOverview();
    expect(rows[0]).toMatchObject({ seats_in_use: 205, days_left: 20 });
    expect(rows[1]!.status).toBe('none');
    expect(callsTo(fetchMock, '/rest/v1/rpc/subscriptions_overview')[0]!.method).toBe('POST');
    expect(await isPlatformOperator()).toBe(true);

    use(() => jsonResponse({ code: '42501', message: 'only platform operators see every organisation', details: null, hint: null }, 403));
    expect(await isPlatformOperator()).toBe(false);
    use(() => jsonResponse({ code: 'XX000', message: 'boom' }, 500));
    await expect(isPlatformOperator()).rejects.toMatchObject({ kind: 'unknown' });
  });

  it('creates, renews, quotes and cancels through subscription-admin with the bearer', async () => {
    use((request) => {
      const body = request.body as { action: string };
      if (body.action === 'quote_cancel') return jsonResponse({ refund: REFUND });
      if (body.action === 'cancel') return jsonResponse({ subscription: { ...SUB, status: 'cancelled', refund_fen: 300821 }, refund: REFUND });
      return jsonResponse({ subscription: SUB });
    });
    expect((await createSubscription({ orgId: ORG_ID, seats: 200, pricePerSeatFen: 3000, startsOn: '2027-01-01', years: 1 })).id).toBe('s2');
    await renewSubscription('s1', { years: 2 });
    await renewSubscription('s1', { years: 1, seats: 250 });
    expect(await quoteCancel('s1', '2026-07-01')).toEqual(REFUND);
    expect((await cancelSubscription('s1', '2026-07-01')).refund.refund_fen).toBe(300821);
    const calls = callsTo(fetchMock, FN);
    expect(calls.map((c) => c.body)).toEqual([
      { action: 'create', org_id: ORG_ID, seats: 200, price_per_seat_fen: 3000, starts_on: '2027-01-01', years: 1 },
      { action: 'renew', subscription_id: 's1', years: 2 },
      { action: 'renew', subscription_id: 's1', years: 1, seats: 250 },
      { action: 'quote_cancel', subscription_id: 's1', cancel_on: '2026-07-01' },
      { action: 'cancel', subscription_id: 's1', cancel_on: '2026-07-01' },
    ]);
    expect(calls.every((c) => c.method === 'POST' && c.bearer === 'token-abc')).toBe(true);
  });

  it('maps the function errors to zh-CN', async () => {
    use(() => jsonResponse({ error: { code: 'subscription_state', message: 'only an active subscription can be cancelled' } }, 409));
    await expect(cancelSubscription('s1', '2026-07-01')).rejects.toMatchObject({ code: 'subscription_state', message: '当前状态不允许此操作（订阅已不在生效中，或工单已处理完毕）' });
  });

  it('gives the China day', () => {
    expect(chinaDay(new Date('2026-11-25T17:00:00Z'))).toBe('2026-11-26');
    expect(chinaDay(new Date('2026-11-25T15:00:00Z'))).toBe('2026-11-25');
  });
});
