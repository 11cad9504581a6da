import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { listMembers } from '../services/members.service.ts';
import { addSiteAdmin, createSite, getVisitorSettings, listSiteAdmins, listSites, updateVisitorSettings, type VisitorSettings } from '../services/visitor-settings.service.ts';
import { adminSession, member, ORG_ID } from '../test/fixtures.ts';
import { renderRoute } from '../test/render.tsx';
import { VisitorSettingsPage } from './visitor-settings-page.tsx';

vi.mock('../services/visitor-settings.service.ts', () => ({
  getVisitorSettings: vi.fn(),
  updateVisitorSettings: vi.fn(),
  listSites: vi.fn(),
  createSite: vi.fn(),
  updateSite: vi.fn(),
  deleteSite: vi.fn(),
  listSiteAdmins: vi.fn(),
  addSiteAdmin: vi.fn(),
  removeSiteAdmin: vi.fn(),
}));
vi.mock('../services/members.service.ts', () => ({ listMembers: vi.fn() }));

const SETTINGS: VisitorSettings = { org_id: ORG_ID, identity_types: ['客户', '供应商'], approval_levels: 1, invite_needs_approval: false, retention_days: 180, max_window_hours: 72, require_id_card: false, apply_form: null };
const SITE = { id: 'st1', org_id: ORG_ID, name: '总部园区', address: '科技路1号', active: true };

beforeEach(() => {
  vi.mocked(getVisitorSettings).mockResolvedValue(SETTINGS);
  vi.mocked(listSites).mockResolvedValue([SITE]);
  vi.mocked(listSiteAdmins).mockResolvedValue([]);
  vi.mocked(listMembers).mockResolvedValue({ rows: [member(2, { id: 'm-li', name: '李娜' })], total: 1, page: 1, pageSize: 20 });
});

const renderPage = () => renderRoute('/visitors/settings', '/visitors/settings', <VisitorSettingsPage session={adminSession()} />);

describe('VisitorSettingsPage', () => {
  it('explains the retention and saves the settings with the edited identity types, levels and numbers', async () => {
    vi.mocked(updateVisitorSettings).mockImplementation(async (_org, patch) => ({ ...SETTINGS, ...patch }));
    renderPage();
    const form = await screen.findByRole('form', { name: '访客设置' });
    expect(within(form).getByText(/自动清除访客的身份证号、手机号和申请表单的填写内容/)).toBeTruthy();
    expect((within(form).getByLabelText('个人信息保留天数') as HTMLInputElement).value).toBe('180');
    fireEvent.change(within(form).getByLabelText('身份 2'), { target: { value: '  ' } });
    fireEvent.change(within(form).getByLabelText('个人信息保留天数'), { target: { value: '0' } });
    fireEvent.click(within(form).getByRole('button', { name: '保存' }));
    expect(await within(form).findByText('请输入 1–3650 之间的整数')).toBeTruthy();
    expect(updateVisitorSettings).not.toHaveBeenCalled();
    fireEvent.click(within(form).getByRole('button', { name: '移除身份 2' }));
    fireEvent.click(within(form).getByRole('button', { name: '添加身份' }));
    fireEvent.change(within(form).getByLabelText('身份 2'), { target: { value: '面试者' } });
    fireEvent.click(within(form).getByLabelText('两级：被访人审批后，再由地点管理员审批'));
    fireEvent.click(within(form).getByLabelText('员工邀请的访客也需要审批（否则邀请即通过）'));
    fireEvent.click(within(form).getByLabelText('访客必须填写身份证号'));
    fireEvent.change(within(form).getByLabelText('个人信息保留天数'), { target: { value: '90' } });
    fireEvent.change(within(form).getByLabelText('单次到访最长时长（小时）'), { target: { value: '24' } });
    fireEvent.click(within(form).getByRole('button', { name: '保存' }));
    await waitFor(() =>
      expect(updateVisitorSettings).toHaveBeenCalledWith(ORG_ID, { identity_types: ['客户', '面试者'], approval_levels: 2, invite_needs_approval: true, retention_days: 90, max_window_hours: 24, require_id_card: true }),
    );
    expect(await screen.findByText('已保存访客设置')).toBeTruthy();
  });

  it('adds a site and a site admin found by member search', async () => {
    vi.mocked(createSite).mockResolvedValue({ ...SITE, id: 'st2', name: '二号厂区', address: null });
    vi.mocked(addSiteAdmin).mockResolvedValue();
    renderPage();
    fireEvent.click(await screen.findByRole('button', { name: '新增地点' }));
    const dialog = screen.getByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('名称'), { target: { value: ' 二号厂区 ' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '保存' }));
    await waitFor(() => expect(createSite).toHaveBeenCalledWith(ORG_ID, { name: '二号厂区', address: null, active: true }));
    expect(await screen.findByText('已保存地点“二号厂区”')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: '管理员' }));
    const admins = await screen.findByRole('region', { name: '“总部园区”的管理员' });
    await within(admins).findByRole('option', { name: '李娜（E002）' });
    fireEvent.change(within(admins).getByLabelText('成员'), { target: { value: 'm-li' } });
    fireEvent.click(within(admins).getByRole('button', { name: '添加管理员' }));
    await waitFor(() => expect(addSiteAdmin).toHaveBeenCalledWith(ORG_ID, 'st1', 'm-li'));
    expect(await screen.findByText('已添加管理员 李娜')).toBeTruthy();
  });
});
