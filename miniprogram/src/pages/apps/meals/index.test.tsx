import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { showToast } from '../../../platform/ui';
import { AppError } from '../../../services/errors';
import { mealService } from '../../../services/meal.service';
import { merchantService } from '../../../services/merchant.service';
import { useSessionStore } from '../../../stores/session.store';
import { ORG_A, sessionFor } from '../../../test-support/sessions';
import MealsPage from './index';

vi.mock('../../../services/meal.service', () => ({
  mealService: { periods: vi.fn(), canteens: vi.fn(), mine: vi.fn(), book: vi.fn(), cancel: vi.fn(), headcounts: vi.fn() },
}));
vi.mock('../../../services/merchant.service', () => ({ merchantService: { operatedMerchantIds: vi.fn() } }));
vi.mock('../../../platform/navigation', () => ({ reLaunch: vi.fn(async () => undefined), navigateTo: vi.fn(async () => undefined) }));
vi.mock('../../../platform/ui', () => ({ showToast: vi.fn() }));
vi.mock('../../../platform/storage', async () => ({ taroStorage: (await import('../../../test-support/memory-storage')).memoryStorage() }));

const meals = vi.mocked(mealService);
const operators = vi.mocked(merchantService);

function item(period: string): Element {
  const found = document.querySelector(`.meals__item[data-period="${period}"]`);
  if (!found) throw new Error(`no ${period}`);
  return found;
}

beforeEach(() => {
  vi.clearAllMocks();
  // 08:00 on 2026-11-25 in Beijing.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-11-25T00:00:00Z'));
  useSessionStore.setState({ session: sessionFor() });
  meals.periods.mockResolvedValue([
    { id: 'breakfast', name: '早餐', starts: '07:00:00', ends: '09:00:00', cutoffMinutes: 60 },
    { id: 'lunch', name: '午餐', starts: '11:30:00', ends: '13:00:00', cutoffMinutes: 120 },
    { id: 'dinner', name: '晚餐', starts: '17:30:00', ends: '19:00:00', cutoffMinutes: 120 },
  ]);
  meals.canteens.mockResolvedValue([{ id: 'c1', name: '一食堂' }]);
  meals.mine.mockResolvedValue([{ id: 'b1', merchantId: 'c1', mealPeriodId: 'dinner', day: '2026-11-25', status: 'booked' }]);
  meals.book.mockResolvedValue({ id: 'b2', merchantId: 'c1', mealPeriodId: 'lunch', day: '2026-11-25', status: 'booked' });
  meals.cancel.mockResolvedValue(undefined);
  meals.headcounts.mockResolvedValue([]);
  operators.operatedMerchantIds.mockResolvedValue([]);
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('报餐', () => {
  it('shows 7 days and today’s meals with cut-offs and my booking', async () => {
    render(<MealsPage />);
    expect(await screen.findByText('午餐')).toBeTruthy();
    expect(document.querySelectorAll('.meals__day')).toHaveLength(7);
    expect(screen.getByText('今天')).toBeTruthy();
    expect(meals.mine).toHaveBeenCalledWith({ orgId: ORG_A, memberId: 'm-a' }, '2026-11-25', '2026-12-01');
    expect(item('breakfast').textContent).toContain('已截止');
    expect(item('breakfast').querySelector('.meals__book')).toBeNull();
    expect(item('lunch').textContent).toContain('11-25 09:30 截止报餐');
    expect(item('dinner').textContent).toContain('已报餐 · 一食堂');
    expect(document.querySelector('.meals__tabs')).toBeNull();
  });

  it('报餐 calls meal_book for the day; a refusal shows the server sentence', async () => {
    render(<MealsPage />);
    await screen.findByText('午餐');
    fireEvent.click(item('lunch').querySelector('.meals__book')!);
    await waitFor(() => expect(meals.book).toHaveBeenCalledWith('c1', 'lunch', '2026-11-25'));
    await waitFor(() => expect(meals.mine).toHaveBeenCalledTimes(2));

    meals.book.mockRejectedValueOnce(new AppError({ kind: 'conflict', code: 'YM612', message: '操作冲突', detail: '这一餐已经预订过了 (you already booked this meal)' }));
    fireEvent.click(document.querySelector('.meals__day[data-day="2026-11-26"]')!);
    fireEvent.click(item('lunch').querySelector('.meals__book')!);
    await waitFor(() => expect(showToast).toHaveBeenCalledWith('这一餐已经预订过了'));
    expect(meals.book).toHaveBeenLastCalledWith('c1', 'lunch', '2026-11-26');
  });

  it('取消 calls meal_cancel before the cut-off', async () => {
    render(<MealsPage />);
    await screen.findByText('晚餐');
    fireEvent.click(item('dinner').querySelector('.meals__cancel')!);
    await waitFor(() => expect(meals.cancel).toHaveBeenCalledWith('b1'));
  });

  it('canteen operators see the day’s headcounts', async () => {
    operators.operatedMerchantIds.mockResolvedValue(['c1']);
    meals.headcounts.mockResolvedValue([
      { day: '2026-11-25', mealPeriodId: 'lunch', mealName: '午餐', merchantId: 'c1', merchantName: '一食堂', toPrepare: 40, booked: 42, redeemed: 0, noShow: 0, cancelled: 2 },
    ]);
    render(<MealsPage />);
    fireEvent.click(await screen.findByText('备餐人数'));
    expect(await screen.findByText('备餐 40 份')).toBeTruthy();
    expect(screen.getByText('一食堂 · 午餐')).toBeTruthy();
    expect(meals.headcounts).toHaveBeenCalledWith(ORG_A, '2026-11-25', '2026-12-01');
  });
});
