import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createPoint, issuePointKey, listPoints, listStallChoices, updatePoint, type PointRow } from '../services/points.service.ts';
import { listSites } from '../services/visitor-settings.service.ts';
import { adminSession, ORG_ID } from '../test/fixtures.ts';
import { renderRoute } from '../test/render.tsx';
import { PointsPage } from './points-page.tsx';

vi.mock('../services/points.service.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../services/points.service.ts')>()),
  listPoints: vi.fn(),
  createPoint: vi.fn(),
  updatePoint: vi.fn(),
  issuePointKey: vi.fn(),
  listStallChoices: vi.fn(),
}));
vi.mock('../services/visitor-settings.service.ts', () => ({ listSites: vi.fn() }));

const point = (extra: Partial<PointRow> = {}): PointRow => ({ id: 'p1', org_id: ORG_ID, name: '东门闸机', kind: 'gate', location: '一楼', required_scopes: 1, active: true, created_at: '', site_id: null, stall_id: null, ...extra });

beforeEach(() => {
  vi.mocked(listPoints).mockResolvedValue([point()]);
  vi.mocked(listSites).mockResolvedValue([{ id: 'st1', org_id: ORG_ID, name: '总部园区', address: null, active: true }]);
  vi.mocked(listStallChoices).mockResolvedValue([{ id: 's1', name: '套餐档口', merchant_name: '第一食堂', active: true }]);
});

const renderPage = () => renderRoute('/points', '/points', <PointsPage session={adminSession()} />);

describe('PointsPage', () => {
  it('lists devices with kind, scopes and state', async () => {
    renderPage();
    const row = (await screen.findByText('东门闸机')).closest('tr')!;
    expect(within(row).getByText('闸机')).toBeTruthy();
    expect(within(row).getByText('门禁')).toBeTruthy();
    expect(within(row).getByText('启用')).toBeTruthy();
  });

  it('creates a device with required scopes', async () => {
    vi.mocked(createPoint).mockImplementation(async (_org, input) => point({ ...input, id: 'p2' }));
    renderPage();
    fireEvent.click(await screen.findByRole('button', { name: '新增设备' }));
    const dialog = screen.getByRole('dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: '保存' }));
    expect(await within(dialog).findByText('请填写名称（最多50字）')).toBeTruthy();
    fireEvent.change(within(dialog).getByLabelText('名称'), { target: { value: ' 班车1号 ' } });
    fireEvent.change(within(dialog).getByLabelText('类型'), { target: { value: 'bus' } });
    fireEvent.click(within(dialog).getByRole('checkbox', { name: '班车' }));
    fireEvent.click(within(dialog).getByRole('button', { name: '保存' }));
    await waitFor(() => expect(createPoint).toHaveBeenCalledWith(ORG_ID, { name: '班车1号', kind: 'bus', location: null, required_scopes: 8, active: true, site_id: null, stall_id: null }));
    expect(await screen.findByText('已保存设备“班车1号”')).toBeTruthy();
  });

  it('saves the site of a gate and the stall of a POS', async () => {
    vi.mocked(updatePoint).mockImplementation(async (_org, _id, input) => point(input));
    renderPage();
    fireEvent.click(await screen.findByRole('button', { name: '编辑' }));
    const dialog = screen.getByRole('dialog');
    expect(within(dialog).queryByLabelText('收款档口')).toBeNull();
    await within(dialog).findByRole('option', { name: '总部园区' });
    fireEvent.change(within(dialog).getByLabelText('所属地点'), { target: { value: 'st1' } });
    fireEvent.change(within(dialog).getByLabelText('类型'), { target: { value: 'pos' } });
    await within(dialog).findByRole('option', { name: '第一食堂 · 套餐档口' });
    fireEvent.change(within(dialog).getByLabelText('收款档口'), { target: { value: 's1' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '保存' }));
    await waitFor(() => expect(updatePoint).toHaveBeenCalledWith(ORG_ID, 'p1', expect.objectContaining({ kind: 'pos', site_id: 'st1', stall_id: 's1' })));
  });

  it('drops the stall when a POS becomes another kind', async () => {
    vi.mocked(listPoints).mockResolvedValue([point({ kind: 'pos', stall_id: 's1', site_id: 'st1' })]);
    vi.mocked(updatePoint).mockImplementation(async (_org, _id, input) => point(input));
    renderPage();
    fireEvent.click(await screen.findByRole('button', { name: '编辑' }));
    const dialog = screen.getByRole('dialog');
    expect(((await within(dialog).findByRole('option', { name: '第一食堂 · 套餐档口' })) as HTMLOptionElement).selected).toBe(true);
    fireEvent.change(within(dialog).getByLabelText('类型'), { target: { value: 'gate' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '保存' }));
    await waitFor(() => expect(updatePoint).toHaveBeenCalledWith(ORG_ID, 'p1', expect.objectContaining({ kind: 'gate', site_id: 'st1', stall_id: null })));
  });

  it('deactivates a device', async () => {
    vi.mocked(updatePoint).mockResolvedValue(point({ active: false }));
    renderPage();
    fireEvent.click(await screen.findByRole('button', { name: '停用' }));
    await waitFor(() => expect(updatePoint).toHaveBeenCalledWith(ORG_ID, 'p1', { active: false }));
    expect(await screen.findByText('已停用“东门闸机”')).toBeTruthy();
  });

  it('issues an API key after confirming and shows it once with a warning', async () => {
    vi.mocked(issuePointKey).mockResolvedValue('ymp_secret');
    renderPage();
    fireEvent.click(await screen.findByRole('button', { name: '签发密钥' }));
    const confirm = screen.getByRole('dialog');
    expect(within(confirm).getByText(/旧密钥将立即失效/)).toBeTruthy();
    expect(issuePointKey).not.toHaveBeenCalled();
    fireEvent.click(within(confirm).getByRole('button', { name: '签发密钥' }));
    expect((await screen.findByTestId('point-key')).textContent).toBe('ymp_secret');
    expect(screen.getByText(/只显示这一次/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '我已保存，关闭' }));
    expect(screen.queryByText('ymp_secret')).toBeNull();
  });
});
