import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { navigateTo, reLaunch } from '../../platform/navigation';
import { showToast } from '../../platform/ui';
import { AppError } from '../../services/errors';
import { noticeService } from '../../services/notice.service';
import { useSessionStore } from '../../stores/session.store';
import { ORG_A, sessionFor } from '../../test-support/sessions';
import NoticesPage from './index';

vi.mock('../../services/notice.service', () => ({ noticeService: { listMine: vi.fn(), headedDepartments: vi.fn() } }));
vi.mock('../../platform/navigation', () => ({ reLaunch: vi.fn(async () => undefined), navigateTo: vi.fn(async () => undefined) }));
vi.mock('../../platform/ui', () => ({ showToast: vi.fn() }));
vi.mock('../../platform/lifecycle', () => ({ usePageVisible: () => true }));
vi.mock('../../platform/storage', async () => ({ taroStorage: (await import('../../test-support/memory-storage')).memoryStorage() }));

const notices = vi.mocked(noticeService);

beforeEach(() => {
  vi.clearAllMocks();
  useSessionStore.setState({ session: sessionFor() });
  notices.headedDepartments.mockResolvedValue([]);
});
afterEach(cleanup);

describe('notices page', () => {
  it('lists my notices newest first with the template label and unread badges', async () => {
    notices.listMine.mockResolvedValue([
      { id: 'old', template: 'plain', title: '旧通知', sentAt: '2026-11-01T08:00:00Z', readAt: '2026-11-01T09:00:00Z', confirmedAt: null },
      { id: 'new', template: 'receipt', title: '新回执', sentAt: '2026-11-24T08:00:00Z', readAt: null, confirmedAt: null },
    ]);
    render(<NoticesPage />);
    await screen.findByText('新回执');
    expect(notices.listMine).toHaveBeenCalledWith({ orgId: ORG_A, memberId: 'm-a' });
    const items = [...document.querySelectorAll('.notices__item')];
    expect(items.map((el) => el.getAttribute('data-notice'))).toEqual(['new', 'old']);
    expect(items[0]!.textContent).toContain('回执');
    expect(items[0]!.textContent).toContain('未读');
    expect(items[1]!.textContent).not.toContain('未读');
    expect(screen.getByText('1 条未读')).toBeTruthy();
    expect(document.querySelector('.notices__compose')).toBeNull();

    fireEvent.click(items[0]!);
    expect(navigateTo).toHaveBeenCalledWith('notice', { id: 'new' });
  });

  it('says so when there is nothing', async () => {
    notices.listMine.mockResolvedValue([]);
    render(<NoticesPage />);
    expect(await screen.findByText('暂无通知')).toBeTruthy();
  });

  it('offers 发通知 and the statistics to a department head', async () => {
    notices.listMine.mockResolvedValue([]);
    notices.headedDepartments.mockResolvedValue([{ id: 'd1', name: '前端组' }]);
    render(<NoticesPage />);
    fireEvent.click(await screen.findByText('发通知'));
    expect(navigateTo).toHaveBeenCalledWith('noticeCompose');
    fireEvent.click(screen.getByText('我发的通知'));
    expect(navigateTo).toHaveBeenCalledWith('noticeStats');
  });

  it('shows an error with a retry', async () => {
    notices.listMine.mockRejectedValueOnce(new AppError({ kind: 'network', code: 'network_error', message: '网络异常，请稍后重试' }));
    notices.listMine.mockResolvedValueOnce([]);
    render(<NoticesPage />);
    fireEvent.click(await screen.findByText('重试'));
    expect(await screen.findByText('暂无通知')).toBeTruthy();
  });

  it('signs out when the session is gone, and sends a signed-out user to login', async () => {
    notices.listMine.mockRejectedValue(new AppError({ kind: 'session', code: 'PGRST301', message: '登录已失效，请重新登录', status: 401 }));
    render(<NoticesPage />);
    await waitFor(() => expect(showToast).toHaveBeenCalledWith('登录已失效，请重新登录'));
    expect(useSessionStore.getState().session).toBeNull();
    await waitFor(() => expect(reLaunch).toHaveBeenCalledWith('login'));
  });
});
