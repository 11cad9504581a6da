import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { adminSession, department, ORG_ID } from '../test/fixtures.ts';
import { callsTo, fakeFetch, jsonResponse, type FakeHandler } from '../test/fake-fetch.ts';
import { vi } from 'vitest';
import { createDepartment, deleteDepartment, updateDepartment } from './departments.service.ts';
import { saveSession } from './session.service.ts';
import { initBackend } from './supabase-client.ts';

const PATH = '/rest/v1/departments';
let fetchMock: ReturnType<typeof fakeFetch>;
const use = (handler: FakeHandler) => {
  fetchMock = fakeFetch(handler);
  vi.stubGlobal('fetch', fetchMock);
};
const pgError = (code: string, message: string, status: number) => jsonResponse({ code, message, details: null, hint: null }, status);

beforeEach(() => {
  initBackend({ supabaseUrl: 'http://gw.test', anonKey: 'anon-key', localMode: true });
  saveSession(adminSession());
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('department writes', () => {
  it('creates a child under a parent, in the org', async () => {
    use(() => jsonResponse([department('new', 'rd', '测试组')], 201));
    expect(await createDepartment(ORG_ID, 'rd', '测试组')).toMatchObject({ id: 'new', name: '测试组' });
    expect(callsTo(fetchMock, PATH)[0]).toMatchObject({ method: 'POST', body: { org_id: ORG_ID, parent_id: 'rd', name: '测试组' } });
  });

  it('explains a duplicate sibling name and an out-of-scope parent', async () => {
    use(() => pgError('23505', 'duplicate key value violates unique constraint "departments_sibling_name"', 409));
    await expect(createDepartment(ORG_ID, 'rd', '前端组')).rejects.toMatchObject({ message: '同一上级部门下已有同名部门' });
    use(() => pgError('42501', 'new row violates row-level security policy for table "departments"', 403));
    await expect(createDepartment(ORG_ID, 'adm', 'x')).rejects.toMatchObject({ kind: 'forbidden' });
  });

  it('renames or moves by id; explains 未分组 (YM001) and a cycle (YM003)', async () => {
    use(() => jsonResponse([department('fe', 'adm', '前端组')]));
    await updateDepartment(ORG_ID, 'fe', { parent_id: 'adm' });
    const call = callsTo(fetchMock, PATH)[0]!;
    expect(call).toMatchObject({ method: 'PATCH', body: { parent_id: 'adm' } });
    expect(call.url.searchParams.get('id')).toBe('eq.fe');
    expect(call.url.searchParams.get('org_id')).toBe(`eq.${ORG_ID}`);

    use(() => pgError('YM001', 'the default group cannot be moved', 400));
    await expect(updateDepartment(ORG_ID, 'none', { parent_id: 'hq' })).rejects.toMatchObject({ kind: 'invalid', message: '“未分组”不能删除或移动' });
    use(() => pgError('YM003', 'a department cannot move under itself', 400));
    await expect(updateDepartment(ORG_ID, 'rd', { parent_id: 'fe' })).rejects.toMatchObject({ message: '不能把部门移到它自己或它的下级部门之下' });
    use(() => jsonResponse([]));
    await expect(updateDepartment(ORG_ID, 'adm', { name: 'x' })).rejects.toMatchObject({ kind: 'forbidden' });
  });

  it('deletes by id; nothing deleted (RLS) is 没有权限', async () => {
    use(() => jsonResponse([{ id: 'fe' }]));
    await deleteDepartment(ORG_ID, 'fe');
    expect(callsTo(fetchMock, PATH)[0]).toMatchObject({ method: 'DELETE' });
    use(() => jsonResponse([]));
    await expect(deleteDepartment(ORG_ID, 'adm')).rejects.toMatchObject({ kind: 'forbidden' });
  });
});
