import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeSupabase, type RecordedQuery } from '../test-support/fake-supabase';

let respond: (query: RecordedQuery) => { data: unknown; error: unknown; status?: number } = () => ({ data: [], error: null, status: 200 });
const fake = fakeSupabase((query) => respond(query));
vi.mock('./supabase.client', () => ({ getSupabase: async () => fake.client }));
vi.mock('./config.service', () => ({ getRuntimeConfig: async () => ({ supabaseUrl: 'http://gateway.test', anonKey: 'anon' }) }));

const { walletService, parseTopupStart } = await import('./wallet.service');

const ME = { orgId: 'org-a', memberId: 'm-a' };
const payParams = { timeStamp: '1764000000', nonceStr: 'n', package: 'prepay_id=wx1', signType: 'RSA', paySign: 'sig' };

beforeEach(() => {
  fake.queries.length = 0;
  fake.invoke.mockReset();
});

describe('wallet balances and history', () => {
  it('reads my own three wallet rows (named explicitly: RLS shows admins more)', async () => {
    respond = () => ({ data: [{ wallet: 'subsidy', balance: 30000 }, { wallet: 'cash', balance: '10000' }, { wallet: 'count', balance: 20 }], error: null, status: 200 });
    expect(await walletService.balances(ME)).toEqual({ subsidyFen: 30000, cashFen: 10000, count: 20 });
    const [query] = fake.queries;
    expect(query!.table).toBe('ledger_accounts');
    expect(query!.calls).toEqual(expect.arrayContaining([['eq', 'org_id', 'org-a'], ['eq', 'member_id', 'm-a'], ['eq', 'kind', 'wallet']]));
  });

  it('treats a wallet without a row as 0', async () => {
    respond = () => ({ data: [{ wallet: 'cash', balance: 500 }], error: null, status: 200 });
    expect(await walletService.balances(ME)).toEqual({ subsidyFen: 0, cashFen: 500, count: 0 });
  });

  it('pages my ledger newest first, one row more than a page to know if there is another', async () => {
    const rows = Array.from({ length: 3 }, (_, i) => ({
      id: `t${i}`, kind: 'payment', amount_fen: 1500, subsidy_fen: 1500, cash_fen: 0, count: 0, reason: null,
      created_at: `2026-11-25T0${i}:00:00Z`, stall: { name: '套餐档口' }, merchant: [{ name: '第一食堂' }],
    }));
    respond = () => ({ data: rows, error: null, status: 200 });
    const page = await walletService.history(ME, 1, 2);
    expect(page.hasMore).toBe(true);
    expect(page.items).toHaveLength(2);
    expect(page.items[0]).toEqual({
      id: 't0', kind: 'payment', amountFen: 1500, subsidyFen: 1500, cashFen: 0, count: 0, reason: null,
      stallName: '套餐档口', merchantName: '第一食堂', createdAt: '2026-11-25T00:00:00Z',
    });
    const [query] = fake.queries;
    expect(query!.table).toBe('ledger_transactions');
    expect(query!.calls).toEqual(
      expect.arrayContaining([['eq', 'org_id', 'org-a'], ['eq', 'member_id', 'm-a'], ['order', 'created_at', { ascending: false }], ['range', 2, 4]]),
    );
  });

  it('throws a PostgREST refusal as an AppError', async () => {
    respond = () => ({ data: null, error: { code: '42501', message: 'permission denied' }, status: 403 });
    await expect(walletService.balances(ME)).rejects.toMatchObject({ kind: 'permission' });
  });
});

describe('top-up', () => {
  it('posts integer fen and reads the WeChat Pay parameters', async () => {
    fake.invoke.mockResolvedValueOnce({ data: { order_id: 'o1', out_trade_no: 'YM1', channel: 'wechatpay', pay_params: payParams }, error: null });
    const started = await walletService.startTopup(10050);
    expect(fake.invoke).toHaveBeenCalledWith('wallet-topup', { method: 'POST', body: { amount_fen: 10050 } });
    expect(started).toEqual({ channel: 'wechatpay', orderId: 'o1', outTradeNo: 'YM1', payParams });
  });

  it('reads the console channel (local stack): paid at once, with balances', async () => {
    fake.invoke.mockResolvedValueOnce({
      data: { order_id: 'o2', out_trade_no: 'YM2', channel: 'console', status: 'paid', balances: { subsidy_fen: 0, cash_fen: 20000, count: 0 } },
      error: null,
    });
    expect(await walletService.startTopup(10000)).toEqual({
      channel: 'console', orderId: 'o2', outTradeNo: 'YM2', status: 'paid', balances: { subsidyFen: 0, cashFen: 20000, count: 0 },
    });
  });

  it('refuses yuan floats and zero before calling', async () => {
    await expect(walletService.startTopup(100.5)).rejects.toThrow(RangeError);
    await expect(walletService.startTopup(0)).rejects.toThrow(RangeError);
    expect(fake.invoke).not.toHaveBeenCalled();
  });

  it('rejects a wechatpay answer without pay_params', () => {
    expect(() => parseTopupStart({ channel: 'wechatpay', out_trade_no: 'YM1' })).toThrow('服务返回了无法识别的数据');
  });

  it('polls GET wallet-topup?out_trade_no= until the order is paid', async () => {
    fake.invoke
      .mockResolvedValueOnce({ data: { out_trade_no: 'YM 1', status: 'created', amount_fen: 100, balances: null }, error: null })
      .mockResolvedValueOnce({ data: { out_trade_no: 'YM 1', status: 'paid', amount_fen: 100, balances: { subsidy_fen: 0, cash_fen: 100, count: 0 } }, error: null });
    const status = await walletService.waitForTopup('YM 1', { tries: 5, intervalMs: 0 });
    expect(status).toEqual({ outTradeNo: 'YM 1', status: 'paid', amountFen: 100, balances: { subsidyFen: 0, cashFen: 100, count: 0 } });
    expect(fake.invoke).toHaveBeenCalledTimes(2);
    expect(fake.invoke).toHaveBeenCalledWith('wallet-topup?out_trade_no=YM%201', { method: 'GET' });
  });

  it('stops after a few tries and returns the last status', async () => {
    fake.invoke.mockResolvedValue({ data: { out_trade_no: 'YM1', status: 'created', amount_fen: 100 }, error: null });
    const status = await walletService.waitForTopup('YM1', { tries: 3, intervalMs: 0 });
    expect(status.status).toBe('created');
    expect(fake.invoke).toHaveBeenCalledTimes(3);
  });
});
