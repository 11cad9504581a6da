import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { adminSession, ORG_ID } from '../test/fixtures.ts';
import { callsTo, fakeFetch, jsonResponse, type FakeHandler } from '../test/fake-fetch.ts';
import { addAdminByPhone, createAdminGroup, deleteAdminGroup, importAdminScopes, listAdminGroups, listGroupAdmins, removeGroupAdmin, setAdminScope, updateAdminGroup } from './admin-groups.service.ts';
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

describe('admin groups service', () => {
  it('lists groups (super first) with their departments', async () => {
    use(() => jsonResponse([{ id: 'g1', org_id: ORG_ID, name: '研发管理员', is_super: false, functions: ['cards'], apps: ['events'], admin_group_departments: [{ department_id: 'rd' }] }]));
    expect(await listAdminGroups(ORG_ID)).toEqual([{ id: 'g1', org_id: ORG_ID, name: '研发管理员', is_super: false, functions: ['cards'], apps: ['events'], departments: ['rd'] }]);
    const call = callsTo(fetchMock, '/rest/v1/admin_groups')[0]!;
    expect(call.url.searchParams.get('order')).toBe('is_super.desc,name.asc');
    expect(call.url.searchParams.get('select')).toContain('admin_group_departments(department_id)');
  });

  it('creates a group then sets its departments; updates replace them; deletes only normal groups', async () => {
    use(({ url }) => jsonResponse(url.pathname.endsWith('/admin_groups') ? [{ id: 'g2' }] : null, url.pathname.endsWith('/admin_groups') ? 200 : 201));
    await createAdminGroup(ORG_ID, { name: '行政', functions: ['notices'], apps: [], departments: ['adm', 'hq'] });
    expect(callsTo(fetchMock, '/rest/v1/admin_groups')[0]!.body).toEqual({ org_id: ORG_ID, name: '行政', functions: ['notices'], apps: [] });
    const depts = callsTo(fetchMock, '/rest/v1/admin_group_departments');
    expect(depts[0]!.method).toBe('DELETE');
    expect(depts[0]!.url.searchParams.get('group_id')).toBe('eq.g2');
    expect(depts[1]!.body).toEqual([{ org_id: ORG_ID, group_id: 'g2', department_id: 'adm' }, { org_id: ORG_ID, group_id: 'g2', department_id: 'hq' }]);

    await updateAdminGroup(ORG_ID, 'g2', { name: '行政', functions: [], apps: ['visitors'], departments: [] });
    const update = callsTo(fetchMock, '/rest/v1/admin_groups')[1]!;
    expect(update.method).toBe('PATCH');
    expect(update.url.searchParams.get('is_super')).toBe('eq.false');
    expect(callsTo(fetchMock, '/rest/v1/admin_group_departments')).toHaveLength(3);

    await deleteAdminGroup(ORG_ID, 'g2');
    const remove = callsTo(fetchMock, '/rest/v1/admin_groups')[2]!;
    expect(remove.method).toBe('DELETE');
    expect(remove.url.searchParams.get('is_super')).toBe('eq.false');
  });

  it('lists a group’s admins with their own scopes and removes one with the scope', async () => {
    use(({ url, method }) => {
      if (method === 'DELETE') return jsonResponse([{ member_id: 'm1' }]);
      if (url.pathname.endsWith('/admin_group_members')) return jsonResponse([{ member_id: 'm1', members: { name: '李娜', employee_no: 'E002', phone: '13800000002' } }, { member_id: 'm2', members: null }]);
      return jsonResponse([{ member_id: 'm1', department_id: 'rd' }]);
    });
    expect(await listGroupAdmins(ORG_ID, 'g1')).toEqual([
      { member_id: 'm1', name: '李娜', employee_no: 'E002', phone: '13800000002', scope: ['rd'] },
      { member_id: 'm2', name: null, employee_no: null, phone: null, scope: [] },
    ]);
    await removeGroupAdmin(ORG_ID, 'g1', 'm1');
    expect(callsTo(fetchMock, '/rest/v1/admin_group_members')[1]!.method).toBe('DELETE');
    expect(callsTo(fetchMock, '/rest/v1/admin_member_departments')[1]!.url.searchParams.get('member_id')).toBe('eq.m1');
  });

  it('calls the RPCs: add by phone, set a scope, import scopes', async () => {
    use(({ url }) => {
      if (url.pathname.endsWith('admin_add_by_phone')) return jsonResponse({ member_id: 'm3', name: '王强', group_id: 'g1' });
      if (url.pathname.endsWith('admin_set_member_scope')) return jsonResponse(1);
      return jsonResponse({ errors: [{ row: 1, message: '部门「总部/x」不存在' }], rows: 1, applied: false });
    });
    expect(await addAdminByPhone('g1', '13800000003')).toEqual({ member_id: 'm3', name: '王强' });
    expect(callsTo(fetchMock, '/rest/v1/rpc/admin_add_by_phone')[0]!.body).toEqual({ p_group: 'g1', p_phone: '13800000003' });
    await setAdminScope('g1', 'm3', ['rd']);
    expect(callsTo(fetchMock, '/rest/v1/rpc/admin_set_member_scope')[0]!.body).toEqual({ p_group: 'g1', p_member: 'm3', p_departments: ['rd'] });
    const rows = [{ employee_no: 'E001', departments: ['总部/x'] }];
    expect((await importAdminScopes('g1', rows, true)).errors).toHaveLength(1);
    expect(callsTo(fetchMock, '/rest/v1/rpc/admin_import_scopes')[0]!.body).toEqual({ p_group: 'g1', p_rows: rows, p_dry_run: true });
  });

  it('shows the database’s own message when no member has the phone (YM701)', async () => {
    use(() => jsonResponse({ code: 'YM701', message: '没有使用该手机号的成员，请先添加成员 (no member has this phone; add them as a member first)', details: null, hint: null }, 400));
    await expect(addAdminByPhone('g1', '13800000009')).rejects.toMatchObject({ kind: 'invalid', message: '没有使用该手机号的成员，请先添加成员' });
  });
});
