import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { listMealPeriods, listSubsidyPlans, listSubsidyRuns, removeSubsidyPlan, runSubsidies, saveMealPeriod, saveSubsidyPlan, type SubsidyPlanRow } from '../services/canteen.service.ts';
import { listDepartments } from '../services/departments.service.ts';
import { listTags } from '../services/tags.service.ts';
import { adminSession, DEPARTMENTS, ORG_ID } from '../test/fixtures.ts';
import { renderRoute } from '../test/render.tsx';
import { SubsidiesPage } from './subsidies-page.tsx';

vi.mock('../services/canteen.service.ts', () => ({
  listMealPeriods: vi.fn(),
  saveMealPeriod: vi.fn(),
  deleteMealPeriod: vi.fn(),
  listSubsidyPlans: vi.fn(),
  saveSubsidyPlan: vi.fn(),
  removeSubsidyPlan: vi.fn(),
  listSubsidyRuns: vi.fn(),
  runSubsidies: vi.fn(),
}));
vi.mock('../services/departments.service.ts', () => ({ listDepartments: vi.fn() }));
vi.mock('../services/tags.service.ts', () => ({ listTags: vi.fn() }));

const PLAN: SubsidyPlanRow = { id: 'pl1', org_id: ORG_ID, name: '月度餐补', wallet: 'subsidy', amount: 30000, cadence: 'monthly', expires_at_period_end: true, audience: {}, active: true };

beforeEach(() => {
  vi.mocked(listMealPeriods).mockResolvedValue([{ id: 'mp1', org_id: ORG_ID, name: '午餐', starts: '11:00', ends: '13:30' }]);
  vi.mocked(listSubsidyPlans).mockResolvedValue([PLAN, { ...PLAN, id: 'pl2', name: '早餐券', wallet: 'count', amount: 20 }]);
  vi.mocked(listSubsidyRuns).mockResolvedValue([{ id: 'r1', plan_id: 'pl1', period: '2026-11', granted_members: 3, granted_total: 90000, expired_total: null, granted_at: '2026-11-01T00:00:00Z', expired_at: null }]);
  vi.mocked(listDepartments).mockResolvedValue(DEPARTMENTS);
  vi.mocked(listTags).mockResolvedValue([]);
});

const renderPage = () => renderRoute('/payment/subsidies', '/payment/subsidies', <SubsidiesPage session={adminSession()} />);

describe('SubsidiesPage', () => {
  it('lists periods, plans in words and runs; 立即发放 calls subsidy_run', async () => {
    vi.mocked(runSubsidies).mockResolvedValue({ granted: [{ plan_id: 'pl1', period: '2026-12', members: 3, total: 90000 }], expired: [] });
    renderPage();
    expect(await screen.findByText('11:00–13:30')).toBeTruthy();
    expect(await screen.findByText('补贴钱包 ¥300.00')).toBeTruthy();
    expect(screen.getByText('餐券 20 张')).toBeTruthy();
    const run = (await screen.findByText('2026-11')).closest('tr')!;
    expect(within(run).getByText('月度餐补')).toBeTruthy();
    expect(within(run).getByText('¥900.00')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '立即发放' }));
    await waitFor(() => expect(runSubsidies).toHaveBeenCalledWith(ORG_ID));
    expect(await screen.findByText('已发放 1 个方案周期，清零 0 个')).toBeTruthy();
  });

  it('creates a meal period and a plan with integer fen', async () => {
    vi.mocked(saveMealPeriod).mockImplementation(async (_o, _id, input) => ({ id: 'mp2', org_id: ORG_ID, ...input }));
    vi.mocked(saveSubsidyPlan).mockImplementation(async (_o, _id, input) => ({ ...PLAN, ...input, id: 'pl3' }));
    renderPage();
    fireEvent.click(await screen.findByRole('button', { name: '新增餐次' }));
    let dialog = screen.getByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('餐次名称'), { target: { value: '夜宵' } });
    fireEvent.change(within(dialog).getByLabelText('开始时间'), { target: { value: '21:00' } });
    fireEvent.change(within(dialog).getByLabelText('结束时间'), { target: { value: '20:00' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '保存' }));
    expect(await within(dialog).findByText('时间格式应为 HH:MM，且开始早于结束')).toBeTruthy();
    fireEvent.change(within(dialog).getByLabelText('结束时间'), { target: { value: '23:00' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '保存' }));
    await waitFor(() => expect(saveMealPeriod).toHaveBeenCalledWith(ORG_ID, undefined, { name: '夜宵', starts: '21:00', ends: '23:00' }));

    fireEvent.click(await screen.findByRole('button', { name: '新增方案' }));
    dialog = screen.getByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('方案名称'), { target: { value: '加班餐补' } });
    fireEvent.change(within(dialog).getByLabelText('金额（元）'), { target: { value: '12.5' } });
    fireEvent.change(within(dialog).getByLabelText('周期'), { target: { value: 'daily' } });
    fireEvent.change(within(dialog).getByLabelText('身份'), { target: { value: '教职工、外包' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '保存' }));
    await waitFor(() =>
      expect(saveSubsidyPlan).toHaveBeenCalledWith(ORG_ID, undefined, { name: '加班餐补', wallet: 'subsidy', amount: 1250, cadence: 'daily', expires_at_period_end: true, audience: { identities: ['教职工', '外包'] }, active: true }),
    );
    expect(await screen.findByText('已保存方案“加班餐补”')).toBeTruthy();
  });

  it('says so when a plan that granted was deactivated instead of deleted', async () => {
    vi.mocked(removeSubsidyPlan).mockResolvedValue('deactivated');
    renderPage();
    const row = (await screen.findByText('补贴钱包 ¥300.00')).closest('tr')!;
    fireEvent.click(within(row).getByRole('button', { name: '删除' }));
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: '删除' }));
    await waitFor(() => expect(removeSubsidyPlan).toHaveBeenCalledWith(ORG_ID, 'pl1'));
    expect(await screen.findByText('方案“月度餐补”已发放过，不能删除，已改为停用')).toBeTruthy();
  });
});
