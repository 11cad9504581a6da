import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { reLaunch } from '../../platform/navigation';
import { AppError } from '../../services/errors';
import { visitService, type VisitPass } from '../../services/visit.service';
import { useSessionStore } from '../../stores/session.store';
import VisitorPassPage, { PASS_POLL_MS } from './pass';

vi.mock('../../services/visit.service', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../services/visit.service')>()),
  visitService: { pass: vi.fn() },
}));
vi.mock('../../platform/navigation', () => ({ pageParams: vi.fn(() => ({ t: 'pass-token' })), reLaunch: vi.fn(async () => undefined) }));
vi.mock('../../platform/ui', () => ({ showToast: vi.fn() }));
vi.mock('../../platform/storage', async () => ({ taroStorage: (await import('../../test-support/memory-storage')).memoryStorage() }));

const visits = vi.mocked(visitService);
const visit = (status: string): VisitPass['visit'] => ({
  id: 'v1', status, visitorName: '赵客', hostName: '王芳', siteName: '东区', orgName: '示范科技有限公司',
  windowFrom: '2026-11-25T01:00:00Z', windowUntil: '2026-11-25T03:00:00Z', companions: 1,
});
const CODE = `YM1:${'A1'.repeat(60)}`;

beforeEach(() => {
  vi.clearAllMocks();
  useSessionStore.setState({ session: null });
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('访客通行证 (public)', () => {
  it('pending: 等待被访人审批, asked again every 10 s until the QR shows', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    visits.pass.mockResolvedValueOnce({ visit: visit('pending'), code: null }).mockResolvedValue({ visit: visit('approved'), code: CODE });
    render(<VisitorPassPage />);
    expect(await screen.findByText('等待被访人审批')).toBeTruthy();
    expect(document.querySelector('.qr-code')).toBeNull();
    expect(reLaunch).not.toHaveBeenCalled();
    await act(async () => {
      await vi.advanceTimersByTimeAsync(PASS_POLL_MS);
    });
    expect(await screen.findByText('已批准')).toBeTruthy();
    expect(document.querySelector('.qr-code')?.getAttribute('data-code')).toBe(CODE);
    expect(visits.pass).toHaveBeenCalledTimes(2);
    expect(visits.pass).toHaveBeenCalledWith('pass-token');
  });

  it('approved: the QR with the visitor, host, site and window', async () => {
    visits.pass.mockResolvedValue({ visit: visit('approved'), code: CODE });
    render(<VisitorPassPage />);
    expect(await screen.findByText('赵客')).toBeTruthy();
    expect(screen.getByText('王芳')).toBeTruthy();
    expect(screen.getByText('东区')).toBeTruthy();
    expect(screen.getByText('11月25日 09:00–11:00')).toBeTruthy();
    expect(document.querySelector('.qr-code')?.getAttribute('data-code')).toBe(CODE);
  });

  it.each([
    ['visit_rejected', 409, '您的访问申请未通过：时间冲突 (your visit was not approved)', '您的访问申请未通过：时间冲突'],
    ['visit_cancelled', 409, '该访问已取消 (this visit was cancelled)', '该访问已取消'],
    ['pass_expired', 410, '通行证已过期 (this pass has expired)', '通行证已过期'],
    ['invalid_link', 404, '通行证链接无效 (this pass link is invalid)', '通行证链接无效'],
  ])('%s: a refusal screen, no QR', async (code, status, message, shown) => {
    visits.pass.mockRejectedValue(new AppError({ kind: 'function', code, status, message }));
    render(<VisitorPassPage />);
    expect(await screen.findByText(shown)).toBeTruthy();
    expect(document.querySelector(`.visitor-pass--refused[data-reason="${code}"]`)).not.toBeNull();
    expect(document.querySelector('.qr-code')).toBeNull();
  });
});
