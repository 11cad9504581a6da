import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { adminSession, ORG_ID } from '../test/fixtures.ts';
import { callsTo, fakeFetch, jsonResponse, type FakeHandler } from '../test/fake-fetch.ts';
import { saveSession } from './session.service.ts';
import { initBackend } from './supabase-client.ts';
import { createTag, deleteTag, listTags, renameTag, tagMembers, untagMembers } from './tags.service.ts';

let fetchMock: ReturnType<typeof fakeFetch>;
const use = (handler: FakeHandler) => {
  fetchMock = fakeFetch(handler);
  vi.stubGlobal('fetch', fetchMock);
};

beforeEach(() => {
  initBackend({ supabaseUrl: 'http://gw.test', anonKey: 'anon-key', localMode: true });
  saveSession(adminSession());
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('tags service', () => {
  it('lists the org tags with the visible member count', async () => {
    use(() => jsonResponse([{ id: 't1', org_id: ORG_ID, name: '党员', tag_members: [{ count: 3 }] }, { id: 't2', org_id: ORG_ID, name: '新员工', tag_members: [] }]));
    expect(await listTags(ORG_ID)).toEqual([
      { id: 't1', org_id: ORG_ID, name: '党员', member_count: 3 },
      { id: 't2', org_id: ORG_ID, name: '新员工', member_count: 0 },
    ]);
    const call = callsTo(fetchMock, '/rest/v1/tags')[0]!;
    expect(call.url.searchParams.get('select')).toBe('id,org_id,name,tag_members(count)');
    expect(call.url.searchParams.get('org_id')).toBe(`eq.${ORG_ID}`);
  });

  it('creates, renames and deletes; a duplicate name says so', async () => {
    use(() => jsonResponse([{ id: 't3', org_id: ORG_ID, name: '食堂' }], 201));
    expect(await createTag(ORG_ID, '食堂')).toEqual({ id: 't3', org_id: ORG_ID, name: '食堂', member_count: 0 });
    expect(callsTo(fetchMock, '/rest/v1/tags')[0]!.body).toEqual({ org_id: ORG_ID, name: '食堂' });

    use(() => jsonResponse({ code: '23505', message: 'duplicate key value violates unique constraint "tags_org_id_name_key"', details: null, hint: null }, 409));
    await expect(renameTag(ORG_ID, 't3', '党员')).rejects.toMatchObject({ kind: 'duplicate', message: '已有同名标签' });

    use(() => jsonResponse([]));
    await expect(deleteTag(ORG_ID, 't-other')).rejects.toMatchObject({ kind: 'forbidden' });
  });

  it('tags a selection or a department subtree, and untags, through the RPCs', async () => {
    use(() => jsonResponse(4));
    expect(await tagMembers('t1', { departmentId: 'rd' })).toBe(4);
    expect(callsTo(fetchMock, '/rest/v1/rpc/admin_tag_members')[0]!.body).toEqual({ p_tag: 't1', p_member_ids: null, p_department_id: 'rd' });
    expect(await tagMembers('t1', { memberIds: ['m-1'] })).toBe(4);
    expect(callsTo(fetchMock, '/rest/v1/rpc/admin_tag_members')[1]!.body).toEqual({ p_tag: 't1', p_member_ids: ['m-1'], p_department_id: null });
    expect(await untagMembers('t1', ['m-1', 'm-2'])).toBe(4);
    expect(callsTo(fetchMock, '/rest/v1/rpc/admin_untag_members')[0]!.body).toEqual({ p_tag: 't1', p_member_ids: ['m-1', 'm-2'] });
  });
});
