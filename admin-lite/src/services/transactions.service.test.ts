import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { adminSession, ORG_ID } from '../test/fixtures.ts';
import { callsTo, fakeFetch, jsonResponse, type FakeHandler } from '../test/fake-fetch.ts';
import { saveSession } from './session.service.ts';
import { initBackend } from './supabase-client.ts';
import { listAllTransactions, listTransactions, refundTransaction } from './transactions.service.ts';

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

const TX = { id: 'tx1', kind: 'payment', request_id: 'req-00001', member_id: 'm1', merchant_id: 'mc1', stall_id: 's1', amount_fen: 1200, subsidy_fen: 1200, cash_fen: 0, count: 0, refund_of: null, reason: null, created_at: '2026-11-24T04:00:00Z', merchant: { name: '第一食堂' }, stall: { name: '套餐档口' } };
const BOUNDS = { fromIso: '2026-11-24T00:00:00.000Z', untilIso: '2026-11-25T00:00:00.000Z' };

describe('transactions service', () => {
  it('filters, pages newest first with an exact count and names members from a second query', async () => {
    use((request) => (request.url.pathname.endsWith('/members') ? jsonResponse([{ id: 'm1', name: '王芳', employee_no: 'E007' }]) : jsonResponse([TX], 200, { 'content-range': '50-50/51' })));
    const page = await listTransactions({ orgId: ORG_ID, ...BOUNDS, kind: 'payment', merchantId: 'mc1', stallId: 's1', page: 2, pageSize: 50 });
    expect(page.total).toBe(51);
    expect(page.rows[0]).toMatchObject({ member_name: '王芳', employee_no: 'E007', merchant_name: '第一食堂', stall_name: '套餐档口', amount_fen: 1200 });
    const call = callsTo(fetchMock, '/rest/v1/ledger_transactions')[0]!;
    expect(call.url.searchParams.getAll('created_at')).toEqual([`gte.${BOUNDS.fromIso}`, `lt.${BOUNDS.untilIso}`]);
    expect(call.url.searchParams.get('kind')).toBe('eq.payment');
    expect(call.url.searchParams.get('merchant_id')).toBe('eq.mc1');
    expect(call.url.searchParams.get('stall_id')).toBe('eq.s1');
    expect(call.url.searchParams.get('order')).toBe('created_at.desc,id.desc');
    expect(call.url.searchParams.get('offset')).toBe('50');
    expect(call.headers.get('prefer')).toContain('count=exact');
    expect(callsTo(fetchMock, '/rest/v1/members')[0]!.url.searchParams.get('id')).toBe('in.(m1)');
  });

  it('exports every row of the filter in batches', async () => {
    use((request) => {
      if (request.url.pathname.endsWith('/members')) return jsonResponse([]);
      const offset = Number(request.url.searchParams.get('offset') ?? 0);
      const rows = Array.from({ length: offset === 0 ? 1000 : 5 }, (_, i) => ({ ...TX, id: `tx${offset + i}`, member_id: null }));
      return jsonResponse(rows, 200, { 'content-range': `${offset}-${offset + rows.length - 1}/1005` });
    });
    const all = await listAllTransactions({ orgId: ORG_ID, ...BOUNDS });
    expect(all.rows).toHaveLength(1005);
    expect(all.truncated).toBe(false);
    expect(callsTo(fetchMock, '/rest/v1/ledger_transactions')).toHaveLength(2);
  });

  it('refunds through payment_refund with integer fen, the reason and the request id', async () => {
    use(() => jsonResponse({ transaction_id: 'tx2', replayed: false, amount_fen: 500, subsidy_fen: 500, cash_fen: 0, count: 0 }));
    const result = await refundTransaction({ transactionId: 'tx1', amountFen: 500, count: 0, reason: '菜品问题', requestId: 'req-refund-1' });
    expect(result.amount_fen).toBe(500);
    expect(callsTo(fetchMock, '/rest/v1/rpc/payment_refund')[0]!.body).toEqual({ p_transaction: 'tx1', p_amount_fen: 500, p_count: 0, p_reason: '菜品问题', p_request_id: 'req-refund-1' });
    use(() => jsonResponse({ code: 'YM407', message: 'at most 100 fen of this payment can still be refunded', details: null, hint: null }, 400));
    await expect(refundTransaction({ transactionId: 'tx1', amountFen: 500, count: 0, reason: 'x', requestId: 'req-refund-2' })).rejects.toMatchObject({ kind: 'invalid', code: 'YM407' });
  });
});
