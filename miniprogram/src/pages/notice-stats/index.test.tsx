import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../services/errors';
import { noticeService } from '../../services/notice.service';
import { useSessionStore } from '../../stores/session.store';
import { ORG_A, sessionFor } from '../../test-support/sessions';
import NoticeStatsPage from './index';

vi.mock('../../services/notice.service', () => ({ noticeService: { listSent: vi.fn(), stats: vi.fn() } }));
vi.mock('../../platform/navigation', () => ({ reLaunch: vi.fn(async () => undefined), navigateTo: vi.fn(async () => undefined) }));
vi.mock('../../platform/ui', () => ({ showToast: vi.fn() }));
vi.mock('../../platform/storage', async () => ({ taroStorage: (await import('../../test-support/memory-storage')).memoryStorage() }));

const service = vi.mocked(noticeService);

beforeEach(() => {
  vi.clearAllMocks();
  useSessionStore.setState({ session: sessionFor() });
});
afterEach(cleanup);

describe('my sent notices (statistics)', () => {
  it('says so when I sent nothing', async () => {
    service.listSent.mockResolvedValue([]);
    render(<NoticeStatsPage />);
    expect(await screen.findByText('你还没有发过通知')).toBeTruthy();
    expect(service.listSent).toHaveBeenCalledWith({ orgId: ORG_A, memberId: 'm-a' });
  });

  it('shows total and read per department for a notice I tap', async () => {
    service.listSent.mockResolvedValue([
      { id: 'n1', template: 'plain', title: '周五开会', status: 'sent', sentAt: '2026-11-24T08:00:00Z', createdAt: '2026-11-24T08:00:00Z', recipientCount: 3 },
    ]);
    service.stats.mockResolvedValue({
      total: 3,
      read: 1,
      confirmed: 0,
      responses: 0,
      byDepartment: [
        { departmentId: 'd1', name: '前端组', total: 2, read: 1 },
        { departmentId: 'd2', name: '测试组', total: 1, read: 0 },
      ],
    });
    render(<NoticeStatsPage />);
    expect(await screen.findByText('已发送')).toBeTruthy();
    fireEvent.click(screen.getByText('周五开会'));
    expect(await screen.findByText('共 3 人，已读 1 人')).toBeTruthy();
    expect(service.stats).toHaveBeenCalledWith('n1');
    const rows = [...document.querySelectorAll('.stats__row')].map((row) => row.textContent);
    expect(rows).toEqual(['前端组1/2', '测试组0/1']);
    fireEvent.click(screen.getByText('周五开会'));
    expect(screen.queryByText('共 3 人，已读 1 人')).toBeNull();
  });

  it('explains a refusal of notice_stats', async () => {
    service.listSent.mockResolvedValue([
      { id: 'n1', template: 'plain', title: '周五开会', status: 'sent', sentAt: null, createdAt: '2026-11-24T08:00:00Z', recipientCount: 0 },
    ]);
    service.stats.mockRejectedValue(new AppError({ kind: 'permission', code: '42501', message: '没有权限执行此操作' }));
    render(<NoticeStatsPage />);
    fireEvent.click(await screen.findByText('周五开会'));
    expect(await screen.findByText('没有权限执行此操作')).toBeTruthy();
  });
});
