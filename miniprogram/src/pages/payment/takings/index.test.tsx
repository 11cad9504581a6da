import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../services/errors';
import { merchantService } from '../../../services/merchant.service';
import { useSessionStore } from '../../../stores/session.store';
import { ORG_A, sessionFor } from '../../../test-support/sessions';
import TakingsPage from './index';

vi.mock('../../../services/merchant.service', () => ({ merchantService: { operatedStalls: vi.fn(), takings: vi.fn() } }));
vi.mock('../../../platform/navigation', () => ({ reLaunch: vi.fn(async () => undefined), navigateTo: vi.fn(async () => undefined) }));
vi.mock('../../../platform/ui', () => ({ showToast: vi.fn() }));
vi.mock('../../../platform/storage', async () => ({ taroStorage: (await import('../../../test-support/memory-storage')).memoryStorage() }));

const merchants = vi.mocked(merchantService);
const M1 = 'f1000000-0000-4000-8000-000000000001';

beforeEach(() => {
  vi.clearAllMocks();
  useSessionStore.setState({ session: sessionFor() });
  merchants.operatedStalls.mockResolvedValue({ merchants: [{ id: M1, name: '第一食堂' }], stalls: [] });
  merchants.takings.mockResolvedValue({
    merchantId: M1, merchantName: '第一食堂', payments: 3, paymentFen: 4500, refunds: 1, refundFen: 1500,
    netFen: 3000, subsidyFen: 2500, cashFen: 500, countUsed: 2, overdraftFen: 0,
  });
});
afterEach(cleanup);

describe('今日营收 page', () => {
  it('reports my merchant from the start of today until now', async () => {
    const before = Date.now();
    render(<TakingsPage />);
    expect(await screen.findByText('¥30.00')).toBeTruthy();
    expect(screen.getByText('第一食堂')).toBeTruthy();
    expect(screen.getByText('收款 3 笔')).toBeTruthy();
    expect(screen.getByText('¥45.00')).toBeTruthy();
    expect(screen.getByText('退款 1 笔')).toBeTruthy();
    expect(screen.getByText('2 张')).toBeTruthy();
    const [org, merchant, from, to] = merchants.takings.mock.calls[0]!;
    expect(org).toBe(ORG_A);
    expect(merchant).toBe(M1);
    const today = new Date();
    expect(from).toEqual(new Date(today.getFullYear(), today.getMonth(), today.getDate()));
    expect(to.getTime()).toBeGreaterThanOrEqual(before);
  });

  it('says when nothing was taken today', async () => {
    merchants.takings.mockResolvedValue(null);
    render(<TakingsPage />);
    expect(await screen.findByText('今天还没有收款')).toBeTruthy();
  });

  it('shows a refusal with a retry', async () => {
    merchants.takings.mockRejectedValueOnce(new AppError({ kind: 'permission', code: '42501', status: 403, message: '没有权限执行此操作' }));
    render(<TakingsPage />);
    expect(await screen.findByText('没有权限执行此操作')).toBeTruthy();
    fireEvent.click(screen.getByText('重试'));
    await waitFor(() => expect(screen.getByText('¥30.00')).toBeTruthy());
  });
});
