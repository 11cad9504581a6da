import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { navigateTo } from '../../../platform/navigation';
import { AppError } from '../../../services/errors';
import { merchantService } from '../../../services/merchant.service';
import { useSessionStore } from '../../../stores/session.store';
import { ORG_A, sessionFor } from '../../../test-support/sessions';
import CollectPage from './index';

vi.mock('../../../services/merchant.service', () => ({ merchantService: { operatedStalls: vi.fn(), charge: vi.fn() } }));
vi.mock('../../../platform/navigation', () => ({ reLaunch: vi.fn(async () => undefined), navigateTo: vi.fn(async () => undefined) }));
vi.mock('../../../platform/ui', () => ({ showToast: vi.fn() }));
vi.mock('../../../platform/scan', () => ({ scanQrCode: vi.fn(), isScanCancelled: () => false }));
vi.mock('../../../platform/storage', async () => ({ taroStorage: (await import('../../../test-support/memory-storage')).memoryStorage() }));

const merchants = vi.mocked(merchantService);
const M1 = 'f1000000-0000-4000-8000-000000000001';
const FIXED = 'f2000000-0000-4000-8000-000000000001';
const FREE = 'f2000000-0000-4000-8000-000000000002';
const CODE = `YM1:${'A'.repeat(386)}`;
const charged = {
  transactionId: 'tx-9', replayed: false, stallName: '自选档口', merchantName: '第一食堂', memberName: '王芳',
  amountFen: 2000, listFen: 2000, adjustments: [], paid: { subsidyFen: 2000, cashFen: 0, count: 0, overdraftFen: 0 },
  balances: null, createdAt: null,
};

async function typeInto(selector: string, text: string) {
  const input = await waitFor(() => {
    const found = document.querySelector(selector);
    if (!found) throw new Error(`no ${selector} yet`);
    return found as HTMLInputElement;
  });
  fireEvent.input(input, { target: { value: text } });
}

/** The stall QR's text (H5 puts it on the box as data-code). */
async function shownQr(): Promise<string | null> {
  return waitFor(() => {
    const code = document.querySelector('.qr-code')?.getAttribute('data-code');
    if (!code) throw new Error('no QR yet');
    return code;
  });
}

beforeEach(() => {
  vi.clearAllMocks();
  useSessionStore.setState({ session: sessionFor() });
  merchants.operatedStalls.mockResolvedValue({
    merchants: [{ id: M1, name: '第一食堂' }],
    stalls: [
      { id: FIXED, name: '套餐档口', merchantId: M1, mode: 'fixed' },
      { id: FREE, name: '自选档口', merchantId: M1, mode: 'free' },
    ],
  });
});
afterEach(cleanup);

describe('商户收款 page', () => {
  it('tells a member who operates no merchant that they cannot collect', async () => {
    merchants.operatedStalls.mockResolvedValue({ merchants: [], stalls: [] });
    render(<CollectPage />);
    expect(await screen.findByText('你不是商户收款员，请联系支付管理员')).toBeTruthy();
  });

  it('shows the chosen stall’s collection QR (yima:stall:<id>)', async () => {
    render(<CollectPage />);
    expect(await shownQr()).toBe(`yima:stall:${FIXED}`);
    expect(merchants.operatedStalls).toHaveBeenCalledWith({ orgId: ORG_A, memberId: 'm-a' });
    fireEvent.click(screen.getAllByText('自选档口')[0]!);
    await waitFor(() => expect(document.querySelector('.qr-code')?.getAttribute('data-code')).toBe(`yima:stall:${FREE}`));
  });

  it('charges a pasted payer code at a fixed stall without an amount', async () => {
    merchants.charge.mockResolvedValue({ ...charged, stallName: '套餐档口', amountFen: 1500, paid: { ...charged.paid, subsidyFen: 1500 } });
    render(<CollectPage />);
    await shownQr();
    await typeInto('.collect__input textarea', CODE);
    fireEvent.click(screen.getByText('收款'));
    expect(await screen.findByText('收款成功')).toBeTruthy();
    expect(merchants.charge).toHaveBeenCalledWith({ code: CODE, stallId: FIXED });
    expect(screen.getByText('¥15.00')).toBeTruthy();
    expect(screen.getByText('付款人：王芳')).toBeTruthy();
  });

  it('needs the amount at a free stall and sends integer fen', async () => {
    merchants.charge.mockResolvedValue(charged);
    render(<CollectPage />);
    await shownQr();
    fireEvent.click(screen.getAllByText('自选档口')[0]!);
    await typeInto('.collect__input textarea', CODE);
    fireEvent.click(screen.getByText('收款'));
    expect(await screen.findByText('请输入金额')).toBeTruthy();
    expect(merchants.charge).not.toHaveBeenCalled();
    await typeInto('.form-field--collect-amount input', '20');
    fireEvent.click(screen.getByText('收款'));
    expect(await screen.findByText('收款成功')).toBeTruthy();
    expect(merchants.charge).toHaveBeenCalledWith({ code: CODE, stallId: FREE, amountFen: 2000 });
  });

  it('explains a refused code', async () => {
    merchants.charge.mockRejectedValue(new AppError({ kind: 'function', code: 'code_replayed', status: 403, message: '这个码已经用过，请刷新付款码 (this code was already used; refresh it)' }));
    render(<CollectPage />);
    await shownQr();
    await typeInto('.collect__input textarea', CODE);
    fireEvent.click(screen.getByText('收款'));
    expect(await screen.findByText('这个付款码已经用过，请让顾客刷新后再扫')).toBeTruthy();
  });

  it('opens 今日营收', async () => {
    render(<CollectPage />);
    fireEvent.click(await screen.findByText('今日营收'));
    expect(navigateTo).toHaveBeenCalledWith('takings');
  });
});
