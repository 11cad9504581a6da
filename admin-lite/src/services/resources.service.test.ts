import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { adminSession, ORG_ID } from '../test/fixtures.ts';
import { callsTo, fakeFetch, jsonResponse, type FakeHandler } from '../test/fake-fetch.ts';
import { decideBooking, deleteResource, listResourceBookings, parseRange, saveResource, type ResourceInput } from './resources.service.ts';
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

const INPUT: ResourceInput = { name: '301 会议室', kind: 'room', location: '3 楼', capacity: 12, open_hours: [{ days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' }], requires_approval: true, max_hours: 4, audience: {}, active: true };

describe('resources service', () => {
  it('writes and deletes resources', async () => {
    use((request) => jsonResponse(request.method === 'DELETE' ? [{ id: 'r1' }] : [{ id: 'r1', org_id: ORG_ID, ...INPUT }]));
    await saveResource(ORG_ID, undefined, INPUT);
    expect(callsTo(fetchMock, '/rest/v1/resources')[0]!.body).toEqual({ org_id: ORG_ID, ...INPUT });
    await deleteResource(ORG_ID, 'r1');
    expect(callsTo(fetchMock, '/rest/v1/resources')[1]!.url.searchParams.get('id')).toBe('eq.r1');
  });

  it('parses a tstzrange as PostgREST writes it', () => {
    expect(parseRange('["2026-11-26 02:00:00+00","2026-11-26 03:30:00+00")')).toEqual({ from: '2026-11-26T02:00:00.000Z', until: '2026-11-26T03:30:00.000Z' });
  });

  it('lists bookings overlapping the days, filtered and paged, with member names', async () => {
    use((request) =>
      request.url.pathname === '/rest/v1/members'
        ? jsonResponse([{ id: 'm1', name: '张伟', employee_no: 'E001' }])
        : jsonResponse(
            [{ id: 'b1', resource_id: 'r1', member_id: 'm1', during: '["2026-11-26 02:00:00+00","2026-11-26 03:00:00+00")', status: 'pending', attendees: 5, purpose: '周会', reason: null, checked_in_at: null, created_at: '2026-11-25T01:00:00Z' }],
            200,
            { 'content-range': '0-0/1' },
          ),
    );
    const page = await listResourceBookings({ orgId: ORG_ID, fromIso: '2026-11-25T16:00:00.000Z', untilIso: '2026-11-26T16:00:00.000Z', resourceId: 'r1', status: 'pending', page: 1, pageSize: 50 });
    expect(page.total).toBe(1);
    expect(page.rows[0]).toMatchObject({ starts_at: '2026-11-26T02:00:00.000Z', ends_at: '2026-11-26T03:00:00.000Z', member_name: '张伟' });
    const params = callsTo(fetchMock, '/rest/v1/resource_bookings')[0]!.url.searchParams;
    expect(params.get('during')).toBe('ov.[2026-11-25T16:00:00.000Z,2026-11-26T16:00:00.000Z)');
    expect(params.get('resource_id')).toBe('eq.r1');
    expect(params.get('status')).toBe('eq.pending');
  });

  it('decides through resource_decide and shows the zh-CN part of YM603', async () => {
    use(() => jsonResponse({ id: 'b1', status: 'approved' }));
    expect(await decideBooking('b1', 'approved', ' ')).toMatchObject({ status: 'approved' });
    expect(callsTo(fetchMock, '/rest/v1/rpc/resource_decide')[0]!.body).toEqual({ p_booking: 'b1', p_decision: 'approved', p_reason: null });
    use(() => jsonResponse({ code: 'YM603', message: '该预约已处理（approved） (this booking is no longer pending)', details: null, hint: null }, 400));
    await expect(decideBooking('b1', 'rejected', '冲突')).rejects.toMatchObject({ kind: 'invalid', code: 'YM603', message: '该预约已处理（approved）' });
  });
});
