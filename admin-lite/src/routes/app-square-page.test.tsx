import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createCustomApp, listCustomApps, listOrgApps, setOrgAppEnabled, type CustomAppRow } from '../services/apps.service.ts';
import { adminSession, ORG_ID } from '../test/fixtures.ts';
import { renderRoute } from '../test/render.tsx';
import { AppSquarePage } from './app-square-page.tsx';

vi.mock('../services/apps.service.ts', () => ({
  listOrgApps: vi.fn(),
  setOrgAppEnabled: vi.fn(),
  listCustomApps: vi.fn(),
  createCustomApp: vi.fn(),
  updateCustomApp: vi.fn(),
  deleteCustomApp: vi.fn(),
  uploadAppLogo: vi.fn(),
}));
vi.mock('../services/cards.service.ts', () => ({ mediaUrl: (id: string) => `http://gw.test/functions/v1/media/${id}` }));

const APP: CustomAppRow = { id: 'ca1', org_id: ORG_ID, name: '报修', description: null, logo_media_id: null, link_type: 'h5', url: 'https://fix.example.com', mp_appid: null, mp_path: null, enabled: true };

beforeEach(() => {
  vi.mocked(listOrgApps).mockResolvedValue([{ org_id: ORG_ID, app_key: 'visitors', enabled: true, config: {} }]);
  vi.mocked(listCustomApps).mockResolvedValue([APP]);
});

const renderPage = () => renderRoute('/portal/apps', '/portal/apps', <AppSquarePage session={adminSession()} />);

describe('AppSquarePage', () => {
  it('shows the built-in apps with their state and enables one (upsert of org_apps)', async () => {
    vi.mocked(setOrgAppEnabled).mockResolvedValue({ org_id: ORG_ID, app_key: 'events', enabled: true, config: {} });
    renderPage();
    const visitors = await screen.findByRole('listitem', { name: '访客预约' });
    await waitFor(() => expect(within(visitors).getByText('已启用')).toBeTruthy());
    expect(within(visitors).getByRole('link', { name: '前往管理' }).getAttribute('href')).toBe('/visitors/settings');
    const events = screen.getByRole('listitem', { name: '活动签到' });
    expect(within(events).getByText('未启用')).toBeTruthy();
    expect(within(events).queryByRole('link')).toBeNull();

    fireEvent.click(within(events).getByRole('button', { name: '启用活动签到' }));
    await waitFor(() => expect(setOrgAppEnabled).toHaveBeenCalledWith(ORG_ID, 'events', true));
    expect(await screen.findByText('已启用活动签到')).toBeTruthy();
    expect(listOrgApps).toHaveBeenCalledTimes(2);

    fireEvent.click(within(visitors).getByRole('button', { name: '停用访客预约' }));
    await waitFor(() => expect(setOrgAppEnabled).toHaveBeenLastCalledWith(ORG_ID, 'visitors', false));
  });

  it('lists self-built apps and creates a mini-program one after checking the original id', async () => {
    vi.mocked(createCustomApp).mockImplementation(async (_org, input) => ({ ...APP, id: 'ca2', ...input }));
    renderPage();
    const section = await screen.findByRole('region', { name: '自建应用' });
    expect(await within(section).findByText('https://fix.example.com')).toBeTruthy();
    fireEvent.click(within(section).getByRole('button', { name: '新建自建应用' }));
    const dialog = screen.getByRole('dialog', { name: '新建自建应用' });
    fireEvent.change(within(dialog).getByLabelText('应用名称'), { target: { value: '差旅' } });
    fireEvent.click(within(dialog).getByLabelText('小程序'));
    fireEvent.change(within(dialog).getByLabelText('小程序原始 ID 或 AppID'), { target: { value: 'gh_123' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '保存' }));
    expect(await within(dialog).findByText(/请输入 gh_ 开头的原始 ID/)).toBeTruthy();
    expect(createCustomApp).not.toHaveBeenCalled();

    fireEvent.change(within(dialog).getByLabelText('小程序原始 ID 或 AppID'), { target: { value: 'gh_0123456789ab' } });
    fireEvent.change(within(dialog).getByLabelText('页面路径'), { target: { value: 'pages/trip/index' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '保存' }));
    await waitFor(() =>
      expect(createCustomApp).toHaveBeenCalledWith(ORG_ID, { name: '差旅', description: null, logo_media_id: null, enabled: true, link_type: 'miniprogram', url: null, mp_appid: 'gh_0123456789ab', mp_path: 'pages/trip/index' }),
    );
    expect(await screen.findByText('已保存自建应用“差旅”')).toBeTruthy();
  });
});
