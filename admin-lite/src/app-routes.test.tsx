import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { AppRoutes } from './app-routes.tsx';
import { getAdminProfile } from './services/admin-profile.service.ts';
import { getAuthSettings, getOrgSecretNames } from './services/auth-settings.service.ts';
import { listDevPersonas, logout, switchOrg } from './services/auth.service.ts';
import { listDepartments } from './services/departments.service.ts';
import { AppError } from './services/errors.ts';
import { listMembers } from './services/members.service.ts';
import { listNotices } from './services/notices.service.ts';
import { listTags } from './services/tags.service.ts';
import { clearSession, getSession, saveSession } from './services/session.service.ts';
import { isPlatformOperator, subscriptionsOverview } from './services/subscriptions.service.ts';
import { adminProfile, adminSession, DEPARTMENTS, member, ORG_B_ID, ORG_ID } from './test/fixtures.ts';
import { renderAt } from './test/render.tsx';

vi.mock('./services/departments.service.ts', () => ({ listDepartments: vi.fn() }));
vi.mock('./services/members.service.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('./services/members.service.ts')>()),
  listMembers: vi.fn(),
  unbindMembers: vi.fn(),
}));
vi.mock('./services/tags.service.ts', () => ({ listTags: vi.fn() }));
vi.mock('./services/notices.service.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('./services/notices.service.ts')>()),
  listNotices: vi.fn(),
}));
vi.mock('./services/subscriptions.service.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('./services/subscriptions.service.ts')>()),
  isPlatformOperator: vi.fn(),
  subscriptionsOverview: vi.fn(),
}));
vi.mock('./services/orgs.service.ts', () => ({ getOrg: vi.fn() }));
vi.mock('./services/admin-profile.service.ts', () => ({ getAdminProfile: vi.fn() }));
vi.mock('./services/auth-settings.service.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('./services/auth-settings.service.ts')>()),
  getAuthSettings: vi.fn(),
  getOrgSecretNames: vi.fn(),
  saveAuthSettings: vi.fn(),
}));
vi.mock('./services/auth.service.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('./services/auth.service.ts')>()),
  listDevPersonas: vi.fn(),
  logout: vi.fn(),
  switchOrg: vi.fn(),
}));

const TWO_ORGS = [
  { org_id: ORG_ID, org_name: '示范科技有限公司' },
  { org_id: ORG_B_ID, org_name: '友邻制造有限公司' },
];

beforeEach(() => {
  vi.mocked(listDevPersonas).mockResolvedValue([]);
  vi.mocked(isPlatformOperator).mockResolvedValue(false);
  vi.mocked(subscriptionsOverview).mockResolvedValue([]);
  vi.mocked(listDepartments).mockResolvedValue(DEPARTMENTS);
  vi.mocked(listMembers).mockResolvedValue({ rows: [member(1)], total: 1, page: 1, pageSize: 20 });
  vi.mocked(getAdminProfile).mockImplementation(async (orgId) => adminProfile({ org_id: orgId }));
  vi.mocked(logout).mockImplementation(async () => clearSession('logout'));
  vi.mocked(getAuthSettings).mockResolvedValue({
    org_id: ORG_ID,
    claim_method: 'employee_no_phone',
    api_verify_url: null,
    max_claim_attempts: 5,
    lock_minutes: 30,
    wecom_corp_id: null,
    updated_at: '2026-11-25T00:00:00Z',
  });
  vi.mocked(getOrgSecretNames).mockResolvedValue([]);
  vi.mocked(listTags).mockResolvedValue([{ id: 'tag-1', org_id: ORG_ID, name: '党员', member_count: 1 }]);
});

const navLinks = () => within(screen.getByRole('navigation', { name: '主导航' })).getAllByRole('link').map((a) => a.textContent);

describe('AppRoutes', () => {
  it('sends a signed-out visitor to the login page', async () => {
    renderAt('/members', <AppRoutes localMode />);
    expect(await screen.findByRole('heading', { name: '登录管理后台' })).toBeTruthy();
    expect(screen.getByTestId('location').textContent).toBe('/login');
  });

  it('shows the layout with the admin, org and a sidebar built from the profile, and logs out', async () => {
    saveSession(adminSession());
    renderAt('/', <AppRoutes localMode />);
    expect(await screen.findByText('成员001')).toBeTruthy();
    expect(getAdminProfile).toHaveBeenCalledWith(ORG_ID);
    expect(screen.getByTestId('admin-name').textContent).toBe('张伟');
    expect(screen.getByText('示范科技有限公司')).toBeTruthy();
    expect(screen.getByText('超级管理员')).toBeTruthy();
    expect(navLinks()).toEqual(['部门与成员', '标签', '批量导入', '电子卡', '设备', '通行规则', '通行记录与考勤', '安全风险', '商户与档口', '餐次与补贴', '交易明细', '支付报表', '访客记录', '访客设置', '申请表单设计', '应用管理', '服务大厅', '活动签到', '实名登记', '报餐管理', '资源预约', '预约审批', '通知公告', '身份认证', '安全策略', '权限配置', '技术支持工单', '审计日志']);
    expect(screen.getByRole('link', { name: '部门与成员' }).getAttribute('aria-current')).toBe('page');
    // One org: no switcher.
    expect(screen.queryByRole('combobox', { name: '切换组织' })).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: '退出登录' }));
    expect(await screen.findByRole('heading', { name: '登录管理后台' })).toBeTruthy();
    expect(logout).toHaveBeenCalledOnce();
    expect(getSession()).toBeNull();
  });

  it('adds the 运营 section for platform operators and refuses its pages to others', async () => {
    saveSession(adminSession());
    vi.mocked(isPlatformOperator).mockResolvedValue(true);
    vi.mocked(subscriptionsOverview).mockResolvedValue([
      { org_id: ORG_ID, org_name: '示范科技有限公司', subscription_id: 's1', seats: 10, seats_in_use: 3, starts_on: '2026-01-01', ends_on: '2027-01-01', status: 'active', amount_fen: 30000, days_left: 37 },
    ]);
    renderAt('/ops/subscriptions', <AppRoutes localMode />);
    expect(await screen.findByRole('heading', { name: '租户与订阅' })).toBeTruthy();
    expect(await screen.findByText('3/10')).toBeTruthy();
    expect(navLinks().slice(-3)).toEqual(['租户与订阅', '工单', '工单超时报表']);
  });

  it('tells a non-operator that 运营 pages are for platform operators', async () => {
    saveSession(adminSession());
    renderAt('/ops/subscriptions', <AppRoutes localMode />);
    expect((await screen.findByRole('alert')).textContent).toBe('只有平台运营人员可以使用此页面。');
    expect(navLinks()).not.toContain('租户与订阅');
    expect(subscriptionsOverview).not.toHaveBeenCalled();
  });

  it('hides 身份认证 from an admin without the config function, and refuses its URL', async () => {
    saveSession(adminSession());
    vi.mocked(getAdminProfile).mockResolvedValue(adminProfile({ is_super: false, functions: ['notices'], scope_department_ids: ['rd'] }));
    renderAt('/settings/auth', <AppRoutes localMode />);
    expect((await screen.findByRole('alert')).textContent).toContain('你没有“系统设置”权限');
    expect(navLinks()).toEqual(['部门与成员', '标签', '批量导入', '通知公告']);
    expect(screen.getByText('管理员')).toBeTruthy();
    expect(getAuthSettings).not.toHaveBeenCalled();
  });

  it('refuses the card pages to an admin without the cards function', async () => {
    saveSession(adminSession());
    vi.mocked(getAdminProfile).mockResolvedValue(adminProfile({ is_super: false, functions: ['config'], scope_department_ids: ['rd'] }));
    renderAt('/access-rules', <AppRoutes localMode />);
    expect((await screen.findByRole('alert')).textContent).toContain('你没有“卡务管理”权限');
    expect(navLinks()).toEqual(['部门与成员', '标签', '批量导入', '访客记录', '访客设置', '申请表单设计', '身份认证', '安全策略']);
  });

  it('refuses the 访客 pages to an admin without the config function', async () => {
    saveSession(adminSession());
    vi.mocked(getAdminProfile).mockResolvedValue(adminProfile({ is_super: false, functions: ['cards', 'payment'], scope_department_ids: ['rd'] }));
    renderAt('/visitors/records', <AppRoutes localMode />);
    expect((await screen.findByRole('alert')).textContent).toContain('你没有“系统设置”权限');
    expect(navLinks()).not.toContain('访客记录');
  });

  it('lists only the 场景应用 granted to the admin groups and refuses the others', async () => {
    saveSession(adminSession());
    vi.mocked(getAdminProfile).mockResolvedValue(adminProfile({ is_super: false, functions: [], apps: ['events'], scope_department_ids: ['rd'] }));
    renderAt('/scenario/resources', <AppRoutes localMode />);
    expect((await screen.findByRole('alert')).textContent).toContain('你没有“资源预约”应用的管理权限');
    expect(navLinks()).toEqual(['部门与成员', '标签', '批量导入', '活动签到']);
  });

  it('refuses 权限配置 to an admin who is not a super admin, even with the apps function', async () => {
    saveSession(adminSession());
    vi.mocked(getAdminProfile).mockResolvedValue(adminProfile({ is_super: false, functions: ['apps'], scope_department_ids: ['rd'] }));
    renderAt('/settings/permissions', <AppRoutes localMode />);
    expect((await screen.findByRole('alert')).textContent).toBe('只有超级管理员可以配置权限。');
    expect(navLinks()).toEqual(['部门与成员', '标签', '批量导入', '应用管理', '服务大厅']);
  });

  it('opens 通知公告 for an admin with the notices function and refuses it to one without', async () => {
    saveSession(adminSession());
    vi.mocked(listNotices).mockResolvedValue([]);
    vi.mocked(getAdminProfile).mockResolvedValue(adminProfile({ is_super: false, functions: ['notices'], scope_department_ids: ['rd'] }));
    const first = renderAt('/members', <AppRoutes localMode />);
    fireEvent.click(await screen.findByRole('link', { name: '通知公告' }));
    expect(await screen.findByRole('heading', { name: '通知公告', level: 1 })).toBeTruthy();
    expect(await screen.findByText('还没有通知')).toBeTruthy();
    first.unmount();

    vi.mocked(getAdminProfile).mockResolvedValue(adminProfile({ is_super: false, functions: ['cards'], scope_department_ids: ['rd'] }));
    vi.mocked(listNotices).mockClear();
    renderAt('/notices/n1', <AppRoutes localMode />);
    expect((await screen.findByRole('alert')).textContent).toContain('你没有“通知公告”权限');
    expect(listNotices).not.toHaveBeenCalled();
  });

  it('opens 身份认证 for a super admin', async () => {
    saveSession(adminSession());
    renderAt('/members', <AppRoutes localMode />);
    fireEvent.click(await screen.findByRole('link', { name: '身份认证' }));
    expect(await screen.findByRole('heading', { name: '身份认证', level: 1 })).toBeTruthy();
    expect(await screen.findByRole('radio', { name: /工号 \+ 手机号/ })).toBeTruthy();
  });

  it('opens 标签 and the lazily loaded 批量导入 page from the sidebar', async () => {
    saveSession(adminSession());
    renderAt('/members', <AppRoutes localMode />);
    const nav = await screen.findByRole('navigation', { name: '主导航' });
    fireEvent.click(within(nav).getByRole('link', { name: '标签' }));
    expect(await screen.findByRole('heading', { name: '标签', level: 1 })).toBeTruthy();
    expect(await screen.findByRole('button', { name: /党员/ })).toBeTruthy();

    fireEvent.click(within(nav).getByRole('link', { name: '批量导入' }));
    expect(await screen.findByRole('heading', { name: '批量导入', level: 1 })).toBeTruthy();
    expect(screen.getByRole('button', { name: '下载模板（xlsx）' })).toBeTruthy();
    expect(screen.getByTestId('location').textContent).toBe('/import');
  });

  it('does not let a non-admin into the console', async () => {
    saveSession(adminSession());
    vi.mocked(getAdminProfile).mockResolvedValue(adminProfile({ is_admin: false, is_super: false, functions: [] }));
    renderAt('/members', <AppRoutes localMode />);
    expect((await screen.findByRole('alert')).textContent).toContain('该账号不是管理员');
    expect(screen.queryByRole('navigation', { name: '主导航' })).toBeNull();
    expect(listMembers).not.toHaveBeenCalled();

    fireEvent.click(screen.getByRole('button', { name: '退出登录' }));
    await waitFor(() => expect(screen.getByTestId('location').textContent).toBe('/login'));
  });

  it('offers an org switch in the header when the account administers several orgs', async () => {
    saveSession(adminSession({ memberships: TWO_ORGS, adminOrgIds: [ORG_ID, ORG_B_ID] }));
    vi.mocked(switchOrg).mockImplementation(async (orgId) =>
      saveSession(adminSession({ accessToken: 'jwt-b', member: { id: 'm-b', org_id: orgId, name: '张伟', department_id: null }, orgName: '友邻制造有限公司', memberships: TWO_ORGS, adminOrgIds: [ORG_ID, ORG_B_ID] })),
    );
    renderAt('/members?dept=fe', <AppRoutes localMode />);
    const select = (await screen.findByRole('combobox', { name: '切换组织' }, { timeout: 5000 })) as HTMLSelectElement;
    expect([...select.options].map((o) => o.textContent)).toEqual(['示范科技有限公司', '友邻制造有限公司']);
    expect(select.value).toBe(ORG_ID);

    fireEvent.change(select, { target: { value: ORG_B_ID } });
    await waitFor(() => expect(switchOrg).toHaveBeenCalledWith(ORG_B_ID), { timeout: 5000 });
    await waitFor(() => expect(getAdminProfile).toHaveBeenCalledWith(ORG_B_ID), { timeout: 5000 });
    await waitFor(() => expect(listMembers).toHaveBeenLastCalledWith(expect.objectContaining({ orgId: ORG_B_ID })), { timeout: 5000 });
    // The old org's department filter is dropped from the URL.
    await waitFor(() => expect(screen.getByTestId('location').textContent).toBe('/members'), { timeout: 5000 });
  });

  it('does not offer orgs where the account is not an admin', async () => {
    saveSession(adminSession({ memberships: TWO_ORGS, adminOrgIds: [ORG_ID] }));
    renderAt('/members', <AppRoutes localMode />);
    await screen.findByText('成员001');
    expect(screen.queryByRole('combobox', { name: '切换组织' })).toBeNull();
  });

  it('ends the session and says so when the backend answers 401', async () => {
    saveSession(adminSession());
    vi.mocked(listMembers).mockRejectedValue(new AppError('session-expired', '登录已失效，请重新登录', 'PGRST301', 401));
    renderAt('/members', <AppRoutes localMode />);
    await waitFor(() => expect(screen.getByTestId('location').textContent).toBe('/login'));
    expect(screen.getByText('登录已失效，请重新登录')).toBeTruthy();
    expect(getSession()).toBeNull();
  });
});
