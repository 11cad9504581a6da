import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { adminSession, ORG_ID } from '../test/fixtures.ts';
import { callsTo, fakeFetch, jsonResponse, type FakeHandler } from '../test/fake-fetch.ts';
import { saveSession } from './session.service.ts';
import { initBackend } from './supabase-client.ts';
import { cancelVisit, listAllVisits, listVisitApprovals, listVisits, visitorSearchFilter } from './visits.service.ts';

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

const RAW_VISIT = {
  id: 'v1', site_id: 'st1', host_member_id: 'm1', source: 'apply', status: 'pending', visitor_name: '赵六', visitor_phone: '13900000001', visitor_id_card: '110***********002X',
  visitor_company: '甲公司', identity_type: '客户', purpose: '洽谈', companions: 1, window_from: '2026-11-24T01:00:00Z', window_until: '2026-11-24T05:00:00Z', answers: { car: '京A12345' },
  approval_level: 1, approvals_required: 2, checked_in_at: null, checked_out_at: null, reject_reason: null, created_at: '2026-11-23T01:00:00Z', purged_at: null,
  site: { name: '总部园区' }, host: { name: '王芳' },
};
const BOUNDS = { fromIso: '2026-11-24T00:00:00.000Z', untilIso: '2026-11-25T00:00:00.000Z' };

describe('visits service', () => {
  it('filters on window_from, status, site, source, host and a name/phone search, newest first with an exact count', async () => {
    use(() => jsonResponse([RAW_VISIT], 200, { 'content-range': '50-50/51' }));
    const page = await listVisits({ orgId: ORG_ID, ...BOUNDS, status: 'pending', siteId: 'st1', source: 'apply', hostId: 'm1', search: '赵', page: 2, pageSize: 50 });
    expect(page.total).toBe(51);
    expect(page.rows[0]).toMatchObject({ site_name: '总部园区', host_name: '王芳', visitor_id_card: '110***********002X' });
    expect(page.rows[0]).not.toHaveProperty('site');
    const call = callsTo(fetchMock, '/rest/v1/visits')[0]!;
    expect(call.url.searchParams.get('org_id')).toBe(`eq.${ORG_ID}`);
    expect(call.url.searchParams.getAll('window_from')).toEqual([`gte.${BOUNDS.fromIso}`, `lt.${BOUNDS.untilIso}`]);
    expect(call.url.searchParams.get('status')).toBe('eq.pending');
    expect(call.url.searchParams.get('site_id')).toBe('eq.st1');
    expect(call.url.searchParams.get('source')).toBe('eq.apply');
    expect(call.url.searchParams.get('host_member_id')).toBe('eq.m1');
    expect(call.url.searchParams.get('or')).toBe('(visitor_name.ilike."*赵*",visitor_phone.ilike."*赵*")');
    expect(call.url.searchParams.get('select')).toContain('site:sites(name)');
    expect(call.url.searchParams.get('select')).toContain('host:members(name)');
    expect(call.url.searchParams.get('order')).toBe('window_from.desc,id.desc');
    expect(call.url.searchParams.get('offset')).toBe('50');
    expect(call.headers.get('prefer')).toContain('count=exact');
  });

  it('sends no optional filters when none are chosen, and drops the * wildcard from searches', async () => {
    use(() => jsonResponse([], 200, { 'content-range': '*/0' }));
    await listVisits({ orgId: ORG_ID, ...BOUNDS, page: 1, pageSize: 50 });
    const params = callsTo(fetchMock, '/rest/v1/visits')[0]!.url.searchParams;
    for (const key of ['status', 'site_id', 'source', 'host_member_id', 'or']) expect(params.has(key)).toBe(false);
    expect(visitorSearchFilter(' * ')).toBeUndefined();
  });

  it('exports every visit of the filter in batches', async () => {
    use((request) => {
      const offset = Number(request.url.searchParams.get('offset') ?? 0);
      const rows = Array.from({ length: offset === 0 ? 1000 : 3 }, (_, i) => ({ ...RAW_VISIT, id: `v${offset + i}` }));
      return jsonResponse(rows, 200, { 'content-range': `${offset}-${offset + rows.length - 1}/1003` });
    });
    const all = await listAllVisits({ orgId: ORG_ID, ...BOUNDS });
    expect(all.rows).toHaveLength(1003);
    expect(all.truncated).toBe(false);
    expect(callsTo(fetchMock, '/rest/v1/visits')).toHaveLength(2);
  });

  it('reads the approval chain of a visit in order', async () => {
    use(() => jsonResponse([{ id: 1, level: 1, decision: 'approved', comment: null, approver_name: '王芳', at: '2026-11-23T02:00:00Z' }]));
    expect(await listVisitApprovals('v1')).toHaveLength(1);
    const call = callsTo(fetchMock, '/rest/v1/visit_approvals')[0]!;
    expect(call.url.searchParams.get('visit_id')).toBe('eq.v1');
    expect(call.url.searchParams.get('order')).toBe('at.asc,id.asc');
  });

  it('cancels through visit_cancel and shows the zh-CN part of a YM502 refusal', async () => {
    use(() => jsonResponse({ ...RAW_VISIT, status: 'cancelled' }));
    expect(await cancelVisit('v1', ' 行程变更 ')).toMatchObject({ id: 'v1', status: 'cancelled' });
    expect(callsTo(fetchMock, '/rest/v1/rpc/visit_cancel')[0]!.body).toEqual({ p_visit: 'v1', p_reason: '行程变更' });
    await cancelVisit('v1', '  ');
    expect(callsTo(fetchMock, '/rest/v1/rpc/visit_cancel')[1]!.body).toEqual({ p_visit: 'v1', p_reason: null });
    use(() => jsonResponse({ code: 'YM502', message: '该预约无法取消（checked_in） (only pending or approved visits can be cancelled)', details: null, hint: null }, 400));
    await expect(cancelVisit('v1', '')).rejects.toMatchObject({ kind: 'invalid', code: 'YM502', message: '该预约无法取消（checked_in）' });
  });
});
