import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { adminSession, ORG_ID } from '../test/fixtures.ts';
import { callsTo, fakeFetch, jsonResponse, type FakeHandler } from '../test/fake-fetch.ts';
import { headcountTotals, listBookingPeriods, mealHeadcounts, noShowReport, setBookingCutoff, setTakesBookings } from './meal-booking.service.ts';
import { saveSession } from './session.service.ts';
import { initBackend } from './supabase-client.ts';

let fetchMock: ReturnType<typeof fakeFetch>;
const use = (handler: FakeHandler) => {
  fetchMock = fakeFetch(handler);
  vi.stubGlobal('fetch', fetchMock);
};
beforeEach(() => {
  initBackend({ supabaseUrl: 'http://gw.test', anonKey: 'anon-key', localMode: true });
  saveSession(adminSession());
});
afterEach(() => vi.unstubAllGlobals());

const COUNT = { day: '2026-11-25', meal_period_id: 'mp1', meal_name: '午餐', merchant_id: 'mc1', merchant_name: '第一食堂', to_prepare: 10, booked: 2, redeemed: 7, no_show: 1, cancelled: 3 };

describe('meal booking service', () => {
  it('reads the periods with their cut-off and writes the cut-off and takes_bookings', async () => {
    use((request) =>
      request.url.pathname === '/rest/v1/merchants'
        ? jsonResponse([{ id: 'mc1', name: '第一食堂', active: true, takes_bookings: true }])
        : jsonResponse([{ id: 'mp1', name: '午餐', starts: '11:00:00', ends: '13:30:00', booking_cutoff_minutes: 120 }]),
    );
    expect(await listBookingPeriods(ORG_ID)).toEqual([{ id: 'mp1', name: '午餐', starts: '11:00', ends: '13:30', booking_cutoff_minutes: 120 }]);
    await setBookingCutoff(ORG_ID, 'mp1', null);
    const patch = callsTo(fetchMock, '/rest/v1/meal_periods')[1]!;
    expect(patch.method).toBe('PATCH');
    expect(patch.body).toEqual({ booking_cutoff_minutes: null });
    expect(patch.url.searchParams.get('id')).toBe('eq.mp1');
    await setTakesBookings(ORG_ID, 'mc1', true);
    expect(callsTo(fetchMock, '/rest/v1/merchants')[0]!.body).toEqual({ takes_bookings: true });
  });

  it('calls meal_headcounts with the days and sums the totals', async () => {
    use(() => jsonResponse([COUNT, { ...COUNT, merchant_id: 'mc2', to_prepare: '5', booked: 5, redeemed: 0, no_show: 0, cancelled: 0 }]));
    const rows = await mealHeadcounts(ORG_ID, '2026-11-19', '2026-11-25');
    expect(callsTo(fetchMock, '/rest/v1/rpc/meal_headcounts')[0]!.body).toEqual({ p_org: ORG_ID, p_from: '2026-11-19', p_to: '2026-11-25' });
    expect(headcountTotals(rows)).toEqual({ to_prepare: 15, booked: 7, redeemed: 7, no_show: 1, cancelled: 3 });
  });

  it('counts no-shows per member over the days, most first', async () => {
    use((request) =>
      request.url.pathname === '/rest/v1/members'
        ? jsonResponse([{ id: 'm1', name: '张伟', employee_no: 'E001' }, { id: 'm2', name: '王芳', employee_no: 'E002' }])
        : jsonResponse([
            { id: 'b1', member_id: 'm2', day: '2026-11-20' },
            { id: 'b2', member_id: 'm1', day: '2026-11-21' },
            { id: 'b3', member_id: 'm2', day: '2026-11-24' },
          ]),
    );
    expect(await noShowReport(ORG_ID, '2026-11-19', '2026-11-25')).toEqual([
      { member_id: 'm2', name: '王芳', employee_no: 'E002', no_shows: 2, last_day: '2026-11-24' },
      { member_id: 'm1', name: '张伟', employee_no: 'E001', no_shows: 1, last_day: '2026-11-21' },
    ]);
    const call = callsTo(fetchMock, '/rest/v1/meal_bookings')[0]!;
    expect(call.url.searchParams.get('status')).toBe('eq.no_show');
    expect(call.url.searchParams.getAll('day')).toEqual(['gte.2026-11-19', 'lte.2026-11-25']);
  });
});
