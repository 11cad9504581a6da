import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { downloadFile } from '../lib/download.ts';
import { buildVisitsXlsx } from '../lib/visit-export.ts';
import { listMembers } from '../services/members.service.ts';
import { getVisitorSettings, listSites } from '../services/visitor-settings.service.ts';
import { cancelVisit, listAllVisits, listVisitApprovals, listVisits, type VisitRow } from '../services/visits.service.ts';
import { adminSession, member, ORG_ID } from '../test/fixtures.ts';
import { renderRoute } from '../test/render.tsx';
import { VisitsPage } from './visits-page.tsx';

vi.mock('../services/visits.service.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../services/visits.service.ts')>()),
  listVisits: vi.fn(),
  listAllVisits: vi.fn(),
  listVisitApprovals: vi.fn(),
  cancelVisit: vi.fn(),
}));
vi.mock('../services/visitor-settings.service.ts', () => ({ listSites: vi.fn(), getVisitorSettings: vi.fn() }));
vi.mock('../services/members.service.ts', () => ({ listMembers: vi.fn() }));
vi.mock('../lib/download.ts', () => ({ downloadFile: vi.fn() }));
vi.mock('../lib/visit-export.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../lib/visit-export.ts')>()),
  buildVisitsXlsx: vi.fn(async () => new ArrayBuffer(4)),
}));

const TODAY = new Date(2026, 10, 25, 12, 0, 0);
const VISIT: VisitRow = {
  id: 'v1', site_id: 'st1', host_member_id: 'm-wang', source: 'apply', status: 'pending', visitor_name: '赵六', visitor_phone: '13900000001', visitor_id_card: '110***********002X',
  visitor_company: '甲公司', identity_type: '客户', purpose: '洽谈', companions: 1, window_from: '2026-11-24T01:00:00Z', window_until: '2026-11-24T05:00:00Z', answers: { plate: '京A12345' },
  approval_level: 2, approvals_required: 2, checked_in_at: null, checked_out_at: null, reject_reason: null, created_at: '2026-11-23T01:00:00Z', purged_at: null,
  site_name: '总部园区', host_name: '王芳',
};
const PURGED: VisitRow = { ...VISIT, id: 'v0', status: 'checked_out', visitor_name: '钱七', visitor_phone: null, visitor_id_card: null, answers: {}, purged_at: '2026-11-24T00:00:00Z' };

beforeEach(() => {
  vi.mocked(listVisits).mockResolvedValue({ rows: [VISIT, PURGED], total: 120 });
  vi.mocked(listSites).mockResolvedValue([{ id: 'st1', org_id: ORG_ID, name: '总部园区', address: null, active: true }]);
  vi.mocked(getVisitorSettings).mockResolvedValue({ org_id: ORG_ID, identity_types: ['客户'], approval_levels: 2, invite_needs_approval: false, retention_days: 180, max_window_hours: 72, require_id_card: false, apply_form: { version: 1, fields: [{ key: 'plate', type: 'text', label: '车牌号', required: false }] } });
  vi.mocked(listMembers).mockResolvedValue({ rows: [member(7, { id: 'm-wang', name: '王芳' })], total: 1, page: 1, pageSize: 20 });
  vi.mocked(listVisitApprovals).mockResolvedValue([{ id: 1, level: 1, decision: 'approved', comment: '欢迎', approver_name: '王芳', at: '2026-11-23T02:00:00Z' }]);
});

const renderPage = () => renderRoute('/visitors/records', '/visitors/records', <VisitsPage session={adminSession()} today={TODAY} />);
const lastQuery = () => vi.mocked(listVisits).mock.calls.at(-1)![0];

describe('VisitsPage', () => {
  it('lists the last 7 days and builds the query from every filter, back to page 1', async () => {
    renderPage();
    const row = (await screen.findByText('赵六')).closest('tr')!;
    expect(within(row).getByText('待审批')).toBeTruthy();
    expect(within(row).getByText('访客申请')).toBeTruthy();
    const purged = screen.getByText('钱七').closest('tr')!;
    expect(within(purged).getAllByText('已清除个人信息').length).toBeGreaterThan(0);
    expect(within(purged).queryByRole('button', { name: '取消预约' })).toBeNull();
    expect(lastQuery()).toMatchObject({ orgId: ORG_ID, page: 1, pageSize: 50, status: undefined, siteId: undefined, source: undefined, hostId: undefined, search: undefined });
    expect(lastQuery().fromIso).toBe(new Date(2026, 10, 19).toISOString());
    expect(lastQuery().untilIso).toBe(new Date(2026, 10, 26).toISOString());
    fireEvent.click(screen.getByRole('button', { name: '下一页' }));
    await waitFor(() => expect(lastQuery().page).toBe(2));

    await screen.findByRole('option', { name: '总部园区' });
    await screen.findByRole('option', { name: '王芳（E007）' });
    fireEvent.change(screen.getByLabelText('状态'), { target: { value: 'approved' } });
    fireEvent.change(screen.getByLabelText('地点'), { target: { value: 'st1' } });
    fireEvent.change(screen.getByLabelText('来源'), { target: { value: 'invite' } });
    fireEvent.change(screen.getByLabelText('被访人'), { target: { value: 'm-wang' } });
    fireEvent.change(screen.getByLabelText('访客姓名或手机号'), { target: { value: ' 139 ' } });
    await waitFor(() => expect(lastQuery()).toMatchObject({ status: 'approved', siteId: 'st1', source: 'invite', hostId: 'm-wang', search: '139', page: 1 }));
  });

  it('shows the approval chain and the answers with their labels', async () => {
    renderPage();
    const row = (await screen.findByText('赵六')).closest('tr')!;
    fireEvent.click(within(row).getByRole('button', { name: '详情' }));
    const dialog = screen.getByRole('dialog');
    expect(await within(dialog).findByText(/第1级 · 王芳 · 同意/)).toBeTruthy();
    expect(within(dialog).getByText('等待地点管理员审批（共 2 级）')).toBeTruthy();
    expect(within(dialog).getByText('车牌号')).toBeTruthy();
    expect(within(dialog).getByText('京A12345')).toBeTruthy();
    expect(within(dialog).getByText('110***********002X')).toBeTruthy();
    expect(listVisitApprovals).toHaveBeenCalledWith('v1');
  });

  it('cancels a pending visit through the RPC with the reason and reloads', async () => {
    vi.mocked(cancelVisit).mockResolvedValue({ id: 'v1', status: 'cancelled' });
    renderPage();
    const row = (await screen.findByText('赵六')).closest('tr')!;
    fireEvent.click(within(row).getByRole('button', { name: '取消预约' }));
    const dialog = screen.getByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('取消原因（选填）'), { target: { value: '行程变更' } });
    const before = vi.mocked(listVisits).mock.calls.length;
    fireEvent.click(within(dialog).getByRole('button', { name: '取消预约' }));
    await waitFor(() => expect(cancelVisit).toHaveBeenCalledWith('v1', '行程变更'));
    expect(await screen.findByText('已取消“赵六”的预约')).toBeTruthy();
    await waitFor(() => expect(vi.mocked(listVisits).mock.calls.length).toBeGreaterThan(before));
  });

  it('exports the filtered range as xlsx', async () => {
    vi.mocked(listAllVisits).mockResolvedValue({ rows: [VISIT], truncated: false });
    renderPage();
    await screen.findByText('赵六');
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '导出 Excel' }));
    });
    await waitFor(() => expect(downloadFile).toHaveBeenCalled());
    expect(vi.mocked(listAllVisits).mock.calls[0]![0]).toMatchObject({ orgId: ORG_ID, status: undefined });
    expect(buildVisitsXlsx).toHaveBeenCalledWith([VISIT]);
    expect(vi.mocked(downloadFile).mock.calls[0]![1]).toBe('访客记录_2026-11-19_2026-11-25.xlsx');
  });
});
