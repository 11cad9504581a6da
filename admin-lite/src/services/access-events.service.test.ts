import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { adminSession, ORG_ID } from '../test/fixtures.ts';
import { callsTo, fakeFetch, jsonResponse, type FakeHandler } from '../test/fake-fetch.ts';
import { attendanceDaily, listAccessEvents } from './access-events.service.ts';
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

describe('access events service', () => {
  it('filters by time, point and result, pages, and names members from a second query', async () => {
    use((request) =>
      request.url.pathname.endsWith('/members')
        ? jsonResponse([{ id: 'm1', name: '王芳', employee_no: 'E007' }])
        : jsonResponse(
            [
              { id: 2, point_id: 'p1', member_id: 'm1', ok: false, reason: 'access_denied', mode: 'online', at: '2026-11-24T10:00:00Z', verification_points: { name: '东门' } },
              { id: 1, point_id: null, member_id: null, ok: false, reason: 'bad_signature', mode: 'offline', at: '2026-11-24T09:00:00Z', verification_points: null },
            ],
            200,
            { 'content-range': '50-51/120' },
          ),
    );
    const page = await listAccessEvents({ orgId: ORG_ID, fromIso: '2026-11-24T00:00:00.000Z', untilIso: '2026-11-25T00:00:00.000Z', pointId: 'p1', ok: false, page: 2, pageSize: 50 });
    expect(page.total).toBe(120);
    expect(page.rows[0]).toMatchObject({ member_name: '王芳', employee_no: 'E007', point_name: '东门' });
    expect(page.rows[1]).toMatchObject({ member_name: null, point_name: null });
    const call = callsTo(fetchMock, '/rest/v1/access_events')[0]!;
    expect(call.url.searchParams.getAll('at')).toEqual(['gte.2026-11-24T00:00:00.000Z', 'lt.2026-11-25T00:00:00.000Z']);
    expect(call.url.searchParams.get('point_id')).toBe('eq.p1');
    expect(call.url.searchParams.get('ok')).toBe('eq.false');
    expect(call.url.searchParams.get('offset')).toBe('50');
    expect(callsTo(fetchMock, '/rest/v1/members')[0]!.url.searchParams.get('id')).toBe('in.(m1)');
  });

  it('asks attendance_daily for a range and parses the rows', async () => {
    use(() => jsonResponse([{ day: '2026-11-24', member_id: 'm1', member_name: '王芳', employee_no: 'E007', department_name: '前端组', first_pass: 'a', last_pass: 'b', passes: '3' }]));
    expect(await attendanceDaily(ORG_ID, '2026-11-01', '2026-11-30', null)).toEqual([
      { day: '2026-11-24', member_id: 'm1', member_name: '王芳', employee_no: 'E007', department_name: '前端组', first_pass: 'a', last_pass: 'b', passes: 3 },
    ]);
    expect(callsTo(fetchMock, '/rest/v1/rpc/attendance_daily')[0]!.body).toEqual({ p_org: ORG_ID, p_from: '2026-11-01', p_until: '2026-11-30', p_point_ids: null });
  });
});
