import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { adminSession, ORG_ID } from '../test/fixtures.ts';
import { callsTo, fakeFetch, jsonResponse, type FakeHandler } from '../test/fake-fetch.ts';
import { listRiskEvents } from './risk-events.service.ts';
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

const RANGE = { fromIso: '2026-11-24T00:00:00.000Z', untilIso: '2026-11-25T00:00:00.000Z' };

describe('risk events service', () => {
  it('lists a range with member, employee no and department embedded, paged with an exact count', async () => {
    use(() =>
      jsonResponse(
        [
          { id: 2, member_id: 'm1', kind: 'screenshot', credential_id: 'c1', detail: { page: 'card', platform: 'ios' }, at: '2026-11-24T10:00:00Z', member: { name: '王芳', employee_no: 'E007', department: { name: '前端组' } } },
          { id: 1, member_id: 'm2', kind: 'screen_recording', credential_id: null, detail: null, at: '2026-11-24T09:00:00Z', member: null },
        ],
        200,
        { 'content-range': '50-51/120' },
      ),
    );
    const page = await listRiskEvents({ orgId: ORG_ID, ...RANGE, kind: 'screenshot', page: 2, pageSize: 50 });
    expect(page.total).toBe(120);
    expect(page.rows[0]).toEqual({ id: 2, member_id: 'm1', kind: 'screenshot', credential_id: 'c1', detail: { page: 'card', platform: 'ios' }, at: '2026-11-24T10:00:00Z', member_name: '王芳', employee_no: 'E007', department_name: '前端组' });
    expect(page.rows[1]).toMatchObject({ member_name: null, employee_no: null, department_name: null, detail: {} });

    expect(callsTo(fetchMock, '/rest/v1/members')).toHaveLength(0);
    const call = callsTo(fetchMock, '/rest/v1/risk_events')[0]!;
    expect(call.url.searchParams.get('select')).toBe('id,member_id,kind,credential_id,detail,at,member:members(name,employee_no,department:departments(name))');
    expect(call.url.searchParams.get('org_id')).toBe(`eq.${ORG_ID}`);
    expect(call.url.searchParams.getAll('at')).toEqual([`gte.${RANGE.fromIso}`, `lt.${RANGE.untilIso}`]);
    expect(call.url.searchParams.get('kind')).toBe('eq.screenshot');
    expect(call.url.searchParams.get('order')).toBe('at.desc,id.desc');
    expect(call.url.searchParams.get('offset')).toBe('50');
    expect(call.url.searchParams.get('limit')).toBe('50');
    expect(call.headers.get('prefer')).toContain('count=exact');
  });

  it('searches members by name or employee no through an inner-joined embed', async () => {
    use(() => jsonResponse([], 200, { 'content-range': '*/0' }));
    expect(await listRiskEvents({ orgId: ORG_ID, ...RANGE, search: ' 王 ', page: 1, pageSize: 50 })).toEqual({ rows: [], total: 0 });
    const url = callsTo(fetchMock, '/rest/v1/risk_events')[0]!.url;
    expect(url.searchParams.get('select')).toContain('member:members!inner(name,employee_no,department:departments(name))');
    expect(url.searchParams.get('member.or')).toBe('(name.ilike."*王*",employee_no.ilike."*王*")');
    expect(url.searchParams.has('kind')).toBe(false);
  });

  it('answers an empty page past the end (416) and maps other errors', async () => {
    use(() => jsonResponse({ code: 'PGRST103', message: 'Requested range not satisfiable', details: 'An offset of 50 was requested, but there are only 3 rows.' }, 416));
    expect((await listRiskEvents({ orgId: ORG_ID, ...RANGE, page: 2, pageSize: 50 })).rows).toEqual([]);
    use(() => jsonResponse({ code: '42501', message: 'permission denied for table risk_events' }, 403));
    await expect(listRiskEvents({ orgId: ORG_ID, ...RANGE, page: 1, pageSize: 50 })).rejects.toMatchObject({ status: 403 });
  });
});
