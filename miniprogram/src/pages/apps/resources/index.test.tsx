import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../services/errors';
import { resourceService, type ResourceBooking } from '../../../services/resource.service';
import { useSessionStore } from '../../../stores/session.store';
import { ORG_A, sessionFor } from '../../../test-support/sessions';
import ResourcesPage from './index';

vi.mock('../../../services/resource.service', () => ({
  resourceService: { list: vi.fn(), taken: vi.fn(), mine: vi.fn(), book: vi.fn(), cancel: vi.fn(), checkIn: vi.fn() },
}));
vi.mock('../../../platform/navigation', () => ({ reLaunch: vi.fn(async () => undefined), navigateTo: vi.fn(async () => undefined) }));
vi.mock('../../../platform/ui', () => ({ showToast: vi.fn() }));
vi.mock('../../../platform/storage', async () => ({ taroStorage: (await import('../../../test-support/memory-storage')).memoryStorage() }));

const resources = vi.mocked(resourceService);
const booking = (id: string, extra: Partial<ResourceBooking> = {}): ResourceBooking => ({
  id, resourceId: 'r1', resourceName: '301 会议室', memberId: 'm-a', from: '2026-11-25T02:00:00Z', until: '2026-11-25T03:00:00Z',
  status: 'approved', attendees: 2, purpose: null, reason: null, checkedInAt: null, ...extra,
});

beforeEach(() => {
  vi.clearAllMocks();
  // 09:55 on 2026-11-25 in Beijing.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-11-25T01:55:00Z'));
  useSessionStore.setState({ session: sessionFor() });
  resources.list.mockResolvedValue([
    { id: 'r1', name: '301 会议室', kind: 'room', location: '3F', capacity: 10, openHours: [{ start: '08:00', end: '20:00' }], requiresApproval: false, maxHours: 4 },
  ]);
  resources.mine.mockResolvedValue([booking('mine-1')]);
  resources.taken.mockResolvedValue([booking('t1', { memberId: 'm-x', from: '2026-11-25T06:00:00Z', until: '2026-11-25T07:00:00Z' })]);
  resources.book.mockResolvedValue({ id: 'b9', status: 'approved' });
  resources.cancel.mockResolvedValue(undefined);
  resources.checkIn.mockResolvedValue(undefined);
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('资源预约', () => {
  it('lists resources and my bookings; 签到 shows around the start', async () => {
    render(<ResourcesPage />);
    expect(await screen.findByText('开放时间：08:00–20:00')).toBeTruthy();
    const mine = document.querySelector('.resources__booking[data-booking="mine-1"]')!;
    expect(mine.textContent).toContain('11-25 10:00–11:00');
    fireEvent.click(mine.querySelector('.resources__check-in')!);
    await waitFor(() => expect(resources.checkIn).toHaveBeenCalledWith('mine-1'));
    expect(resources.mine).toHaveBeenCalledWith({ orgId: ORG_A, memberId: 'm-a' });
  });

  it('choosing a resource shows the day’s taken slots; 预约 books the default slot', async () => {
    render(<ResourcesPage />);
    fireEvent.click(await screen.findByText('3F · 可容纳 10 人 · 单次最长 4 小时'));
    expect(await screen.findByText('14:00–15:00 已预约')).toBeTruthy();
    expect(resources.taken).toHaveBeenCalledWith(ORG_A, 'r1', '2026-11-25T00:00:00+08:00', '2026-11-26T00:00:00+08:00');
    fireEvent.click(screen.getByText('预约'));
    await waitFor(() =>
      expect(resources.book).toHaveBeenCalledWith({ resourceId: 'r1', fromIso: '2026-11-25T10:00:00+08:00', untilIso: '2026-11-25T11:00:00+08:00', attendees: 1, purpose: null }),
    );
    await waitFor(() => expect(resources.taken).toHaveBeenCalledTimes(2));
  });

  it('YM601 says the slot is taken; YM602 shows the server reason', async () => {
    resources.book.mockRejectedValueOnce(new AppError({ kind: 'invalid', code: 'YM601', message: '请求无效', detail: '该时段已被预约 (this time slot is already booked)' }));
    render(<ResourcesPage />);
    fireEvent.click(await screen.findByText('301 会议室', { selector: '.resources__item .resources__name' }));
    await screen.findByText('14:00–15:00 已预约');
    fireEvent.click(screen.getByText('预约'));
    expect(await screen.findByText('该时段已被预约，请换个时间')).toBeTruthy();

    resources.book.mockRejectedValueOnce(new AppError({ kind: 'invalid', code: 'YM602', message: '请求无效', detail: '不在开放时间内 (outside the opening hours)' }));
    fireEvent.click(screen.getByText('预约'));
    expect(await screen.findByText('不在开放时间内')).toBeTruthy();
  });

  it('取消预约 calls resource_cancel', async () => {
    render(<ResourcesPage />);
    const cancel = await waitFor(() => {
      const found = document.querySelector('.resources__booking[data-booking="mine-1"] .resources__cancel');
      if (!found) throw new Error('no cancel yet');
      return found;
    });
    fireEvent.click(cancel);
    await waitFor(() => expect(resources.cancel).toHaveBeenCalledWith('mine-1'));
  });
});
