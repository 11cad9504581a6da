import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { adminSession, ORG_ID } from '../test/fixtures.ts';
import { callsTo, fakeFetch, jsonResponse, type FakeHandler } from '../test/fake-fetch.ts';
import { dailySeries, explainPrice, ledgerCheck, listOpenFlags, resolveFlag, settlementReport, settlementTotals } from './payment-reports.service.ts';
import { saveSession } from './session.service.ts';
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

const ROW = { merchant_id: 'mc1', merchant_name: '第一食堂', payments: 3, payment_fen: 4500, refunds: 1, refund_fen: 1500, net_fen: 3000, subsidy_fen: 2000, cash_fen: 1000, count_used: 2, overdraft_fen: 0 };

describe('payment reports service', () => {
  it('asks for the settlement report and adds up the totals', async () => {
    use(() => jsonResponse([ROW, { ...ROW, merchant_id: 'mc2', merchant_name: '咖啡小站', payments: 1, payment_fen: 1801, net_fen: 1801, refunds: 0, refund_fen: 0 }]));
    const rows = await settlementReport(ORG_ID, '2026-11-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z');
    expect(callsTo(fetchMock, '/rest/v1/rpc/payment_settlement_report')[0]!.body).toEqual({ p_org: ORG_ID, p_from: '2026-11-01T00:00:00.000Z', p_to: '2026-12-01T00:00:00.000Z' });
    expect(settlementTotals(rows)).toMatchObject({ payments: 4, payment_fen: 6301, refunds: 1, net_fen: 4801, count_used: 4 });
  });

  it('reads the daily series', async () => {
    use(() => jsonResponse([{ day: '2026-11-24', payments: 5, net_fen: 7500 }]));
    expect(await dailySeries(ORG_ID, 'a', 'b')).toEqual([{ day: '2026-11-24', payments: 5, net_fen: 7500 }]);
  });

  it('lists open flags with member names and resolves one with a note', async () => {
    use((request) =>
      request.url.pathname.endsWith('/members')
        ? jsonResponse([{ id: 'm1', name: '王芳', employee_no: 'E007' }])
        : request.url.pathname.endsWith('/payment_flag_resolve')
          ? new Response(null, { status: 204 })
          : jsonResponse([{ id: 7, transaction_id: 'tx1', member_id: 'm1', kind: 'overdraft', amount_fen: 300, detail: {}, created_at: '2026-11-24T04:00:00Z' }]),
    );
    const flags = await listOpenFlags(ORG_ID);
    expect(flags[0]).toMatchObject({ id: 7, member_name: '王芳' });
    expect(callsTo(fetchMock, '/rest/v1/payment_flags')[0]!.url.searchParams.get('resolved_at')).toBe('is.null');
    await resolveFlag(7, '已线下收回');
    expect(callsTo(fetchMock, '/rest/v1/rpc/payment_flag_resolve')[0]!.body).toEqual({ p_id: 7, p_note: '已线下收回' });
  });

  it("explains a price with the admin's bearer and the query in the URL", async () => {
    use(() =>
      jsonResponse({
        member: { id: 'm1', name: '王芳', identity: null },
        stall: { id: 's1', name: '套餐档口', merchant_name: '第一食堂' },
        at: '2026-11-24T04:00:00.000Z',
        local: { date: '2026-11-24', time: '12:00', timezone: 'Asia/Shanghai' },
        balances: {},
        quote: { ok: true, payFen: 1200, steps: [] },
        explain: { 'zh-CN': ['定额 ¥15.00', '新员工午餐8折 -¥3.00'], en: [] },
      }),
    );
    const result = await explainPrice({ memberId: 'm1', stallId: 's1', at: '2026-11-24T04:00:00.000Z', amountFen: 2000 });
    expect(result.explain['zh-CN']).toHaveLength(2);
    const call = callsTo(fetchMock, '/functions/v1/payment-explain')[0]!;
    expect(call).toMatchObject({ method: 'GET', bearer: 'token-abc' });
    expect(Object.fromEntries(call.url.searchParams)).toEqual({ member_id: 'm1', stall_id: 's1', at: '2026-11-24T04:00:00.000Z', amount_fen: '2000' });
  });

  it('checks the ledger through ledger_check', async () => {
    use(() => jsonResponse({ ok: false, unbalanced_transactions: ['tx9'], mismatched_wallets: [{ account_id: 'a1', balance: 100, entries: 90 }] }));
    expect(await ledgerCheck(ORG_ID)).toEqual({ ok: false, unbalanced_transactions: ['tx9'], mismatched_wallets: [{ account_id: 'a1', balance: 100, entries: 90 }] });
    expect(callsTo(fetchMock, '/rest/v1/rpc/ledger_check')[0]!.body).toEqual({ p_org: ORG_ID });
  });
});
