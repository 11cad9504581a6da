import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { adminSession, ORG_ID } from '../test/fixtures.ts';
import { callsTo, fakeFetch, jsonResponse, type FakeHandler } from '../test/fake-fetch.ts';
import { createPoint, issuePointKey, listPoints, listStallChoices, updatePoint } from './points.service.ts';
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

describe('points service', () => {
  it('lists, creates and deactivates points of the org', async () => {
    use(() => jsonResponse([{ id: 'p1', org_id: ORG_ID, name: '东门', kind: 'door', location: null, required_scopes: 1, active: true }]));
    expect(await listPoints(ORG_ID)).toHaveLength(1);
    expect(callsTo(fetchMock, '/rest/v1/verification_points')[0]!.url.searchParams.get('org_id')).toBe(`eq.${ORG_ID}`);
    await createPoint(ORG_ID, { name: '东门', kind: 'door', location: null, required_scopes: 1, active: true, site_id: null, stall_id: null });
    expect(callsTo(fetchMock, '/rest/v1/verification_points')[1]!.body).toEqual({ org_id: ORG_ID, name: '东门', kind: 'door', location: null, required_scopes: 1, active: true, site_id: null, stall_id: null });
    await updatePoint(ORG_ID, 'p1', { active: false });
    expect(callsTo(fetchMock, '/rest/v1/verification_points')[2]!.body).toEqual({ active: false });
  });

  it('maps a duplicate name', async () => {
    use(() => jsonResponse({ code: '23505', message: 'duplicate key value violates unique constraint "verification_points_org_id_name_key"', details: null, hint: null }, 409));
    await expect(createPoint(ORG_ID, { name: '东门', kind: 'door', location: null, required_scopes: 0, active: true, site_id: null, stall_id: null })).rejects.toMatchObject({ kind: 'duplicate', message: '已有同名设备' });
  });

  it('issues a key through the RPC', async () => {
    use(() => jsonResponse('ymp_abc'));
    expect(await issuePointKey('p1')).toBe('ymp_abc');
    expect(callsTo(fetchMock, '/rest/v1/rpc/admin_issue_point_key')[0]!.body).toEqual({ p_point: 'p1' });
  });

  it('saves the site and the stall of a point, and lists stalls with their merchant', async () => {
    use(() => jsonResponse([{ id: 's1', name: '套餐档口', active: true, merchant: { name: '第一食堂' } }]));
    await updatePoint(ORG_ID, 'p1', { site_id: 'st1', stall_id: 's1' });
    const update = callsTo(fetchMock, '/rest/v1/verification_points')[0]!;
    expect(update.body).toEqual({ site_id: 'st1', stall_id: 's1' });
    expect(update.url.searchParams.get('select')).toContain('site_id,stall_id');
    expect(await listStallChoices(ORG_ID)).toEqual([{ id: 's1', name: '套餐档口', active: true, merchant_name: '第一食堂' }]);
    expect(callsTo(fetchMock, '/rest/v1/stalls')[0]!.url.searchParams.get('select')).toBe('id,name,active,merchant:merchants(name)');
  });
});
