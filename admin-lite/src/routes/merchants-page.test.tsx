import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { downloadFile } from '../lib/download.ts';
import { renderStallCodePng } from '../lib/stall-code.ts';
import { listDepartments } from '../services/departments.service.ts';
import { listMembers } from '../services/members.service.ts';
import { addOperator, createStall, listMerchants, listOperators, listStalls, updateMerchant, type MerchantRow, type StallRow } from '../services/merchants.service.ts';
import { listTags } from '../services/tags.service.ts';
import { adminSession, DEPARTMENTS, member, ORG_ID } from '../test/fixtures.ts';
import { renderRoute } from '../test/render.tsx';
import { MerchantsPage } from './merchants-page.tsx';

vi.mock('../services/merchants.service.ts', () => ({
  listMerchants: vi.fn(),
  createMerchant: vi.fn(),
  updateMerchant: vi.fn(),
  listStalls: vi.fn(),
  createStall: vi.fn(),
  updateStall: vi.fn(),
  listOperators: vi.fn(),
  addOperator: vi.fn(),
  removeOperator: vi.fn(),
}));
vi.mock('../services/departments.service.ts', () => ({ listDepartments: vi.fn() }));
vi.mock('../services/tags.service.ts', () => ({ listTags: vi.fn() }));
vi.mock('../services/members.service.ts', () => ({ listMembers: vi.fn() }));
vi.mock('../lib/download.ts', () => ({ downloadFile: vi.fn() }));
vi.mock('../lib/stall-code.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../lib/stall-code.ts')>()),
  renderStallCodePng: vi.fn(async () => new Uint8Array([1, 2])),
}));

const MERCHANT: MerchantRow = { id: 'mc1', org_id: ORG_ID, name: '第一食堂', contact_name: '李娜', contact_phone: '13800000002', wechat_sub_mchid: null, share_rate_bp: 9550, active: true, created_at: '' };
const STALL: StallRow = { id: 'f2000000-0000-4000-8000-000000000001', org_id: ORG_ID, merchant_id: 'mc1', name: '套餐档口', pricing: { mode: 'fixed', fixedFen: 1500 }, active: true };

beforeEach(() => {
  vi.mocked(listMerchants).mockResolvedValue([MERCHANT]);
  vi.mocked(listStalls).mockResolvedValue([STALL]);
  vi.mocked(listOperators).mockResolvedValue([{ merchant_id: 'mc1', member_id: 'm-002', name: '李娜', employee_no: 'E002' }]);
  vi.mocked(listDepartments).mockResolvedValue(DEPARTMENTS);
  vi.mocked(listTags).mockResolvedValue([{ id: 't1', org_id: ORG_ID, name: '新员工', member_count: 2 }]);
  vi.mocked(listMembers).mockResolvedValue({ rows: [member(7, { name: '王芳' })], total: 1, page: 1, pageSize: 20 });
});

const renderPage = async () => {
  renderRoute('/payment/merchants', '/payment/merchants', <MerchantsPage session={adminSession()} />);
  const row = (await screen.findByText('第一食堂')).closest('tr')!;
  return row;
};

describe('MerchantsPage', () => {
  it('lists merchants with the share rate as a percentage and deactivates one', async () => {
    vi.mocked(updateMerchant).mockResolvedValue({ ...MERCHANT, active: false });
    const row = await renderPage();
    expect(within(row).getByText('95.5%')).toBeTruthy();
    expect(within(row).getByText('线下结算')).toBeTruthy();
    fireEvent.click(within(row).getByRole('button', { name: '停用' }));
    await waitFor(() => expect(updateMerchant).toHaveBeenCalledWith(ORG_ID, 'mc1', { active: false }));
    expect(await screen.findByText('已停用“第一食堂”')).toBeTruthy();
  });

  it('saves a stall rule with integer fen after showing the validation problems', async () => {
    vi.mocked(createStall).mockImplementation(async (_org, merchantId, input) => ({ ...STALL, id: 's2', merchant_id: merchantId, ...input }));
    const row = await renderPage();
    fireEvent.click(within(row).getByRole('button', { name: '档口与收款员' }));
    expect(await screen.findByText('定额 · ¥15.00')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '新增档口' }));
    const dialog = screen.getByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('档口名称'), { target: { value: '早餐档口' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '保存' }));
    expect(await within(dialog).findByText('fixedFen: 定额模式必须设置价格')).toBeTruthy();
    expect(createStall).not.toHaveBeenCalled();

    fireEvent.change(within(dialog).getByLabelText('价格（元）'), { target: { value: '15.5' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '添加优惠/加价' }));
    fireEvent.change(within(dialog).getByLabelText('第 1 项 显示名称'), { target: { value: '新员工8折' } });
    fireEvent.change(within(dialog).getByLabelText('第 1 项 数值'), { target: { value: '20' } });
    fireEvent.click(within(dialog).getByRole('checkbox', { name: '新员工' }));
    fireEvent.change(within(dialog).getByLabelText('每日限额（元）'), { target: { value: '300' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '保存' }));
    await waitFor(() => expect(createStall).toHaveBeenCalled());
    const [org, merchantId, input] = vi.mocked(createStall).mock.calls[0]!;
    expect([org, merchantId]).toEqual([ORG_ID, 'mc1']);
    expect(input.name).toBe('早餐档口');
    expect(input.pricing).toMatchObject({ mode: 'fixed', fixedFen: 1550, limits: { perDayFen: 30000 }, adjustments: [{ label: '新员工8折', kind: 'discount', rateBp: 2000, match: { tags: ['t1'] } }] });
    expect(Number.isInteger(input.pricing.fixedFen)).toBe(true);
    expect(await screen.findByText('已保存档口“早餐档口”')).toBeTruthy();
  });

  it('shows the collection code and downloads it as PNG; adds an operator', async () => {
    vi.mocked(addOperator).mockResolvedValue();
    const row = await renderPage();
    fireEvent.click(within(row).getByRole('button', { name: '档口与收款员' }));
    fireEvent.click(await screen.findByRole('button', { name: '收款码' }));
    const dialog = screen.getByRole('dialog');
    expect(within(dialog).getByTestId('stall-qr').querySelector('svg')).toBeTruthy();
    expect(within(dialog).getByText(`yima:stall:${STALL.id}`)).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: '下载 PNG' }));
    await waitFor(() => expect(downloadFile).toHaveBeenCalled());
    expect(vi.mocked(downloadFile).mock.calls[0]!.slice(1)).toEqual(['第一食堂-套餐档口-收款码.png', 'image/png']);
    expect(vi.mocked(renderStallCodePng).mock.calls[0]![0].qrSvg).toContain('<svg');
    fireEvent.click(within(dialog).getByRole('button', { name: '关闭' }));

    expect(await screen.findByText('E002')).toBeTruthy();
    await screen.findByRole('option', { name: '王芳（E007）' });
    fireEvent.change(screen.getByLabelText('成员'), { target: { value: 'm-007' } });
    fireEvent.click(screen.getByRole('button', { name: '添加收款员' }));
    await waitFor(() => expect(addOperator).toHaveBeenCalledWith(ORG_ID, 'mc1', 'm-007'));
    expect(await screen.findByText('已添加收款员“王芳”')).toBeTruthy();
  });
});
