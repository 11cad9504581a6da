import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { downloadFile } from '../lib/download.ts';
import { buildSettlementXlsx } from '../lib/payment-export.ts';
import { listMembers } from '../services/members.service.ts';
import { listStalls } from '../services/merchants.service.ts';
import { dailySeries, explainPrice, ledgerCheck, listOpenFlags, resolveFlag, settlementReport } from '../services/payment-reports.service.ts';
import { adminSession, member, ORG_ID } from '../test/fixtures.ts';
import { renderRoute } from '../test/render.tsx';
import { PaymentReportsPage } from './payment-reports-page.tsx';

vi.mock('../services/payment-reports.service.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../services/payment-reports.service.ts')>()),
  settlementReport: vi.fn(),
  dailySeries: vi.fn(),
  listOpenFlags: vi.fn(),
  resolveFlag: vi.fn(),
  explainPrice: vi.fn(),
  ledgerCheck: vi.fn(),
}));
vi.mock('../services/merchants.service.ts', () => ({ listStalls: vi.fn() }));
vi.mock('../services/members.service.ts', () => ({ listMembers: vi.fn() }));
vi.mock('../lib/download.ts', () => ({ downloadFile: vi.fn() }));
vi.mock('../lib/payment-export.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../lib/payment-export.ts')>()),
  buildSettlementXlsx: vi.fn(async () => new ArrayBuffer(4)),
}));

const TODAY = new Date(2026, 10, 25, 12, 0, 0);
const ROW = { merchant_id: 'mc1', merchant_name: '第一食堂', payments: 3, payment_fen: 4500, refunds: 1, refund_fen: 1500, net_fen: 3000, subsidy_fen: 2000, cash_fen: 1000, count_used: 2, overdraft_fen: 0 };

beforeEach(() => {
  vi.mocked(settlementReport).mockResolvedValue([ROW, { ...ROW, merchant_id: 'mc2', merchant_name: '咖啡小站', payments: 2, payment_fen: 1801, refunds: 0, refund_fen: 0, net_fen: 1801 }]);
  vi.mocked(dailySeries).mockResolvedValue([
    { day: '2026-11-24', payments: 4, net_fen: 3000 },
    { day: '2026-11-25', payments: 1, net_fen: 1801 },
  ]);
  vi.mocked(listOpenFlags).mockResolvedValue([{ id: 7, transaction_id: 'tx1', member_id: 'm1', kind: 'overdraft', amount_fen: 300, detail: {}, created_at: '2026-11-24T04:00:00Z', member_name: '王芳' }]);
  vi.mocked(listStalls).mockResolvedValue([{ id: 's1', org_id: ORG_ID, merchant_id: 'mc1', name: '套餐档口', pricing: { mode: 'fixed', fixedFen: 1500 }, active: true }]);
  vi.mocked(listMembers).mockResolvedValue({ rows: [member(7, { name: '王芳' })], total: 1, page: 1, pageSize: 20 });
});

const renderPage = () => renderRoute('/payment/reports', '/payment/reports', <PaymentReportsPage session={adminSession()} today={TODAY} />);

describe('PaymentReportsPage', () => {
  it('shows the settlement with a totals row, the daily bars, and exports xlsx', async () => {
    renderPage();
    await screen.findByText('咖啡小站');
    const [from, until] = vi.mocked(settlementReport).mock.calls[0]!.slice(1) as [string, string];
    expect(new Date(from).getDate()).toBe(1);
    expect(new Date(until).getDate()).toBe(26);
    const total = screen.getByText('合计').closest('tr')!;
    expect(within(total).getByText('5')).toBeTruthy();
    expect(within(total).getByText('¥63.01')).toBeTruthy();
    expect(within(total).getByText('¥48.01')).toBeTruthy();
    const chart = await screen.findByTestId('daily-chart');
    expect(chart.querySelectorAll('rect')).toHaveLength(2);
    expect(within(chart).getByText('2026-11-24：¥30.00，4 笔')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: '导出 Excel' }));
    await waitFor(() => expect(downloadFile).toHaveBeenCalled());
    expect(vi.mocked(buildSettlementXlsx).mock.calls[0]![1]).toMatchObject({ payments: 5, payment_fen: 6301, net_fen: 4801 });
    expect(vi.mocked(downloadFile).mock.calls[0]![1]).toBe('结算报表_2026-11-01_2026-11-25.xlsx');
  });

  it('resolves an open flag with a note', async () => {
    vi.mocked(resolveFlag).mockResolvedValue();
    renderPage();
    const flags = await screen.findByRole('region', { name: '待处理异常' });
    const row = (await within(flags).findByText('离线透支')).closest('tr')!;
    expect(within(row).getByText('¥3.00')).toBeTruthy();
    fireEvent.click(within(row).getByRole('button', { name: '标记已处理' }));
    const dialog = screen.getByRole('dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: '标记已处理' }));
    expect(await within(dialog).findByText('请填写处理说明（最多200字）')).toBeTruthy();
    fireEvent.change(within(dialog).getByLabelText('处理说明'), { target: { value: '已线下收回' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '标记已处理' }));
    await waitFor(() => expect(resolveFlag).toHaveBeenCalledWith(7, '已线下收回'));
    expect(await screen.findByText('已将异常 #7 标记为已处理')).toBeTruthy();
  });

  it('explains a price for a member, stall, time and amount', async () => {
    vi.mocked(explainPrice).mockResolvedValue({
      member: { id: 'm-007', name: '王芳' },
      stall: { id: 's1', name: '套餐档口' },
      at: '2026-11-25T04:05:00.000Z',
      local: { date: '2026-11-25', time: '12:05' },
      quote: { ok: true, payFen: 1200 },
      explain: { 'zh-CN': ['定额 ¥15.00', '新员工午餐8折：-¥3.00', '应付 ¥12.00'], en: ['Fixed price ¥15.00'] },
    });
    renderPage();
    const form = await screen.findByRole('region', { name: '价格试算' });
    fireEvent.click(within(form).getByRole('button', { name: '试算' }));
    expect(await screen.findByText('请选择成员和档口')).toBeTruthy();
    await within(form).findByRole('option', { name: '王芳（E007）' });
    await within(form).findByRole('option', { name: '套餐档口' });
    fireEvent.change(within(form).getByLabelText('成员'), { target: { value: 'm-007' } });
    fireEvent.change(within(form).getByLabelText('档口'), { target: { value: 's1' } });
    fireEvent.change(within(form).getByLabelText('时间'), { target: { value: '2026-11-25T12:05' } });
    fireEvent.change(within(form).getByLabelText('消费金额（元）'), { target: { value: '15' } });
    fireEvent.click(within(form).getByRole('button', { name: '试算' }));
    await waitFor(() => expect(explainPrice).toHaveBeenCalledWith({ memberId: 'm-007', stallId: 's1', at: new Date(2026, 10, 25, 12, 5).toISOString(), amountFen: 1500 }));
    const result = await screen.findByTestId('explain-result');
    expect(within(result).getByText('新员工午餐8折：-¥3.00')).toBeTruthy();
    expect(within(result).getByText(/应付 ¥12\.00/, { selector: 'p' })).toBeTruthy();
    expect(within(result).queryByText('Fixed price ¥15.00')).toBeNull();
  });

  it('checks the ledger and shows ok, or the problems', async () => {
    vi.mocked(ledgerCheck).mockResolvedValueOnce({ ok: true, unbalanced_transactions: [], mismatched_wallets: [] });
    renderPage();
    fireEvent.click(await screen.findByRole('button', { name: '账本核对' }));
    expect(await screen.findByText('账本核对通过：每笔交易借贷平衡，账户余额与明细一致。')).toBeTruthy();
    expect(ledgerCheck).toHaveBeenCalledWith(ORG_ID);
    vi.mocked(ledgerCheck).mockResolvedValueOnce({ ok: false, unbalanced_transactions: ['tx9'], mismatched_wallets: [{ account_id: 'a1', balance: 100, entries: 90 }] });
    fireEvent.click(screen.getByRole('button', { name: '账本核对' }));
    const alert = await screen.findByText('账本核对发现问题：');
    const box = alert.closest('[role="alert"]') as HTMLElement;
    expect(within(box).getByText('借贷不平的交易：tx9')).toBeTruthy();
    expect(within(box).getByText('账户 a1：余额 100，明细合计 90')).toBeTruthy();
  });
});
