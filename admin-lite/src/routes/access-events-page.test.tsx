import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { buildAttendanceXlsx } from '../lib/access-report.ts';
import { downloadFile } from '../lib/download.ts';
import { attendanceDaily, listAccessEvents } from '../services/access-events.service.ts';
import { listPoints } from '../services/points.service.ts';
import { adminSession, ORG_ID } from '../test/fixtures.ts';
import { renderRoute } from '../test/render.tsx';
import { AccessEventsPage } from './access-events-page.tsx';

vi.mock('../services/access-events.service.ts', () => ({ listAccessEvents: vi.fn(), attendanceDaily: vi.fn() }));
vi.mock('../services/points.service.ts', () => ({ listPoints: vi.fn() }));
vi.mock('../lib/download.ts', () => ({ downloadFile: vi.fn() }));
vi.mock('../lib/access-report.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../lib/access-report.ts')>()),
  buildAttendanceXlsx: vi.fn(async () => new ArrayBuffer(4)),
}));

const TODAY = new Date(2026, 10, 25, 12, 0, 0);

beforeEach(() => {
  vi.mocked(listPoints).mockResolvedValue([{ id: 'p1', org_id: ORG_ID, name: '东门', kind: 'door', location: null, required_scopes: 0, active: true, created_at: '', site_id: null, stall_id: null }]);
  vi.mocked(listAccessEvents).mockResolvedValue({
    rows: [{ id: 1, point_id: 'p1', point_name: '东门', member_id: 'm1', member_name: '王芳', employee_no: 'E007', ok: false, reason: 'access_denied', mode: 'online', at: '2026-11-24T10:00:00Z' }],
    total: 120,
  });
  vi.mocked(attendanceDaily).mockResolvedValue([
    { day: '2026-11-24', member_id: 'm1', member_name: '王芳', employee_no: 'E007', department_name: '前端组', first_pass: '2026-11-24T00:58:00Z', last_pass: '2026-11-24T10:03:00Z', passes: 4 },
  ]);
});

const renderPage = () => renderRoute('/access-events', '/access-events', <AccessEventsPage session={adminSession()} today={TODAY} />);

describe('AccessEventsPage', () => {
  it('shows the last 7 days of events and refilters by point and result, back to page 1', async () => {
    renderPage();
    const row = (await screen.findByText('王芳（E007）')).closest('tr')!;
    expect(within(row).getByText('通行规则不允许')).toBeTruthy();
    expect(within(row).getByText('拒绝')).toBeTruthy();
    expect(vi.mocked(listAccessEvents).mock.calls.at(-1)![0]).toMatchObject({ orgId: ORG_ID, page: 1, ok: undefined, pointId: undefined });

    fireEvent.click(screen.getByRole('button', { name: '下一页' }));
    await waitFor(() => expect(vi.mocked(listAccessEvents).mock.calls.at(-1)![0].page).toBe(2));
    await screen.findByRole('option', { name: '东门' });
    fireEvent.change(screen.getByLabelText('设备'), { target: { value: 'p1' } });
    fireEvent.change(screen.getByLabelText('结果'), { target: { value: 'refused' } });
    await waitFor(() => expect(vi.mocked(listAccessEvents).mock.calls.at(-1)![0]).toMatchObject({ pointId: 'p1', ok: false, page: 1 }));
  });

  it('summarises attendance for the range and exports xlsx', async () => {
    renderPage();
    fireEvent.click(screen.getByRole('tab', { name: '考勤汇总' }));
    expect(await screen.findByText('前端组')).toBeTruthy();
    expect(attendanceDaily).toHaveBeenCalledWith(ORG_ID, '2026-11-19', '2026-11-25', null);
    fireEvent.click(screen.getByRole('button', { name: '导出 Excel' }));
    await waitFor(() => expect(downloadFile).toHaveBeenCalled());
    expect(buildAttendanceXlsx).toHaveBeenCalled();
    expect(vi.mocked(downloadFile).mock.calls[0]![1]).toBe('考勤汇总_2026-11-19_2026-11-25.xlsx');
  });

  it('refuses an attendance range longer than 93 days without asking the server', async () => {
    renderPage();
    fireEvent.click(screen.getByRole('tab', { name: '考勤汇总' }));
    await screen.findByText('前端组');
    vi.mocked(attendanceDaily).mockClear();
    fireEvent.change(screen.getByLabelText('开始日期'), { target: { value: '2026-01-01' } });
    expect(await screen.findByText('日期范围最多 93 天，且开始不晚于结束')).toBeTruthy();
    expect(attendanceDaily).not.toHaveBeenCalled();
  });
});
