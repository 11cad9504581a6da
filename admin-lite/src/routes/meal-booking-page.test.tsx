import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { downloadFile } from '../lib/download.ts';
import { buildHeadcountXlsx } from '../lib/scenario-export.ts';
import { listBookingPeriods, listCanteens, mealHeadcounts, noShowReport, setBookingCutoff, setTakesBookings } from '../services/meal-booking.service.ts';
import { adminProfile, adminSession, ORG_ID } from '../test/fixtures.ts';
import { renderRoute } from '../test/render.tsx';
import { MealBookingPage } from './meal-booking-page.tsx';

vi.mock('../services/meal-booking.service.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../services/meal-booking.service.ts')>()),
  listBookingPeriods: vi.fn(),
  listCanteens: vi.fn(),
  setBookingCutoff: vi.fn(),
  setTakesBookings: vi.fn(),
  mealHeadcounts: vi.fn(),
  noShowReport: vi.fn(),
}));
vi.mock('../lib/download.ts', () => ({ downloadFile: vi.fn() }));
vi.mock('../lib/scenario-export.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../lib/scenario-export.ts')>()),
  buildHeadcountXlsx: vi.fn(async () => new ArrayBuffer(4)),
}));

const TODAY = new Date(2026, 10, 25, 12, 0, 0);
const ROW = { day: '2026-11-25', meal_period_id: 'mp1', meal_name: '午餐', merchant_id: 'mc1', merchant_name: '第一食堂', to_prepare: 10, booked: 2, redeemed: 7, no_show: 1, cancelled: 3 };
const PERIOD = { id: 'mp1', name: '午餐', starts: '11:00', ends: '13:30', booking_cutoff_minutes: 120 };

beforeEach(() => {
  vi.mocked(mealHeadcounts).mockResolvedValue([ROW, { ...ROW, merchant_id: 'mc2', merchant_name: '第二食堂', to_prepare: 5, booked: 5, redeemed: 0, no_show: 0, cancelled: 1 }]);
  vi.mocked(noShowReport).mockResolvedValue([{ member_id: 'm2', name: '王芳', employee_no: 'E002', no_shows: 2, last_day: '2026-11-24' }]);
  vi.mocked(listBookingPeriods).mockResolvedValue([PERIOD]);
  vi.mocked(listCanteens).mockResolvedValue([{ id: 'mc1', name: '第一食堂', active: true, takes_bookings: false }]);
});

const renderPage = (profile = adminProfile()) => renderRoute('/scenario/meal-booking', '/scenario/meal-booking', <MealBookingPage session={adminSession()} profile={profile} today={TODAY} />);

describe('MealBookingPage', () => {
  it('shows the headcounts with a totals row and exports them', async () => {
    renderPage();
    await screen.findByText('第二食堂');
    expect(mealHeadcounts).toHaveBeenCalledWith(ORG_ID, '2026-11-19', '2026-11-25');
    const total = screen.getByText('合计').closest('tr')!;
    expect([...total.querySelectorAll('th')].map((c) => c.textContent)).toEqual(['合计', '', '', '15', '7', '7', '1', '4']);
    expect((await screen.findByText('王芳')).closest('tr')!.textContent).toContain('2026-11-24');

    fireEvent.click(screen.getByRole('button', { name: '导出 Excel' }));
    await waitFor(() => expect(downloadFile).toHaveBeenCalled());
    expect(vi.mocked(buildHeadcountXlsx).mock.calls[0]![1]).toEqual({ to_prepare: 15, booked: 7, redeemed: 7, no_show: 1, cancelled: 4 });
    expect(vi.mocked(downloadFile).mock.calls[0]![1]).toBe('备餐人数_2026-11-19_2026-11-25.xlsx');
  });

  it('saves a cut-off (blank = not bookable) and toggles takes_bookings', async () => {
    vi.mocked(setBookingCutoff).mockResolvedValue({ ...PERIOD, booking_cutoff_minutes: null });
    vi.mocked(setTakesBookings).mockResolvedValue({ id: 'mc1', name: '第一食堂', active: true, takes_bookings: true });
    renderPage();
    const settings = await screen.findByRole('region', { name: '报餐设置' });
    const input = await within(settings).findByLabelText('午餐的报餐截止分钟数');
    fireEvent.change(input, { target: { value: 'abc' } });
    fireEvent.click(within(input.closest('tr')!).getByRole('button', { name: '保存' }));
    expect(await within(settings).findByText('请填写 0～10080 的整数，或留空')).toBeTruthy();
    fireEvent.change(input, { target: { value: '' } });
    fireEvent.click(within(input.closest('tr')!).getByRole('button', { name: '保存' }));
    await waitFor(() => expect(setBookingCutoff).toHaveBeenCalledWith(ORG_ID, 'mp1', null));
    fireEvent.click(await within(settings).findByLabelText('第一食堂接受报餐'));
    await waitFor(() => expect(setTakesBookings).toHaveBeenCalledWith(ORG_ID, 'mc1', true));
    expect(await screen.findByText('“第一食堂”已开始接受报餐')).toBeTruthy();
  });

  it('shows the settings read-only without the payment function', async () => {
    renderPage(adminProfile({ is_super: false, functions: [], apps: ['meal_booking'] }));
    expect(await screen.findByText(/需要“支付管理”权限/)).toBeTruthy();
    expect(((await screen.findByLabelText('午餐的报餐截止分钟数')) as HTMLInputElement).disabled).toBe(true);
  });
});
