import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { adminSession, ORG_ID } from '../test/fixtures.ts';
import { callsTo, fakeFetch, jsonResponse, type FakeHandler } from '../test/fake-fetch.ts';
import { addOperator, createMerchant, listOperators, listStalls, removeOperator, updateStall } from './merchants.service.ts';
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

const MERCHANT = { id: 'mc1', org_id: ORG_ID, name: '第一食堂', contact_name: null, contact_phone: null, wechat_sub_mchid: null, share_rate_bp: 10000, active: true, created_at: '' };

describe('merchants service', () => {
  it('creates a merchant with the org and maps a duplicate name', async () => {
    use(() => jsonResponse([MERCHANT], 201));
    const input = { name: '第一食堂', contact_name: null, contact_phone: null, wechat_sub_mchid: '1900000109', share_rate_bp: 9500, active: true };
    await createMerchant(ORG_ID, input);
    expect(callsTo(fetchMock, '/rest/v1/merchants')[0]!.body).toEqual({ org_id: ORG_ID, ...input });
    use(() => jsonResponse({ code: '23505', message: 'duplicate key value violates unique constraint "merchants_org_id_name_key"', details: null, hint: null }, 409));
    await expect(createMerchant(ORG_ID, input)).rejects.toMatchObject({ kind: 'duplicate', message: '已有同名商户' });
  });

  it("lists a merchant's stalls and saves pricing as sent", async () => {
    const pricing = { mode: 'fixed', fixedFen: 1500, walletOrder: ['subsidy', 'cash'] };
    use(() => jsonResponse([{ id: 's1', org_id: ORG_ID, merchant_id: 'mc1', name: '套餐档口', pricing, active: true }]));
    expect((await listStalls(ORG_ID, 'mc1'))[0]!.pricing).toEqual(pricing);
    expect(callsTo(fetchMock, '/rest/v1/stalls')[0]!.url.searchParams.get('merchant_id')).toBe('eq.mc1');
    await updateStall(ORG_ID, 's1', { pricing: pricing as never });
    const call = callsTo(fetchMock, '/rest/v1/stalls')[1]!;
    expect(call.method).toBe('PATCH');
    expect(call.body).toEqual({ pricing });
    expect(call.url.searchParams.get('id')).toBe('eq.s1');
  });

  it('lists operators with their names, adds and removes one', async () => {
    use((request) => (request.method === 'GET' ? jsonResponse([{ merchant_id: 'mc1', member_id: 'm1', members: { name: '李娜', employee_no: 'E002' } }]) : jsonResponse([{ member_id: 'm1' }], 201)));
    expect(await listOperators(ORG_ID, 'mc1')).toEqual([{ merchant_id: 'mc1', member_id: 'm1', name: '李娜', employee_no: 'E002' }]);
    await addOperator(ORG_ID, 'mc1', 'm1');
    expect(callsTo(fetchMock, '/rest/v1/merchant_operators')[1]!.body).toEqual({ org_id: ORG_ID, merchant_id: 'mc1', member_id: 'm1' });
    await removeOperator(ORG_ID, 'mc1', 'm1');
    expect(callsTo(fetchMock, '/rest/v1/merchant_operators')[2]!.method).toBe('DELETE');
    use(() => jsonResponse([]));
    await expect(removeOperator(ORG_ID, 'mc1', 'm9')).rejects.toMatchObject({ kind: 'forbidden' });
  });
});
