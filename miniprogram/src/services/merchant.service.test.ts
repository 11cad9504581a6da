import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeSupabase, functionFetchError, functionHttpError, type RecordedQuery } from '../test-support/fake-supabase';
import type { AppError } from './errors';

let respond: (query: RecordedQuery) => { data: unknown; error: unknown; status?: number } = () => ({ data: [], error: null, status: 200 });
const fake = fakeSupabase((query) => respond(query));
vi.mock('./supabase.client', () => ({ getSupabase: async () => fake.client }));
vi.mock('./config.service', () => ({ getRuntimeConfig: async () => ({ supabaseUrl: 'http://gateway.test', anonKey: 'anon' }) }));

const { merchantService } = await import('./merchant.service');

const ME = { orgId: 'org-a', memberId: 'm-lina' };
const M1 = 'f1000000-0000-4000-8000-000000000001';
const S1 = 'f2000000-0000-4000-8000-000000000001';
const S2 = 'f2000000-0000-4000-8000-000000000002';
const charged = {
  transaction_id: 'tx-9', replayed: false, stall: { id: S2, name: '自选档口', merchant_name: '第一食堂' }, member: { id: 'm-a', name: '王芳' },
  amount_fen: 2000, list_fen: 2000, adjustments: [], paid: { subsidy_fen: 2000, cash_fen: 0, count: 0, overdraft_fen: 0 },
  balances: { subsidy_fen: 28000, cash_fen: 10000, count: 20 }, created_at: '2026-11-25T04:00:00Z',
};

beforeEach(() => {
  fake.queries.length = 0;
  fake.invoke.mockReset();
  fake.rpc.mockReset();
});

describe('operator data', () => {
  it('finds the merchants I operate from my own merchant_operators rows', async () => {
    respond = () => ({ data: [{ merchant_id: M1 }], error: null, status: 200 });
    expect(await merchantService.operatedMerchantIds(ME)).toEqual([M1]);
    expect(fake.queries[0]!.table).toBe('merchant_operators');
    expect(fake.queries[0]!.calls).toEqual(expect.arrayContaining([['eq', 'org_id', 'org-a'], ['eq', 'member_id', 'm-lina']]));
  });

  it('loads my merchants and their active stalls with the pricing mode', async () => {
    respond = (query) => {
      if (query.table === 'merchant_operators') return { data: [{ merchant_id: M1 }], error: null, status: 200 };
      if (query.table === 'merchants') return { data: [{ id: M1, name: '第一食堂' }], error: null, status: 200 };
      return {
        data: [
          { id: S1, name: '套餐档口', merchant_id: M1, pricing: { mode: 'fixed', fixedFen: 1500 } },
          { id: S2, name: '自选档口', merchant_id: M1, pricing: { mode: 'free' } },
        ],
        error: null,
        status: 200,
      };
    };
    expect(await merchantService.operatedStalls(ME)).toEqual({
      merchants: [{ id: M1, name: '第一食堂' }],
      stalls: [
        { id: S1, name: '套餐档口', merchantId: M1, mode: 'fixed' },
        { id: S2, name: '自选档口', merchantId: M1, mode: 'free' },
      ],
    });
    const stalls = fake.queries.find((q) => q.table === 'stalls')!;
    expect(stalls.calls).toEqual(expect.arrayContaining([['in', 'merchant_id', [M1]], ['eq', 'active', true]]));
  });

  it('asks nothing more of a member who operates no merchant', async () => {
    respond = () => ({ data: [], error: null, status: 200 });
    expect(await merchantService.operatedStalls(ME)).toEqual({ merchants: [], stalls: [] });
    expect(fake.queries).toHaveLength(1);
  });
});

describe('pos-charge', () => {
  it('posts the scanned code, the stall and integer fen', async () => {
    fake.invoke.mockResolvedValueOnce({ data: charged, error: null });
    const result = await merchantService.charge({ code: ' YM1:abc \n', stallId: S2, amountFen: 2000 });
    expect(fake.invoke).toHaveBeenCalledWith('pos-charge', { method: 'POST', body: { code: 'YM1:abc', stall_id: S2, amount_fen: 2000 } });
    expect(result).toMatchObject({ memberName: '王芳', amountFen: 2000, paid: { subsidyFen: 2000 } });
  });

  it('leaves amount_fen out for fixed stalls and refuses a float', async () => {
    fake.invoke.mockResolvedValueOnce({ data: charged, error: null });
    await merchantService.charge({ code: 'YM1:abc', stallId: S1 });
    expect((fake.invoke.mock.calls[0]![1] as { body: object }).body).toEqual({ code: 'YM1:abc', stall_id: S1 });
    await expect(merchantService.charge({ code: 'YM1:abc', stallId: S2, amountFen: 19.99 })).rejects.toThrow(RangeError);
  });

  it('re-sends the same body after a network failure (the code is the idempotency key)', async () => {
    fake.invoke.mockResolvedValueOnce({ data: null, error: functionFetchError() }).mockResolvedValueOnce({ data: { ...charged, replayed: true }, error: null });
    const result = await merchantService.charge({ code: 'YM1:abc', stallId: S1 }, { retryDelayMs: 0 });
    expect(result.replayed).toBe(true);
    expect(fake.invoke.mock.calls[1]).toEqual(fake.invoke.mock.calls[0]);
  });

  it('keeps the refusal code (403 not_operator)', async () => {
    fake.invoke.mockResolvedValueOnce({ data: null, error: functionHttpError(403, 'not_operator', 'You do not collect for this stall') });
    const error = (await merchantService.charge({ code: 'YM1:abc', stallId: S1 }).catch((e: unknown) => e)) as AppError;
    expect(error.code).toBe('not_operator');
    expect(fake.invoke).toHaveBeenCalledTimes(1);
  });
});

describe('today’s takings', () => {
  it('calls payment_settlement_report for my merchant and reads its row', async () => {
    fake.rpc.mockResolvedValueOnce({
      data: [{ merchant_id: M1, merchant_name: '第一食堂', payments: 3, payment_fen: 4500, refunds: 1, refund_fen: 1500, net_fen: 3000, subsidy_fen: 3000, cash_fen: 0, count_used: 0, overdraft_fen: 0 }],
      error: null,
      status: 200,
    });
    const from = new Date('2026-11-24T16:00:00Z');
    const to = new Date('2026-11-25T04:30:00Z');
    const row = await merchantService.takings('org-a', M1, from, to);
    expect(fake.rpc).toHaveBeenCalledWith('payment_settlement_report', {
      p_org: 'org-a', p_from: '2026-11-24T16:00:00.000Z', p_to: '2026-11-25T04:30:00.000Z', p_merchant: M1,
    });
    expect(row).toMatchObject({ merchantName: '第一食堂', payments: 3, netFen: 3000, refunds: 1 });
  });

  it('is null on a day without payments', async () => {
    fake.rpc.mockResolvedValueOnce({ data: [], error: null, status: 200 });
    expect(await merchantService.takings('org-a', M1, new Date(0), new Date())).toBeNull();
  });
});
