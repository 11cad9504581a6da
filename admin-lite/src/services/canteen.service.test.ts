import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { adminSession, ORG_ID } from '../test/fixtures.ts';
import { callsTo, fakeFetch, jsonResponse, type FakeHandler } from '../test/fake-fetch.ts';
import { listMealPeriods, removeSubsidyPlan, runSubsidies, saveMealPeriod, saveSubsidyPlan } from './canteen.service.ts';
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

const PLAN = { id: 'pl1', org_id: ORG_ID, name: '月度餐补', wallet: 'subsidy', amount: 30000, cadence: 'monthly', expires_at_period_end: true, audience: {}, active: true };

describe('canteen service', () => {
  it('lists meal periods as HH:MM and creates one', async () => {
    use(() => jsonResponse([{ id: 'mp1', org_id: ORG_ID, name: '午餐', starts: '11:00:00', ends: '13:30:00' }]));
    expect(await listMealPeriods(ORG_ID)).toEqual([{ id: 'mp1', org_id: ORG_ID, name: '午餐', starts: '11:00', ends: '13:30' }]);
    await saveMealPeriod(ORG_ID, undefined, { name: '午餐', starts: '11:00', ends: '13:30' });
    expect(callsTo(fetchMock, '/rest/v1/meal_periods')[1]!.body).toEqual({ org_id: ORG_ID, name: '午餐', starts: '11:00', ends: '13:30' });
  });

  it('saves a plan with integer fen and deactivates a plan the ledger references instead of deleting it', async () => {
    use(() => jsonResponse([PLAN], 201));
    await saveSubsidyPlan(ORG_ID, undefined, { name: '月度餐补', wallet: 'subsidy', amount: 30000, cadence: 'monthly', expires_at_period_end: true, audience: { tags: ['t1'] }, active: true });
    expect(callsTo(fetchMock, '/rest/v1/subsidy_plans')[0]!.body).toMatchObject({ org_id: ORG_ID, amount: 30000, audience: { tags: ['t1'] } });

    use((request) =>
      request.method === 'DELETE'
        ? jsonResponse({ code: '23503', message: 'update or delete on table "subsidy_runs" violates foreign key constraint', details: null, hint: null }, 409)
        : jsonResponse([{ ...PLAN, active: false }]),
    );
    expect(await removeSubsidyPlan(ORG_ID, 'pl1')).toBe('deactivated');
    const calls = callsTo(fetchMock, '/rest/v1/subsidy_plans');
    expect(calls.map((c) => c.method)).toEqual(['DELETE', 'PATCH']);
    expect(calls[1]!.body).toEqual({ active: false });

    use(() => jsonResponse([{ id: 'pl1' }]));
    expect(await removeSubsidyPlan(ORG_ID, 'pl1')).toBe('deleted');
  });

  it('runs subsidies now through the RPC', async () => {
    use(() => jsonResponse({ granted: [{ plan_id: 'pl1', period: '2026-11', members: 3, total: 90000 }], expired: [] }));
    expect((await runSubsidies(ORG_ID)).granted[0]).toEqual({ plan_id: 'pl1', period: '2026-11', members: 3, total: 90000 });
    expect(callsTo(fetchMock, '/rest/v1/rpc/subsidy_run')[0]!.body).toEqual({ p_org: ORG_ID });
  });
});
