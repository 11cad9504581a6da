import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeSupabase, functionHttpError, type RecordedQuery } from '../test-support/fake-supabase';

let respond: (query: RecordedQuery) => { data: unknown; error: unknown; status?: number } = () => ({ data: [], error: null, status: 200 });
const fake = fakeSupabase((query) => respond(query));
vi.mock('./supabase.client', () => ({ getSupabase: async () => fake.client }));
vi.mock('./config.service', () => ({ getRuntimeConfig: async () => ({ supabaseUrl: 'http://gateway.test', anonKey: 'anon' }) }));

const { eventService } = await import('./event.service');
const { registrationService, pointIdOf } = await import('./registration.service');
const { mealService } = await import('./meal.service');
const { resourceService } = await import('./resource.service');
const { portalService } = await import('./portal.service');
const { scenarioErrorMessage } = await import('../lib/scenario');

const ME = { orgId: 'org-a', memberId: 'm-a' };
const POINT = '3f2b1c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';

beforeEach(() => {
  respond = () => ({ data: [], error: null, status: 200 });
  fake.queries.length = 0;
  fake.invoke.mockReset();
  fake.rpc.mockReset();
  fake.rpc.mockResolvedValue({ data: null, error: null, status: 200 });
});

describe('活动签到 (event.service)', () => {
  it('lists events not closed more than 12 h ago, soonest first, and my attendance', async () => {
    respond = (query) => ({
      data: query.table === 'events'
        ? [{ id: 'e1', title: '季度会', kind: 'meeting', location_name: 'A 座', radius_m: 200, sign_in_from: 'a', sign_in_until: 'b', sign_out_from: null, sign_out_until: null }]
        : [{ event_id: 'e1', signed_in_at: '2026-11-25T01:00:00Z', sign_in_distance_m: 12, signed_out_at: null, sign_out_distance_m: null }],
      error: null, status: 200,
    });
    const events = await eventService.list('org-a', new Date('2026-11-25T12:00:00Z'));
    expect(events).toEqual([{ id: 'e1', title: '季度会', kind: 'meeting', locationName: 'A 座', radiusM: 200, signInFrom: 'a', signInUntil: 'b', signOutFrom: null, signOutUntil: null }]);
    expect(fake.queries[0]!.calls).toEqual(expect.arrayContaining([
      ['eq', 'org_id', 'org-a'],
      ['or', 'sign_in_until.gte.2026-11-25T00:00:00.000Z,sign_out_until.gte.2026-11-25T00:00:00.000Z'],
      ['order', 'sign_in_from', { ascending: true }],
    ]));
    const attendance = await eventService.myAttendance(ME, ['e1']);
    expect(attendance[0]).toMatchObject({ eventId: 'e1', signInDistanceM: 12, signedOutAt: null });
    expect(fake.queries[1]!.calls).toEqual(expect.arrayContaining([['eq', 'member_id', 'm-a'], ['in', 'event_id', ['e1']]]));
    expect(await eventService.myAttendance(ME, [])).toEqual([]);
  });

  it('POST event-checkin {code, latitude, longitude, accuracy_m}; without a position only the code', async () => {
    fake.invoke.mockResolvedValueOnce({ data: { ok: true, action: 'in', signed_in_at: 'x', signed_out_at: null, distance_m: 35, title: '季度会' }, error: null });
    const result = await eventService.checkin({ code: ' YMEV1.e.in.1.sig ', latitude: 31.2, longitude: 121.5, accuracyM: 14.6 });
    expect(fake.invoke).toHaveBeenLastCalledWith('event-checkin', { method: 'POST', body: { code: 'YMEV1.e.in.1.sig', latitude: 31.2, longitude: 121.5, accuracy_m: 15 } });
    expect(result).toEqual({ action: 'in', title: '季度会', distanceM: 35, signedInAt: 'x', signedOutAt: null });

    fake.invoke.mockResolvedValueOnce({ data: null, error: functionHttpError(403, 'location_required', '请允许获取位置后再签到 (allow location access to sign in here)') });
    const refusal = eventService.checkin({ code: 'YMEV1.x' });
    await expect(refusal).rejects.toMatchObject({ code: 'location_required', status: 403 });
    expect(fake.invoke).toHaveBeenLastCalledWith('event-checkin', { method: 'POST', body: { code: 'YMEV1.x' } });
    expect(scenarioErrorMessage(await refusal.catch((e) => e))).toBe('请允许获取位置后再签到');
  });
});

describe('实名登记 (registration.service)', () => {
  it('reads yima:reg:<id> QR payloads', () => {
    expect(pointIdOf(`yima:reg:${POINT.toUpperCase()}`)).toBe(POINT);
    expect(pointIdOf(` ${POINT} `)).toBe(POINT);
    expect(pointIdOf('YMEV1.abc')).toBeNull();
  });

  it('GET registration-submit?point_id= and POST {point_id, answers}', async () => {
    fake.invoke.mockResolvedValueOnce({ data: { point: { id: POINT, name: '机房', purpose: '进出登记' }, form: { fields: [] } }, error: null });
    expect(await registrationService.point(POINT)).toEqual({ point: { id: POINT, name: '机房', purpose: '进出登记' }, form: { fields: [] } });
    expect(fake.invoke).toHaveBeenLastCalledWith(`registration-submit?point_id=${POINT}`, { method: 'GET' });

    fake.invoke.mockResolvedValueOnce({ data: { record: { id: 7, at: '2026-11-25T02:00:00Z' } }, error: null });
    expect(await registrationService.submit(POINT, { reason: '巡检' })).toEqual({ id: '7', at: '2026-11-25T02:00:00Z' });
    expect(fake.invoke).toHaveBeenLastCalledWith('registration-submit', { method: 'POST', body: { point_id: POINT, answers: { reason: '巡检' } } });

    fake.invoke.mockResolvedValueOnce({ data: null, error: functionHttpError(403, 'not_designated', '你不在该登记点的登记范围内 (you are not designated to register here)') });
    await expect(registrationService.submit(POINT, {})).rejects.toMatchObject({ code: 'not_designated' });
  });

  it('my records newest first with the point name', async () => {
    respond = () => ({ data: [{ id: 7, point_id: POINT, answers: { a: '1' }, at: 't', point: { name: '机房' } }], error: null, status: 200 });
    expect(await registrationService.mine(ME)).toEqual([{ id: '7', pointId: POINT, pointName: '机房', answers: { a: '1' }, at: 't' }]);
    expect(fake.queries[0]!.table).toBe('registration_records');
    expect(fake.queries[0]!.calls).toEqual(expect.arrayContaining([['eq', 'member_id', 'm-a'], ['order', 'at', { ascending: false }]]));
  });
});

describe('报餐 (meal.service)', () => {
  it('bookable periods, canteens taking bookings, my bookings in a range', async () => {
    respond = (query) => ({
      data: query.table === 'meal_periods'
        ? [{ id: 'p1', name: '午餐', starts: '11:30:00', ends: '13:00:00', booking_cutoff_minutes: 120 }]
        : query.table === 'merchants' ? [{ id: 'c1', name: '一食堂' }] : [{ id: 'b1', merchant_id: 'c1', meal_period_id: 'p1', day: '2026-11-26', status: 'booked' }],
      error: null, status: 200,
    });
    expect(await mealService.periods('org-a')).toEqual([{ id: 'p1', name: '午餐', starts: '11:30:00', ends: '13:00:00', cutoffMinutes: 120 }]);
    expect(fake.queries[0]!.calls).toEqual(expect.arrayContaining([['not', 'booking_cutoff_minutes', 'is', null]]));
    expect(await mealService.canteens('org-a')).toEqual([{ id: 'c1', name: '一食堂' }]);
    expect(fake.queries[1]!.calls).toEqual(expect.arrayContaining([['eq', 'takes_bookings', true], ['eq', 'active', true]]));
    expect(await mealService.mine(ME, '2026-11-25', '2026-12-01')).toEqual([{ id: 'b1', merchantId: 'c1', mealPeriodId: 'p1', day: '2026-11-26', status: 'booked' }]);
    expect(fake.queries[2]!.calls).toEqual(expect.arrayContaining([['eq', 'member_id', 'm-a'], ['gte', 'day', '2026-11-25'], ['lte', 'day', '2026-12-01'], ['neq', 'status', 'cancelled']]));
  });

  it('meal_book / meal_cancel / meal_headcounts; a YM611 cut-off shows the server sentence', async () => {
    fake.rpc.mockResolvedValueOnce({ data: { id: 'b2', merchant_id: 'c1', meal_period_id: 'p1', day: '2026-11-26', status: 'booked' }, error: null, status: 200 });
    expect(await mealService.book('c1', 'p1', '2026-11-26')).toMatchObject({ id: 'b2', status: 'booked' });
    expect(fake.rpc).toHaveBeenLastCalledWith('meal_book', { p_merchant: 'c1', p_meal_period: 'p1', p_day: '2026-11-26' });
    await mealService.cancel('b2');
    expect(fake.rpc).toHaveBeenLastCalledWith('meal_cancel', { p_booking: 'b2' });
    fake.rpc.mockResolvedValueOnce({ data: [{ day: '2026-11-26', meal_period_id: 'p1', meal_name: '午餐', merchant_id: 'c1', merchant_name: '一食堂', to_prepare: 40, booked: 42, redeemed: 0, no_show: 0, cancelled: 2 }], error: null, status: 200 });
    expect((await mealService.headcounts('org-a', '2026-11-25', '2026-12-01'))[0]).toMatchObject({ toPrepare: 40, booked: 42, cancelled: 2, mealName: '午餐' });
    expect(fake.rpc).toHaveBeenLastCalledWith('meal_headcounts', { p_org: 'org-a', p_from: '2026-11-25', p_to: '2026-12-01' });

    fake.rpc.mockResolvedValueOnce({ data: null, error: { code: 'YM611', message: '已过报餐截止时间 11-26 09:30 (booking closed at 11-26 09:30)' }, status: 400 });
    const caught = await mealService.book('c1', 'p1', '2026-11-26').catch((e) => e);
    expect(caught).toMatchObject({ code: 'YM611' });
    expect(scenarioErrorMessage(caught)).toBe('已过报餐截止时间 11-26 09:30');
  });
});

describe('资源预约 (resource.service)', () => {
  it('lists resources and a day’s live bookings (range overlap), parsing tstzrange', async () => {
    respond = (query) => ({
      data: query.table === 'resources'
        ? [{ id: 'r1', name: '301 会议室', kind: 'room', location: '3F', capacity: 10, open_hours: [{ days: [1, 2], start: '08:00', end: '20:00' }], requires_approval: true, max_hours: 4 }]
        : [{ id: 'b1', resource_id: 'r1', member_id: 'm-x', during: '["2026-11-26 02:00:00+00","2026-11-26 03:00:00+00")', status: 'approved', attendees: 3, purpose: null, reason: null, checked_in_at: null }],
      error: null, status: 200,
    });
    expect(await resourceService.list('org-a')).toEqual([{ id: 'r1', name: '301 会议室', kind: 'room', location: '3F', capacity: 10, openHours: [{ days: [1, 2], start: '08:00', end: '20:00' }], requiresApproval: true, maxHours: 4 }]);
    const taken = await resourceService.taken('org-a', 'r1', '2026-11-26T00:00:00+08:00', '2026-11-27T00:00:00+08:00');
    expect(taken[0]).toMatchObject({ id: 'b1', from: '2026-11-26T02:00:00+00:00', until: '2026-11-26T03:00:00+00:00', status: 'approved' });
    expect(new Date(taken[0]!.from).toISOString()).toBe('2026-11-26T02:00:00.000Z');
    expect(fake.queries[1]!.calls).toEqual(expect.arrayContaining([
      ['eq', 'resource_id', 'r1'],
      ['in', 'status', ['pending', 'approved', 'checked_in']],
      ['overlaps', 'during', '[2026-11-26T00:00:00+08:00,2026-11-27T00:00:00+08:00)'],
    ]));
    await resourceService.mine(ME);
    expect(fake.queries[2]!.calls).toEqual(expect.arrayContaining([['eq', 'member_id', 'm-a'], ['order', 'created_at', { ascending: false }]]));
  });

  it('resource_book / resource_cancel / resource_check_in; YM601 and YM602 keep their codes and sentences', async () => {
    fake.rpc.mockResolvedValueOnce({ data: { id: 'b9', status: 'pending' }, error: null, status: 200 });
    expect(await resourceService.book({ resourceId: 'r1', fromIso: 'f', untilIso: 'u', attendees: 3, purpose: '周会' })).toEqual({ id: 'b9', status: 'pending' });
    expect(fake.rpc).toHaveBeenLastCalledWith('resource_book', { p_resource: 'r1', p_from: 'f', p_until: 'u', p_attendees: 3, p_purpose: '周会' });
    await resourceService.cancel('b9');
    expect(fake.rpc).toHaveBeenLastCalledWith('resource_cancel', { p_booking: 'b9' });
    await resourceService.checkIn('b9');
    expect(fake.rpc).toHaveBeenLastCalledWith('resource_check_in', { p_booking: 'b9' });

    fake.rpc.mockResolvedValueOnce({ data: null, error: { code: 'YM601', message: '该时段已被预约 (this time slot is already booked)' }, status: 400 });
    await expect(resourceService.book({ resourceId: 'r1', fromIso: 'f', untilIso: 'u', attendees: 1, purpose: null })).rejects.toMatchObject({ code: 'YM601' });
    fake.rpc.mockResolvedValueOnce({ data: null, error: { code: 'YM602', message: '单次最长 4 小时 (at most 4 hours per booking)' }, status: 400 });
    const caught = await resourceService.book({ resourceId: 'r1', fromIso: 'f', untilIso: 'u', attendees: 1, purpose: null }).catch((e) => e);
    expect(scenarioErrorMessage(caught)).toBe('单次最长 4 小时');
    fake.rpc.mockResolvedValueOnce({ data: null, error: { code: '42501', message: '你不在该资源的可预约范围内 (this resource is not open to you)' }, status: 403 });
    expect(scenarioErrorMessage(await resourceService.cancel('b9').catch((e) => e))).toBe('你不在该资源的可预约范围内');
  });
});

describe('服务大厅 (portal.service)', () => {
  it('rpc portal_for_me(p_card) as categories and entries', async () => {
    fake.rpc.mockResolvedValueOnce({
      data: [{ id: 'c1', name: '常用', entries: [
        { id: 'e1', kind: 'app', app_key: 'meal_booking', name: null, description: null, logo_media_id: null, link_type: null, url: null, mp_appid: null, mp_path: null },
        { id: 'e2', kind: 'link', app_key: null, name: '报修', link_type: 'miniprogram', url: null, mp_appid: 'wx0123456789abcdef', mp_path: 'pages/a' },
        { id: 'bad', kind: 'weird' },
      ] }],
      error: null, status: 200,
    });
    const categories = await portalService.forMe('card-1');
    expect(fake.rpc).toHaveBeenLastCalledWith('portal_for_me', { p_card: 'card-1' });
    expect(categories).toHaveLength(1);
    expect(categories[0]!.entries.map((e) => e.id)).toEqual(['e1', 'e2']);
    expect(categories[0]!.entries[1]).toMatchObject({ kind: 'link', name: '报修', linkType: 'miniprogram', mpAppid: 'wx0123456789abcdef', mpPath: 'pages/a' });
  });

  it('the card of my newest live credential', async () => {
    respond = () => ({ data: { card_id: 'card-9' }, error: null, status: 200 });
    expect(await portalService.liveCardId(ME)).toBe('card-9');
    expect(fake.queries[0]!.table).toBe('credentials');
    expect(fake.queries[0]!.calls).toEqual(expect.arrayContaining([['eq', 'member_id', 'm-a'], ['is', 'revoked_at', null], ['maybeSingle']]));
  });
});
