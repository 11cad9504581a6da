import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { adminSession, ORG_ID } from '../test/fixtures.ts';
import { callsTo, fakeFetch, jsonResponse, type FakeHandler } from '../test/fake-fetch.ts';
import { deleteEvent, eventStats, getScreenCode, listEventAttempts, listEventAttendance, listEvents, saveEvent, type EventInput } from './events.service.ts';
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

const INPUT: EventInput = {
  title: '季度大会', kind: 'meeting', location_name: '一号厅', latitude: 39.9, longitude: 116.4, radius_m: 200,
  sign_in_from: '2026-11-26T01:00:00.000Z', sign_in_until: '2026-11-26T02:00:00.000Z', sign_out_from: null, sign_out_until: null,
  audience: { departments: ['rd'] }, code_step_seconds: 20,
};
const ROW = { id: 'ev1', org_id: ORG_ID, ...INPUT };

describe('events service', () => {
  it('lists the org events newest first and inserts / updates / deletes through PostgREST', async () => {
    use((request) => (request.method === 'DELETE' ? jsonResponse([{ id: 'ev1' }]) : jsonResponse([ROW])));
    expect(await listEvents(ORG_ID)).toEqual([ROW]);
    const list = callsTo(fetchMock, '/rest/v1/events')[0]!;
    expect(list.url.searchParams.get('org_id')).toBe(`eq.${ORG_ID}`);
    expect(list.url.searchParams.get('order')).toBe('sign_in_from.desc');

    await saveEvent(ORG_ID, undefined, INPUT);
    const insert = callsTo(fetchMock, '/rest/v1/events')[1]!;
    expect(insert.method).toBe('POST');
    expect(insert.body).toEqual({ org_id: ORG_ID, ...INPUT });

    await saveEvent(ORG_ID, 'ev1', INPUT);
    const update = callsTo(fetchMock, '/rest/v1/events')[2]!;
    expect(update.method).toBe('PATCH');
    expect(update.url.searchParams.get('id')).toBe('eq.ev1');

    await deleteEvent(ORG_ID, 'ev1');
    expect(callsTo(fetchMock, '/rest/v1/events')[3]!.method).toBe('DELETE');
  });

  it('says forbidden when RLS hides the written row', async () => {
    use(() => jsonResponse([]));
    await expect(saveEvent(ORG_ID, 'ev1', INPUT)).rejects.toMatchObject({ kind: 'forbidden' });
  });

  it('fetches the big-screen code with the admin bearer', async () => {
    use(() => jsonResponse({ code: 'YMEV1.abc', step: 7, step_seconds: 20, expires_at: '2026-11-26T01:00:20.000Z' }));
    expect(await getScreenCode('ev1', 'out')).toMatchObject({ code: 'YMEV1.abc', step_seconds: 20 });
    const call = callsTo(fetchMock, '/functions/v1/event-screen')[0]!;
    expect(call.url.searchParams.get('event_id')).toBe('ev1');
    expect(call.url.searchParams.get('action')).toBe('out');
    expect(call.bearer).toBe('token-abc');
  });

  it('reads event_stats, attempts and attendance with member names from a second query', async () => {
    use((request) => {
      if (request.url.pathname === '/rest/v1/rpc/event_stats') return jsonResponse({ expected: 3, signed_in: 2, signed_out: 0, refused: 1, absent: [{ member_id: 'm3', name: '王芳', department: '行政部' }] });
      if (request.url.pathname === '/rest/v1/members') return jsonResponse([{ id: 'm1', name: '张伟', employee_no: 'E001' }]);
      if (request.url.pathname === '/rest/v1/event_attempts') return jsonResponse([{ id: 1, member_id: 'm1', action: 'in', reason: 'outside_geofence', distance_m: 830, at: '2026-11-26T01:05:00Z' }]);
      return jsonResponse([{ member_id: 'm1', signed_in_at: '2026-11-26T01:01:00Z', sign_in_distance_m: 12, sign_in_method: 'projected_code', signed_out_at: null, sign_out_distance_m: null }]);
    });
    expect((await eventStats('ev1')).absent[0]!.name).toBe('王芳');
    expect(callsTo(fetchMock, '/rest/v1/rpc/event_stats')[0]!.body).toEqual({ p_event: 'ev1' });
    expect((await listEventAttempts(ORG_ID, 'ev1'))[0]).toMatchObject({ reason: 'outside_geofence', distance_m: 830, member_name: '张伟' });
    expect((await listEventAttendance(ORG_ID, 'ev1'))[0]).toMatchObject({ member_name: '张伟', employee_no: 'E001', sign_in_distance_m: 12 });
    const attendance = callsTo(fetchMock, '/rest/v1/event_attendance')[0]!;
    expect(attendance.url.searchParams.get('event_id')).toBe('eq.ev1');
    expect(attendance.url.searchParams.get('offset')).toBe('0');
    expect(callsTo(fetchMock, '/rest/v1/members')[0]!.url.searchParams.get('id')).toBe('in.(m1)');
  });
});
