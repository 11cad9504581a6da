import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { downloadFile } from '../lib/download.ts';
import { buildTransactionsXlsx } from '../lib/payment-export.ts';
import { listMerchants, listStalls } from '../services/merchants.service.ts';
import { listAllTransactions, listTransactions, refundTransaction, type TransactionRow } from '../services/transactions.service.ts';
import { adminSession, ORG_ID } from '../test/fixtures.ts';
import { renderRoute } from '../test/render.tsx';
import { TransactionsPage } from './transactions-page.tsx';

vi.mock('../services/transactions.service.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../services/transactions.service.ts')>()),
  listTransactions: vi.fn(),
  listAllTransactions: vi.fn(),
  refundTransaction: vi.fn(),
}));
vi.mock('../services/merchants.service.ts', () => ({ listMerchants: vi.fn(), listStalls: vi.fn() }));
vi.mock('../lib/download.ts', () => ({ downloadFile: vi.fn() }));
vi.mock('../lib/payment-export.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../lib/payment-export.ts')>()),
  buildTransactionsXlsx: vi.fn(async () => new ArrayBuffer(4)),
}));

const TODAY = new Date(2026, 10, 25, 12, 0, 0);
const TX: TransactionRow = { id: 'tx1', kind: 'payment', request_id: 'req-1', member_id: 'm1', merchant_id: 'mc1', stall_id: 's1', amount_fen: 1200, subsidy_fen: 1000, cash_fen: 200, count: 0, refund_of: null, reason: null, created_at: '2026-11-24T04:00:00Z', merchant_name: '第一食堂', stall_name: '套餐档口', member_name: '王芳', employee_no: 'E007' };

beforeEach(() => {
  vi.mocked(listTransactions).mockResolvedValue({ rows: [TX, { ...TX, id: 'tx0', kind: 'topup', merchant_name: null, stall_name: null }], total: 120 });
  vi.mocked(listMerchants).mockResolvedValue([{ id: 'mc1', org_id: ORG_ID, name: '第一食堂', contact_name: null, contact_phone: null, wechat_sub_mchid: null, share_rate_bp: 10000, active: true, created_at: '' }]);
  vi.mocked(listStalls).mockResolvedValue([{ id: 's1', org_id: ORG_ID, merchant_id: 'mc1', name: '套餐档口', pricing: { mode: 'free' }, active: true }]);
});

const renderPage = () => renderRoute('/payment/transactions', '/payment/transactions', <TransactionsPage session={adminSession()} today={TODAY} />);

describe('TransactionsPage', () => {
  it('lists the last 7 days newest first and refilters by kind, merchant and stall back to page 1', async () => {
    renderPage();
    const row = (await screen.findAllByText('王芳（E007）'))[0]!.closest('tr')!;
    expect(within(row).getByText('¥12.00')).toBeTruthy();
    expect(within(row).getByText('消费')).toBeTruthy();
    expect(vi.mocked(listTransactions).mock.calls.at(-1)![0]).toMatchObject({ orgId: ORG_ID, page: 1, pageSize: 50, kind: undefined });
    fireEvent.click(screen.getByRole('button', { name: '下一页' }));
    await waitFor(() => expect(vi.mocked(listTransactions).mock.calls.at(-1)![0].page).toBe(2));
    await screen.findByRole('option', { name: '第一食堂' });
    fireEvent.change(screen.getByLabelText('类型'), { target: { value: 'refund' } });
    fireEvent.change(screen.getByLabelText('商户'), { target: { value: 'mc1' } });
    fireEvent.change(screen.getByLabelText('档口'), { target: { value: 's1' } });
    await waitFor(() => expect(vi.mocked(listTransactions).mock.calls.at(-1)![0]).toMatchObject({ kind: 'refund', merchantId: 'mc1', stallId: 's1', page: 1 }));
  });

  it('refunds with integer fen, a reason and a fresh request id', async () => {
    vi.mocked(refundTransaction).mockResolvedValue({ transaction_id: 'tx9', replayed: false, amount_fen: 550, subsidy_fen: 350, cash_fen: 200, count: 0 });
    renderPage();
    await screen.findAllByText('王芳（E007）');
    expect(screen.getAllByRole('button', { name: '退款' })).toHaveLength(1);
    fireEvent.click(screen.getByRole('button', { name: '退款' }));
    const dialog = screen.getByRole('dialog');
    expect((within(dialog).getByLabelText('退款金额（元）') as HTMLInputElement).value).toBe('12.00');
    fireEvent.change(within(dialog).getByLabelText('退款金额（元）'), { target: { value: '5.5' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '确认退款' }));
    expect(await within(dialog).findByText('请填写退款原因（最多200字）')).toBeTruthy();
    expect(refundTransaction).not.toHaveBeenCalled();
    fireEvent.change(within(dialog).getByLabelText('退款原因'), { target: { value: '菜品问题' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '确认退款' }));
    await waitFor(() => expect(refundTransaction).toHaveBeenCalled());
    const input = vi.mocked(refundTransaction).mock.calls[0]![0];
    expect(input).toMatchObject({ transactionId: 'tx1', amountFen: 550, count: 0, reason: '菜品问题' });
    expect(Number.isInteger(input.amountFen)).toBe(true);
    expect(input.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await screen.findByText('已退款 ¥5.50')).toBeTruthy();
  });

  it('exports the filtered range as xlsx', async () => {
    vi.mocked(listAllTransactions).mockResolvedValue({ rows: [TX], truncated: false });
    renderPage();
    await screen.findAllByText('王芳（E007）');
    fireEvent.click(screen.getByRole('button', { name: '导出 Excel' }));
    await waitFor(() => expect(downloadFile).toHaveBeenCalled());
    expect(vi.mocked(listAllTransactions).mock.calls[0]![0]).toMatchObject({ orgId: ORG_ID, kind: undefined });
    expect(buildTransactionsXlsx).toHaveBeenCalledWith([TX]);
    expect(vi.mocked(downloadFile).mock.calls[0]![1]).toBe('交易明细_2026-11-19_2026-11-25.xlsx');
  });
});
