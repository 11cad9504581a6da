import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { addAdminByPhone, createAdminGroup, importAdminScopes, listAdminGroups, listGroupAdmins, setAdminScope, type AdminGroupRow } from '../services/admin-groups.service.ts';
import { listDepartments } from '../services/departments.service.ts';
import { adminProfile, adminSession, DEPARTMENTS, ORG_ID } from '../test/fixtures.ts';
import { renderRoute } from '../test/render.tsx';
import { PermissionsPage } from './permissions-page.tsx';

vi.mock('../services/departments.service.ts', () => ({ listDepartments: vi.fn() }));
vi.mock('../services/admin-groups.service.ts', () => ({
  listAdminGroups: vi.fn(),
  createAdminGroup: vi.fn(),
  updateAdminGroup: vi.fn(),
  deleteAdminGroup: vi.fn(),
  listGroupAdmins: vi.fn(),
  removeGroupAdmin: vi.fn(),
  addAdminByPhone: vi.fn(),
  setAdminScope: vi.fn(),
  importAdminScopes: vi.fn(),
}));

const SUPER: AdminGroupRow = { id: 'g-super', org_id: ORG_ID, name: '超级管理员', is_super: true, functions: [], apps: [], departments: [] };
const RD: AdminGroupRow = { id: 'g-rd', org_id: ORG_ID, name: '研发管理员', is_super: false, functions: ['cards'], apps: ['events'], departments: ['rd'] };
const ADMIN = { member_id: 'm1', name: '李娜', employee_no: 'E001', phone: '13800000001', scope: [] };

beforeEach(() => {
  vi.mocked(listDepartments).mockResolvedValue(DEPARTMENTS);
  vi.mocked(listAdminGroups).mockResolvedValue([SUPER, RD]);
  vi.mocked(listGroupAdmins).mockResolvedValue([ADMIN]);
});

const renderPage = (profile = adminProfile()) => renderRoute('/settings/permissions', '/settings/permissions', <PermissionsPage session={adminSession()} profile={profile} />);
const csv = (lines: string[]) => new File([lines.join('\r\n')], '范围.csv', { type: 'text/csv' });
const upload = (file: File) => fireEvent.change(screen.getByLabelText('选择文件并核对'), { target: { files: [file] } });

describe('PermissionsPage', () => {
  it('is for super admins only', () => {
    renderPage(adminProfile({ is_super: false }));
    expect(screen.getByRole('alert').textContent).toBe('只有超级管理员可以配置权限。');
    expect(listAdminGroups).not.toHaveBeenCalled();
  });

  it('shows the super group read-only and adds a super admin by phone', async () => {
    vi.mocked(addAdminByPhone).mockResolvedValue({ member_id: 'm9', name: '王强' });
    renderPage();
    expect(await screen.findByText('整个组织')).toBeTruthy();
    await waitFor(() => expect(screen.getByText('总部/研发中心')).toBeTruthy());
    expect(screen.queryByRole('button', { name: '编辑超级管理员' })).toBeNull();
    expect(screen.queryByRole('button', { name: '删除超级管理员' })).toBeNull();
    expect(screen.getByRole('button', { name: '编辑研发管理员' })).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: '超级管理员的管理员' }));
    const section = await screen.findByRole('region', { name: '超级管理员 · 管理员' });
    expect(await within(section).findByText('李娜')).toBeTruthy();
    expect(within(section).queryByRole('button', { name: /设置.*管理范围/ })).toBeNull();
    expect(within(section).queryByRole('region', { name: '批量导入管理范围' })).toBeNull();
    fireEvent.change(within(section).getByLabelText('手机号'), { target: { value: '1380000' } });
    fireEvent.click(within(section).getByRole('button', { name: '添加超级管理员' }));
    expect(await within(section).findByText('请输入正确的 11 位手机号')).toBeTruthy();
    expect(addAdminByPhone).not.toHaveBeenCalled();
    fireEvent.change(within(section).getByLabelText('手机号'), { target: { value: '13800000009' } });
    fireEvent.click(within(section).getByRole('button', { name: '添加超级管理员' }));
    await waitFor(() => expect(addAdminByPhone).toHaveBeenCalledWith('g-super', '13800000009'));
    expect(await screen.findByText('已将 王强 添加到“超级管理员”')).toBeTruthy();
  });

  it('creates a group with functions, apps and departments', async () => {
    vi.mocked(createAdminGroup).mockImplementation(async (_org, input) => ({ ...RD, id: 'g2', ...input }));
    renderPage();
    await screen.findByText('整个组织');
    fireEvent.click(screen.getByRole('button', { name: '新建管理组' }));
    const dialog = screen.getByRole('dialog', { name: '新建管理组' });
    fireEvent.change(within(dialog).getByLabelText('管理组名称'), { target: { value: '行政管理员' } });
    // 通知公告 is both a function and an app: the function comes first.
    fireEvent.click(within(dialog).getAllByLabelText('通知公告')[0]!);
    fireEvent.click(within(dialog).getByLabelText('访客预约'));
    fireEvent.click(within(dialog).getByLabelText('行政部'));
    fireEvent.click(within(dialog).getByRole('button', { name: '保存' }));
    await waitFor(() => expect(createAdminGroup).toHaveBeenCalledWith(ORG_ID, { name: '行政管理员', functions: ['notices'], apps: ['visitors'], departments: ['adm'] }));
  });

  it('sets one admin’s scope, and imports scopes only after a clean dry run', async () => {
    vi.mocked(setAdminScope).mockResolvedValue();
    renderPage();
    fireEvent.click(await screen.findByRole('button', { name: '研发管理员的管理员' }));
    const section = await screen.findByRole('region', { name: '研发管理员 · 管理员' });
    expect(await within(section).findByText('使用管理组的范围')).toBeTruthy();
    fireEvent.click(within(section).getByRole('button', { name: '设置 李娜 的管理范围' }));
    const dialog = screen.getByRole('dialog', { name: '李娜 的管理范围' });
    fireEvent.click(within(dialog).getByLabelText('前端组'));
    fireEvent.click(within(dialog).getByRole('button', { name: '保存' }));
    await waitFor(() => expect(setAdminScope).toHaveBeenCalledWith('g-rd', 'm1', ['fe']));

    vi.mocked(importAdminScopes).mockResolvedValueOnce({ errors: [{ row: 2, message: '部门「总部/不存在」不存在' }, { row: 3, message: '工号「E404」不存在或已停用' }], rows: 3, applied: false });
    upload(csv(['工号,管理范围', 'E001,总部/研发中心；总部/行政部', 'E002,总部/不存在', 'E404,总部']));
    const errors = await screen.findByRole('region', { name: '核对结果' });
    expect(importAdminScopes).toHaveBeenCalledWith('g-rd', [
      { employee_no: 'E001', departments: ['总部/研发中心', '总部/行政部'] },
      { employee_no: 'E002', departments: ['总部/不存在'] },
      { employee_no: 'E404', departments: ['总部'] },
    ], true);
    expect(within(errors).getByText('第 3 行')).toBeTruthy();
    expect(within(errors).getByText('部门「总部/不存在」不存在')).toBeTruthy();
    expect(within(errors).getByText('第 4 行')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /确认导入/ })).toBeNull();

    vi.mocked(importAdminScopes).mockResolvedValueOnce({ errors: [], rows: 1, applied: false }).mockResolvedValueOnce({ errors: [], rows: 1, applied: true });
    upload(csv(['工号,管理范围', 'E001,总部/研发中心']));
    const ready = await screen.findByRole('region', { name: '可以导入' });
    expect(screen.queryByRole('region', { name: '核对结果' })).toBeNull();
    expect(vi.mocked(importAdminScopes).mock.calls).toHaveLength(2);
    fireEvent.click(within(ready).getByRole('button', { name: '确认导入 1 行' }));
    await waitFor(() => expect(importAdminScopes).toHaveBeenLastCalledWith('g-rd', [{ employee_no: 'E001', departments: ['总部/研发中心'] }], false));
    expect(await screen.findByText('已导入 1 位管理员的管理范围')).toBeTruthy();
  });
});
