import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { dayBounds } from '../lib/access-report.ts';
import { listRiskEvents, type RiskEventRow } from '../services/risk-events.service.ts';
import { adminSession, ORG_ID } from '../test/fixtures.ts';
import { renderRoute } from '../test/render.tsx';
import { RISK_PAGE_SIZE, RiskEventsPage } from './risk-events-page.tsx';

vi.mock('../services/risk-events.service.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../services/risk-events.service.ts')>()),
  listRiskEvents: vi.fn(),
}));

const TODAY = new Date(2026, 10, 25, 12, 0, 0);
const local = (d: number, h: number) => new Date(2026, 10, d, h, 30).toISOString();

const ROWS: RiskEventRow[] = [
  { id: 3, member_id: 'm1', member_name: '王芳', employee_no: 'E007', department_name: '前端组', kind: 'screenshot', credential_id: 'c1', detail: { page: 'card', model: 'iPhone 15', platform: 'ios' }, at: local(24, 10) },
  { id: 2, member_id: 'm1', member_name: '王芳', employee_no: 'E007', department_name: '前端组', kind: 'screen_recording', credential_id: 'c1', detail: {}, at: local(24, 9) },
  { id: 1, member_id: 'm2', member_name: null, employee_no: null, department_name: null, kind: 'screenshot', credential_id: null, detail: { page: 'card' }, at: local(23, 8) },
];

beforeEach(() => {
  vi.mocked(listRiskEvents).mockReset();
  vi.mocked(listRiskEvents).mockResolvedValue({ rows: ROWS, total: 3 });
});

const renderPage = () => renderRoute('/risk-events', '/risk-events', <RiskEventsPage session={adminSession()} today={TODAY} />);
const lastQuery = () => vi.mocked(listRiskEvents).mock.calls.at(-1)![0];

describe('RiskEventsPage', () => {
  it('lists the last 7 days with member, department, kind and device, and counts per day', async () => {
    renderPage();
    expect(await screen.findByRole('heading', { name: '安全风险', level: 1 })).toBeTruthy();
    const table = (await screen.findByText('机型：iPhone 15 · 平台：ios · 页面：电子卡')).closest('table')!;
    expect(lastQuery()).toEqual({ orgId: ORG_ID, ...dayBounds('2026-11-19', '2026-11-25'), kind: undefined, search: undefined, page: 1, pageSize: RISK_PAGE_SIZE });

    const [first, second, third] = within(table).getAllByRole('row').slice(1);
    expect(within(first!).getByText('王芳（E007）')).toBeTruthy();
    expect(within(first!).getByText('前端组')).toBeTruthy();
    expect(within(first!).getByText('截屏')).toBeTruthy();
    expect(within(first!).getByText('2026-11-24 10:30')).toBeTruthy();
    expect(within(second!).getByText('录屏')).toBeTruthy();
    expect(within(third!).getByText('未知或不在管理范围')).toBeTruthy();

    // The whole range is on this page: the summary is exact.
    const summary = screen.getByText('按日统计：共 3 条').closest('table')!;
    const cells = within(summary)
      .getAllByRole('row')
      .slice(1)
      .map((r) => within(r).getAllByRole('cell').map((c) => c.textContent));
    expect(cells).toEqual([
      ['2026-11-24', '1', '1', '2'],
      ['2026-11-23', '1', '0', '1'],
    ]);
  });

  it('says the summary covers only this page when the range spans several', async () => {
    vi.mocked(listRiskEvents).mockResolvedValue({ rows: ROWS, total: 120 });
    renderPage();
    expect(await screen.findByText('按日统计：本页 3 条（共 120 条，翻页查看其余）')).toBeTruthy();
    expect(screen.getByText('共 120 条')).toBeTruthy();
  });

  it('pages, and refilters by kind, member and dates back to page 1', async () => {
    vi.mocked(listRiskEvents).mockResolvedValue({ rows: ROWS, total: 120 });
    renderPage();
    await screen.findAllByText('王芳（E007）');
    fireEvent.click(screen.getByRole('button', { name: '下一页' }));
    await waitFor(() => expect(lastQuery().page).toBe(2));

    fireEvent.change(screen.getByLabelText('类型'), { target: { value: 'screen_recording' } });
    await waitFor(() => expect(lastQuery()).toMatchObject({ kind: 'screen_recording', page: 1 }));

    fireEvent.click(screen.getByRole('button', { name: '下一页' }));
    await waitFor(() => expect(lastQuery().page).toBe(2));
    fireEvent.change(screen.getByRole('searchbox', { name: '搜索成员' }), { target: { value: ' 王芳 ' } });
    await waitFor(() => expect(lastQuery()).toMatchObject({ search: '王芳', kind: 'screen_recording', page: 1 }));

    fireEvent.change(screen.getByLabelText('开始日期'), { target: { value: '2026-11-01' } });
    await waitFor(() => expect(lastQuery()).toMatchObject({ ...dayBounds('2026-11-01', '2026-11-25'), page: 1 }));
  });

  it('shows the empty state, and refuses a reversed range without asking the server', async () => {
    vi.mocked(listRiskEvents).mockResolvedValue({ rows: [], total: 0 });
    renderPage();
    expect(await screen.findByText('该时间段没有安全风险事件')).toBeTruthy();
    expect(screen.queryByText(/按日统计/)).toBeNull();
    vi.mocked(listRiskEvents).mockClear();
    fireEvent.change(screen.getByLabelText('开始日期'), { target: { value: '2026-12-01' } });
    expect(await screen.findByText('开始日期不能晚于结束日期')).toBeTruthy();
    expect(listRiskEvents).not.toHaveBeenCalled();
  });
});
