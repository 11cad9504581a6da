import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { navigateTo, reLaunch } from '../../../platform/navigation';
import { AppError } from '../../../services/errors';
import { payService, type PayQuote } from '../../../services/pay.service';
import { useSessionStore } from '../../../stores/session.store';
import { sessionFor } from '../../../test-support/sessions';
import PayPage from './index';

vi.mock('../../../services/pay.service', () => ({ payService: { quote: vi.fn(), pay: vi.fn() } }));
vi.mock('../../../platform/navigation', () => ({
  reLaunch: vi.fn(async () => undefined),
  navigateTo: vi.fn(async () => undefined),
  pageParams: vi.fn(() => ({})),
}));
vi.mock('../../../platform/ui', () => ({ showToast: vi.fn() }));
vi.mock('../../../platform/lifecycle', () => ({ usePageVisible: () => true }));
vi.mock('../../../platform/scan', () => ({ scanQrCode: vi.fn(), isScanCancelled: () => false }));
vi.mock('../../../platform/storage', async () => ({ taroStorage: (await import('../../../test-support/memory-storage')).memoryStorage() }));

const pay = vi.mocked(payService);
const FIXED = 'f2000000-0000-4000-8000-000000000001';
const FREE = 'f2000000-0000-4000-8000-000000000002';

const fixedQuote: PayQuote = {
  stall: { id: FIXED, name: '套餐档口', merchantName: '第一食堂', active: true },
  ok: true, mode: 'fixed', reason: null, payFen: 1200, listFen: 1500,
  adjustments: [{ label: '新员工午餐8折', deltaFen: -300 }],
  split: { subsidyFen: 1200, cashFen: 0, count: 0 }, count: 0,
  explain: ['套餐档口 定价 ¥15.00', '新员工午餐8折：-¥3.00'],
  balances: { subsidyFen: 30000, cashFen: 10000, count: 20 },
};
const paid = {
  transactionId: 'tx-1', replayed: false, stallName: '套餐档口', merchantName: '第一食堂', memberName: '王芳',
  amountFen: 1200, listFen: 1500, adjustments: [], paid: { subsidyFen: 1200, cashFen: 0, count: 0, overdraftFen: 0 },
  balances: { subsidyFen: 28800, cashFen: 10000, count: 20 }, createdAt: '2026-11-25T04:00:00Z',
};

async function typeInto(selector: string, text: string) {
  const input = await waitFor(() => {
    const found = document.querySelector(selector);
    if (!found) throw new Error(`no ${selector} yet`);
    return found as HTMLInputElement;
  });
  fireEvent.input(input, { target: { value: text } });
}

async function enterCode(text: string) {
  await typeInto('.pay__code-input input', text);
  fireEvent.click(screen.getByText('确定'));
}

beforeEach(() => {
  vi.clearAllMocks();
  useSessionStore.setState({ session: sessionFor() });
  pay.quote.mockResolvedValue(fixedQuote);
});
afterEach(cleanup);

describe('扫码付款 page (H5: paste the collection code)', () => {
  it('sends a signed-out member to login', async () => {
    useSessionStore.setState({ session: null });
    render(<PayPage />);
    await waitFor(() => expect(reLaunch).toHaveBeenCalledWith('login'));
  });

  it('refuses text that is not a stall collection code', async () => {
    render(<PayPage />);
    await enterCode('YM1:AAAA');
    expect(await screen.findByText('这不是一码通档口收款码')).toBeTruthy();
    expect(pay.quote).not.toHaveBeenCalled();
  });

  it('shows the stall, the price and the explanation, then pays and shows the split and balances', async () => {
    pay.pay.mockResolvedValue(paid);
    render(<PayPage />);
    await enterCode(`yima:stall:${FIXED}`);
    expect(await screen.findByText('套餐档口')).toBeTruthy();
    expect(pay.quote).toHaveBeenCalledWith(FIXED, undefined);
    expect(screen.getByText('¥12.00')).toBeTruthy();
    expect(screen.getByText('原价 ¥15.00')).toBeTruthy();
    expect(screen.getByText('新员工午餐8折：-¥3.00')).toBeTruthy();

    fireEvent.click(screen.getByText('确认支付'));
    expect(await screen.findByText('支付成功')).toBeTruthy();
    expect(pay.pay).toHaveBeenCalledTimes(1);
    expect(pay.pay).toHaveBeenCalledWith({ stallId: FIXED });
    expect(screen.getByText('实付 ¥12.00')).toBeTruthy();
    expect(screen.getByText('补贴 ¥12.00')).toBeTruthy();
    expect(screen.getByText('补贴 ¥288.00')).toBeTruthy();

    fireEvent.click(screen.getByText('继续付款'));
    expect(await screen.findByText('扫描食堂档口的收款码付款')).toBeTruthy();
  });

  it('asks for the amount at a free stall and pays the integer fen that was priced', async () => {
    pay.quote.mockImplementation(async (_id, amountFen) =>
      amountFen === undefined
        ? { ...fixedQuote, stall: { ...fixedQuote.stall, id: FREE, name: '自选档口' }, ok: false, mode: null, reason: 'amount_required', payFen: null, listFen: null, split: null, explain: [] }
        : { ...fixedQuote, stall: { ...fixedQuote.stall, id: FREE, name: '自选档口' }, mode: 'free', payFen: amountFen, listFen: amountFen, adjustments: [], explain: [] },
    );
    pay.pay.mockResolvedValue({ ...paid, amountFen: 2350 });
    render(<PayPage />);
    await enterCode(FREE);
    expect(await screen.findByText('自选档口')).toBeTruthy();
    expect(screen.queryByText('确认支付')).toBeNull();
    await typeInto('.form-field--pay-amount input', '23.5');
    fireEvent.click(screen.getByText('计算价格'));
    expect(await screen.findByText('¥23.50')).toBeTruthy();
    expect(pay.quote).toHaveBeenLastCalledWith(FREE, 2350);
    fireEvent.click(screen.getByText('确认支付'));
    await screen.findByText('支付成功');
    expect(pay.pay).toHaveBeenCalledWith({ stallId: FREE, amountFen: 2350 });
  });

  it('offers 去充值 on 402 insufficient_balance', async () => {
    pay.pay.mockRejectedValue(new AppError({ kind: 'function', code: 'insufficient_balance', status: 402, message: '余额不足，请充值 (insufficient balance: top up first)' }));
    render(<PayPage />);
    await enterCode(FIXED);
    fireEvent.click(await screen.findByText('确认支付'));
    expect(await screen.findByText('余额不足，请先充值')).toBeTruthy();
    fireEvent.click(screen.getByText('去充值'));
    expect(navigateTo).toHaveBeenCalledWith('wallet');
  });

  it('shows a refused quote with its reason and no 确认支付', async () => {
    pay.quote.mockResolvedValue({ ...fixedQuote, ok: false, reason: 'closed', payFen: null, split: null, explain: ['营业时间 07:30-20:00'] });
    render(<PayPage />);
    await enterCode(FIXED);
    expect(await screen.findByText('当前无法支付：该档口当前不在营业时间')).toBeTruthy();
    expect(screen.getByText('营业时间 07:30-20:00')).toBeTruthy();
    expect(screen.queryByText('确认支付')).toBeNull();
  });

  it('after a network failure says the outcome is unknown and points to the wallet', async () => {
    pay.pay.mockRejectedValue(new AppError({ kind: 'network', code: 'network_error', status: 0, message: '网络异常，请稍后重试' }));
    render(<PayPage />);
    await enterCode(FIXED);
    fireEvent.click(await screen.findByText('确认支付'));
    expect(await screen.findByText('网络异常，无法确认是否已付款。请先在钱包账单中查看，确认未扣款后再重新支付')).toBeTruthy();
    fireEvent.click(screen.getByText('查看钱包'));
    expect(navigateTo).toHaveBeenCalledWith('wallet');
  });
});
