import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { requestWechatPayment } from '../../../platform/payment';
import { AppError } from '../../../services/errors';
import { walletService } from '../../../services/wallet.service';
import { useSessionStore } from '../../../stores/session.store';
import { ORG_A, sessionFor } from '../../../test-support/sessions';
import WalletPage from './index';

vi.mock('../../../services/wallet.service', () => ({
  walletService: { balances: vi.fn(), history: vi.fn(), startTopup: vi.fn(), topupStatus: vi.fn(), waitForTopup: vi.fn() },
}));
vi.mock('../../../platform/navigation', () => ({ reLaunch: vi.fn(async () => undefined), navigateTo: vi.fn(async () => undefined) }));
vi.mock('../../../platform/ui', () => ({ showToast: vi.fn() }));
vi.mock('../../../platform/lifecycle', () => ({ usePageVisible: () => true }));
// The WeChat Pay sheet exists only in weapp; here it is a mock that can be "available".
vi.mock('../../../platform/payment', () => ({
  CAN_REQUEST_PAYMENT: true,
  requestWechatPayment: vi.fn(async () => undefined),
  isPaymentCancelled: (error: unknown) => /cancel/.test((error as { errMsg?: string })?.errMsg ?? ''),
}));
vi.mock('../../../platform/storage', async () => ({ taroStorage: (await import('../../../test-support/memory-storage')).memoryStorage() }));

const wallet = vi.mocked(walletService);
const ME = { orgId: ORG_A, memberId: 'm-a' };
const tx = (id: string, kind: string, amountFen: number, count = 0) => ({
  id, kind, amountFen, subsidyFen: 0, cashFen: 0, count, reason: null, stallName: kind === 'payment' ? '套餐档口' : null, merchantName: null,
  createdAt: '2026-11-25T04:00:00Z',
});

async function typeAmount(text: string) {
  const input = await waitFor(() => {
    const found = document.querySelector('.form-field--topup-amount input');
    if (!found) throw new Error('no amount input yet');
    return found as HTMLInputElement;
  });
  fireEvent.input(input, { target: { value: text } });
}

beforeEach(() => {
  vi.clearAllMocks();
  useSessionStore.setState({ session: sessionFor() });
  wallet.balances.mockResolvedValue({ subsidyFen: 30000, cashFen: 10000, count: 20 });
  wallet.history.mockImplementation(async (_me, page = 0) =>
    page === 0
      ? { items: [tx('t1', 'payment', 1500), tx('t2', 'topup', 10000), tx('t3', 'subsidy_grant', 0, 20)], hasMore: true }
      : { items: [tx('t4', 'subsidy_expiry', 500), tx('t5', 'offline_payment', 800), tx('t6', 'refund', 1500)], hasMore: false },
  );
});
afterEach(cleanup);

describe('钱包 page', () => {
  it('shows my three balances and my history with zh-CN labels, and loads more', async () => {
    render(<WalletPage />);
    expect(await screen.findByText('¥300.00')).toBeTruthy();
    expect(screen.getByText('¥100.00')).toBeTruthy();
    expect(screen.getByText('20 张')).toBeTruthy();
    expect(wallet.balances).toHaveBeenCalledWith(ME);
    expect(wallet.history).toHaveBeenCalledWith(ME, 0);
    expect(screen.getByText('消费')).toBeTruthy();
    expect(screen.getByText('-¥15.00')).toBeTruthy();
    expect(screen.getByText('套餐档口')).toBeTruthy();
    expect(screen.getByText('+¥100.00')).toBeTruthy();
    expect(screen.getByText('补贴发放')).toBeTruthy();
    expect(screen.getByText('+20 张')).toBeTruthy();

    fireEvent.click(screen.getByText('加载更多'));
    expect(await screen.findByText('补贴清零')).toBeTruthy();
    expect(screen.getByText('离线消费')).toBeTruthy();
    expect(screen.getByText('退款')).toBeTruthy();
    expect(wallet.history).toHaveBeenLastCalledWith(ME, 1);
    expect(screen.queryByText('加载更多')).toBeNull();
  });

  it('checks the amount before topping up', async () => {
    render(<WalletPage />);
    await screen.findByText('¥300.00');
    await typeAmount('1.234');
    fireEvent.click(document.querySelector('.wallet__topup-submit')!);
    expect(await screen.findByText('金额格式不正确（最多两位小数）')).toBeTruthy();
    expect(wallet.startTopup).not.toHaveBeenCalled();
  });

  it('tops up with WeChat Pay: yuan to integer fen, pay sheet, then polls until paid', async () => {
    wallet.startTopup.mockResolvedValue({
      channel: 'wechatpay', orderId: 'o1', outTradeNo: 'YM1',
      payParams: { timeStamp: '1', nonceStr: 'n', package: 'prepay_id=1', signType: 'RSA', paySign: 's' },
    });
    wallet.waitForTopup.mockResolvedValue({ outTradeNo: 'YM1', status: 'paid', amountFen: 5050, balances: { subsidyFen: 30000, cashFen: 15050, count: 20 } });
    render(<WalletPage />);
    await screen.findByText('¥300.00');
    await typeAmount('50.5');
    fireEvent.click(document.querySelector('.wallet__topup-submit')!);
    expect(await screen.findByText('充值成功：¥50.50')).toBeTruthy();
    expect(wallet.startTopup).toHaveBeenCalledWith(5050);
    expect(requestWechatPayment).toHaveBeenCalledWith({ timeStamp: '1', nonceStr: 'n', package: 'prepay_id=1', signType: 'RSA', paySign: 's' });
    expect(wallet.waitForTopup).toHaveBeenCalledWith('YM1');
  });

  it('says so when the payer closes the pay sheet, without polling', async () => {
    wallet.startTopup.mockResolvedValue({
      channel: 'wechatpay', orderId: 'o1', outTradeNo: 'YM1',
      payParams: { timeStamp: '1', nonceStr: 'n', package: 'p', signType: 'RSA', paySign: 's' },
    });
    vi.mocked(requestWechatPayment).mockRejectedValueOnce({ errMsg: 'requestPayment:fail cancel' });
    render(<WalletPage />);
    await screen.findByText('¥300.00');
    await typeAmount('10');
    fireEvent.click(document.querySelector('.wallet__topup-submit')!);
    expect(await screen.findByText('已取消支付')).toBeTruthy();
    expect(wallet.waitForTopup).not.toHaveBeenCalled();
  });

  it('shows the console channel (local stack) as paid at once', async () => {
    wallet.startTopup.mockResolvedValue({ channel: 'console', orderId: 'o2', outTradeNo: 'YM2', status: 'paid', balances: { subsidyFen: 30000, cashFen: 20000, count: 20 } });
    render(<WalletPage />);
    await screen.findByText('¥300.00');
    await typeAmount('100');
    fireEvent.click(document.querySelector('.wallet__topup-submit')!);
    expect(await screen.findByText('充值成功：¥100.00')).toBeTruthy();
    expect(wallet.startTopup).toHaveBeenCalledWith(10000);
    expect(requestWechatPayment).not.toHaveBeenCalled();
    expect(wallet.waitForTopup).not.toHaveBeenCalled();
  });

  it('shows a load failure with a retry', async () => {
    wallet.balances.mockRejectedValueOnce(new AppError({ kind: 'network', code: 'network_error', message: '网络异常，请稍后重试', status: 0 }));
    render(<WalletPage />);
    expect(await screen.findByText('网络异常，请稍后重试')).toBeTruthy();
    fireEvent.click(screen.getByText('重试'));
    expect(await screen.findByText('¥300.00')).toBeTruthy();
  });
});
