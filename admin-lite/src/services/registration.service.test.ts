import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { adminSession, ORG_ID } from '../test/fixtures.ts';
import { callsTo, fakeFetch, jsonResponse, type FakeHandler } from '../test/fake-fetch.ts';
import { deleteRegistrationPoint, listRegistrationPoints, listRegistrationRecords, saveRegistrationPoint } from './registration.service.ts';
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

const FORM = { version: 1 as const, fields: [{ key: 'temp', type: 'number' as const, label: '体温', required: true }] };
const POINT = { id: 'p1', org_id: ORG_ID, name: '东门登记处', purpose: '入厂登记', form: FORM, audience: {}, active: true };

describe('registration service', () => {
  it('lists, writes and deletes registration points', async () => {
    use((request) => jsonResponse(request.method === 'DELETE' ? [{ id: 'p1' }] : [POINT]));
    expect(await listRegistrationPoints(ORG_ID)).toEqual([POINT]);
    expect(callsTo(fetchMock, '/rest/v1/registration_points')[0]!.url.searchParams.get('order')).toBe('name.asc');
    await saveRegistrationPoint(ORG_ID, undefined, { name: '东门登记处', purpose: null, form: FORM, audience: {}, active: true });
    expect(callsTo(fetchMock, '/rest/v1/registration_points')[1]!.body).toEqual({ org_id: ORG_ID, name: '东门登记处', purpose: null, form: FORM, audience: {}, active: true });
    await saveRegistrationPoint(ORG_ID, 'p1', { active: false });
    const update = callsTo(fetchMock, '/rest/v1/registration_points')[2]!;
    expect(update.method).toBe('PATCH');
    expect(update.body).toEqual({ active: false });
    await deleteRegistrationPoint(ORG_ID, 'p1');
    expect(callsTo(fetchMock, '/rest/v1/registration_points')[3]!.method).toBe('DELETE');
  });

  it('reads the records of a point in batches with the member names', async () => {
    use((request) => {
      if (request.url.pathname === '/rest/v1/members') return jsonResponse([{ id: 'm1', name: '张伟', employee_no: 'E001' }]);
      const offset = Number(request.url.searchParams.get('offset') ?? 0);
      const rows = Array.from({ length: offset === 0 ? 1000 : 2 }, (_, i) => ({ id: offset + i, member_id: 'm1', answers: { temp: 36.5 }, at: '2026-11-25T01:00:00Z' }));
      return jsonResponse(rows);
    });
    const result = await listRegistrationRecords(ORG_ID, 'p1');
    expect(result.rows).toHaveLength(1002);
    expect(result.truncated).toBe(false);
    expect(result.rows[0]).toMatchObject({ member_name: '张伟', employee_no: 'E001', answers: { temp: 36.5 } });
    const first = callsTo(fetchMock, '/rest/v1/registration_records')[0]!;
    expect(first.url.searchParams.get('point_id')).toBe('eq.p1');
    expect(first.url.searchParams.get('order')).toBe('at.desc,id.desc');
    expect(callsTo(fetchMock, '/rest/v1/registration_records')).toHaveLength(2);
  });
});
