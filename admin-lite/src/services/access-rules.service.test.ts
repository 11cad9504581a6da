import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { adminSession, ORG_ID } from '../test/fixtures.ts';
import { callsTo, fakeFetch, jsonResponse, type FakeHandler } from '../test/fake-fetch.ts';
import { createAccessRule, deleteAccessRule, listAccessRules } from './access-rules.service.ts';
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

const RAW = { id: 'r1', org_id: ORG_ID, name: '夜间禁行', point_id: null, department_id: null, tag_id: null, member_id: 'm-1', effect: 'deny', weekdays: [7, 1], time_from: '22:00:00', time_until: '24:00:00', members: { name: '王芳' } };

describe('access rules service', () => {
  it('lists rules with HH:MM times, sorted days and the member name', async () => {
    use(() => jsonResponse([RAW]));
    expect(await listAccessRules(ORG_ID)).toEqual([
      { id: 'r1', org_id: ORG_ID, name: '夜间禁行', point_id: null, department_id: null, tag_id: null, member_id: 'm-1', effect: 'deny', weekdays: [1, 7], time_from: '22:00', time_until: '24:00', member_name: '王芳' },
    ]);
    expect(callsTo(fetchMock, '/rest/v1/access_rules')[0]!.url.searchParams.get('select')).toContain('members(name)');
  });

  it('creates with the org and refuses an invisible delete', async () => {
    use(() => jsonResponse([RAW], 201));
    const input = { name: '夜间禁行', point_id: null, department_id: null, tag_id: null, member_id: 'm-1', effect: 'deny' as const, weekdays: [1, 7], time_from: '22:00', time_until: '24:00' };
    await createAccessRule(ORG_ID, input);
    expect(callsTo(fetchMock, '/rest/v1/access_rules')[0]!.body).toEqual({ org_id: ORG_ID, ...input });
    use(() => jsonResponse([]));
    await expect(deleteAccessRule(ORG_ID, 'r-x')).rejects.toMatchObject({ kind: 'forbidden' });
  });
});
