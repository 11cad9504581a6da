import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeSupabase, functionFetchError, functionHttpError } from '../test-support/fake-supabase';
import { AppError } from './errors';

const fake = fakeSupabase();
vi.mock('./supabase.client', () => ({ getSupabase: async () => fake.client }));
vi.mock('./config.service', () => ({ getRuntimeConfig: async () => ({ supabaseUrl: 'http://gateway.test', anonKey: 'anon' }) }));

const { payService, parseQuote } = await import('./pay.service');

const STALL = 'f2000000-0000-4000-8000-000000000002';
const paidBody = {
  transaction_id: 'tx-1',
  replayed: false,
  stall: { id: STALL, name: '自选档口', merchant_name: '第一食堂' },
  member: { id: 'm-a', name: '王芳' },
  amount_fen: 1234,
  list_fen: 1234,
  adjustments: [],
  paid: { subsidy_fen: 1000, cash_fen: 234, count: 0, overdraft_fen: 0 },
  balances: { subsidy_fen: 29000, cash_fen: 9766, count: 20 },
  created_at: '2026-11-25T04:00:00Z',
};
const quoteBody = {
  stall: { id: STALL, name: '套餐档口', merchant_name: '第一食堂', active: true },
  quote: {
    ok: true, mode: 'fixed', mealPeriodId: 'lunch', listFen: 1500, payFen: 1200, count: 0,
    adjustments: [{ id: 'a1', label: '新员工午餐8折', deltaFen: -300 }],
    split: { subsidyFen: 1200, cashFen: 0, count: 0 }, steps: [],
  },
  explain: { 'zh-CN': ['定价 15.00 元', '新员工午餐8折 -3.00 元'], en: ['List 15.00', 'x'] },
  balances: { subsidy_fen: 30000, cash_fen: 10000, count: 20 },
};

function postBodies(): Array<Record<string, unknown>> {
  return fake.invoke.mock.calls.filter(([path]) => path === 'pay').map(([, options]) => (options as { body: Record<string, unknown> }).body);
}

beforeEach(() => {
  fake.invoke.mockReset();
});

describe('payService.quote (GET pay)', () => {
  it('asks with the stall id and integer fen in the query, and reads stall, quote, zh-CN explanation and balances', async () => {
    fake.invoke.mockResolvedValueOnce({ data: quoteBody, error: null });
    const quote = await payService.quote(STALL, 1500);
    expect(fake.invoke).toHaveBeenCalledWith(`pay?stall_id=${STALL}&amount_fen=1500`, { method: 'GET' });
    expect(quote).toMatchObject({
      stall: { id: STALL, name: '套餐档口', merchantName: '第一食堂', active: true },
      ok: true, mode: 'fixed', payFen: 1200, listFen: 1500,
      split: { subsidyFen: 1200, cashFen: 0, count: 0 },
      explain: ['定价 15.00 元', '新员工午餐8折 -3.00 元'],
      balances: { subsidyFen: 30000, cashFen: 10000, count: 20 },
    });
  });

  it('leaves amount_fen out when there is none', async () => {
    fake.invoke.mockResolvedValueOnce({ data: { ...quoteBody, quote: { ok: false, reason: 'amount_required', mealPeriodId: null, steps: [] } }, error: null });
    const quote = await payService.quote(STALL);
    expect(fake.invoke).toHaveBeenCalledWith(`pay?stall_id=${STALL}`, { method: 'GET' });
    expect(quote.ok).toBe(false);
    expect(quote.reason).toBe('amount_required');
  });

  it('refuses a fractional amount before calling', async () => {
    await expect(payService.quote(STALL, 12.5)).rejects.toThrow(RangeError);
    expect(fake.invoke).not.toHaveBeenCalled();
  });

  it('rejects an answer without a quote', () => {
    expect(() => parseQuote({ stall: { id: STALL } })).toThrow('服务返回了无法识别的数据');
  });
});

describe('payService.pay (POST pay)', () => {
  it('posts stall_id, integer amount_fen and a well-formed request_id', async () => {
    fake.invoke.mockResolvedValueOnce({ data: paidBody, error: null });
    const result = await payService.pay({ stallId: STALL, amountFen: 1234 });
    const [body] = postBodies();
    expect(body).toEqual({ stall_id: STALL, amount_fen: 1234, request_id: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/) });
    expect(Number.isInteger(body!.amount_fen)).toBe(true);
    expect(fake.invoke.mock.calls[0]![1]).toMatchObject({ method: 'POST' });
    expect(result).toMatchObject({
      transactionId: 'tx-1', replayed: false, stallName: '自选档口', amountFen: 1234,
      paid: { subsidyFen: 1000, cashFen: 234, count: 0, overdraftFen: 0 },
      balances: { subsidyFen: 29000, cashFen: 9766, count: 20 },
    });
  });

  it('sends no amount_fen for fixed and count stalls', async () => {
    fake.invoke.mockResolvedValueOnce({ data: paidBody, error: null });
    await payService.pay({ stallId: STALL });
    expect(postBodies()[0]).not.toHaveProperty('amount_fen');
  });

  it('uses a fresh request_id for each confirmation', async () => {
    fake.invoke.mockResolvedValue({ data: paidBody, error: null });
    await payService.pay({ stallId: STALL });
    await payService.pay({ stallId: STALL });
    const [first, second] = postBodies();
    expect(first!.request_id).not.toEqual(second!.request_id);
  });

  it('retries a network failure with the same request_id and reads a replayed answer without balances', async () => {
    fake.invoke
      .mockResolvedValueOnce({ data: null, error: functionFetchError() })
      .mockResolvedValueOnce({ data: { ...paidBody, replayed: true, balances: undefined }, error: null });
    const result = await payService.pay({ stallId: STALL }, { retryDelayMs: 0 });
    const [first, retry] = postBodies();
    expect(postBodies()).toHaveLength(2);
    expect(retry!.request_id).toBe(first!.request_id);
    expect(result.replayed).toBe(true);
    expect(result.balances).toBeNull();
  });

  it('does not retry a refusal (402 insufficient_balance) and keeps its code', async () => {
    fake.invoke.mockResolvedValueOnce({ data: null, error: functionHttpError(402, 'insufficient_balance', '余额不足，请充值 (insufficient balance: top up first)') });
    const error = await payService.pay({ stallId: STALL }, { retryDelayMs: 0 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('insufficient_balance');
    expect((error as AppError).status).toBe(402);
    expect(postBodies()).toHaveLength(1);
  });

  it('gives up after the retries and reports the network error', async () => {
    fake.invoke.mockResolvedValue({ data: null, error: functionFetchError() });
    const error = await payService.pay({ stallId: STALL }, { retries: 2, retryDelayMs: 0 }).catch((e: unknown) => e);
    expect((error as AppError).kind).toBe('network');
    const bodies = postBodies();
    expect(bodies).toHaveLength(3);
    expect(new Set(bodies.map((b) => b.request_id)).size).toBe(1);
  });
});
